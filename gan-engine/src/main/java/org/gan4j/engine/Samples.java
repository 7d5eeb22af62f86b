package org.gan4j.engine;

import java.awt.image.BufferedImage;
import java.util.List;
import org.gan4j.engine.internal.Images;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Generator output with the labels it was asked for.
 *
 * @param x samples {@code [n, ...sampleShape]} (images in [-1, 1])
 * @param labels the class asked for per sample, or null for an unconditional generator
 * @param numClasses the model's class count, 0 when unlabelled
 */
public record Samples(INDArray x, int[] labels, int numClasses) {

    /**
     * The number of columns of a class grid: one row per class when {@code n} samples are spread evenly over
     * {@code numClasses} classes in order.
     *
     * @param n samples
     * @param numClasses classes
     * @return {@code ceil(n / numClasses)}, at least 1
     */
    public static int classGridColumns(int n, int numClasses) {
        return Math.max(1, (n + numClasses - 1) / Math.max(1, numClasses));
    }

    /**
     * The samples as pictures, one per sample, for image generators ({@code [n, C, H, W]} with C = 1 or 3).
     *
     * @return n RGB images, generator output mapped from [-1, 1] to [0, 255]
     * @throws IllegalStateException when the samples are not images (2-D points, say)
     */
    public List<BufferedImage> images() {
        return images(x);
    }

    /**
     * Network outputs as pictures, one per sample, for images {@code [n, C, H, W]} with C = 1 or 3 in [-1, 1] (a
     * generator's or a translation network's output).
     *
     * @param x the images
     * @return n RGB images, [-1, 1] mapped to [0, 255]
     * @throws IllegalStateException when {@code x} is not a batch of images
     */
    public static List<BufferedImage> images(INDArray x) {
        if (x.rank() != 4 || (x.size(1) != 1 && x.size(1) != 3)) {
            throw new IllegalStateException("samples of shape " + java.util.Arrays.toString(x.shape())
                    + " are not images [n, 1|3, H, W]");
        }
        return Images.each(Images.toUnit(x));
    }

    /**
     * Tells whether the samples were drawn for given labels.
     *
     * @return true for a conditional generator
     */
    public boolean conditional() {
        return labels != null;
    }
}
