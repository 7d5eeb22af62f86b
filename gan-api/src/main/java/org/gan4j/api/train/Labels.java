package org.gan4j.api.train;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How labels enter conditional networks (Mirza &amp; Osindero 2014), shared by conditional schedules and the engine's
 * sampling so that both feed a generator the same way.
 *
 * <ul>
 *   <li>A generator's input is {@code z ⊕ one-hot(y)}: {@code [n, latent + K]}, noise first.</li>
 *   <li>A discriminator with a flat input takes {@code flatten(x) ⊕ one-hot(y)}: {@code [n, size + K]} (the MLP
 *       form); one with an image input {@code [C + K, H, W]} takes K constant planes after the image's channels,
 *       plane y all ones (the convolutional form).</li>
 * </ul>
 */
public final class Labels {
    private Labels() {
    }

    /**
     * One-hot rows for class indices.
     *
     * @param labels class indices {@code [n]} (integers stored in any numeric type)
     * @param numClasses K
     * @return {@code [n, K]} float
     * @throws IllegalArgumentException when a label is outside {@code [0, K)}
     */
    public static INDArray oneHot(INDArray labels, int numClasses) {
        int n = (int) labels.length();
        float[] v = new float[n * numClasses];
        for (int i = 0; i < n; i++) {
            int y = labels.getInt(i);
            if (y < 0 || y >= numClasses) {
                throw new IllegalArgumentException("label " + y + " is outside [0, " + numClasses + ")");
            }
            v[i * numClasses + y] = 1f;
        }
        return Nd4j.create(v, new long[] {n, numClasses}, DataType.FLOAT);
    }

    /**
     * Class indices as an array for {@link #oneHot}.
     *
     * @param labels indices
     * @return {@code [n]} float
     */
    public static INDArray of(int... labels) {
        float[] v = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            v[i] = labels[i];
        }
        return Nd4j.create(v, new long[] {labels.length}, DataType.FLOAT);
    }

    /**
     * The input shape of a conditional discriminator.
     *
     * @param sampleShape one sample's shape
     * @param numClasses K
     * @param flat true for the flat (MLP) form
     * @return {@code [size + K]} when flat, else {@code [C + K, H, W]} for images ({@code [d + K]} for vectors)
     */
    public static long[] discriminatorShape(long[] sampleShape, int numClasses, boolean flat) {
        if (flat || sampleShape.length != 3) {
            return new long[] {Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b) + numClasses};
        }
        return new long[] {sampleShape[0] + numClasses, sampleShape[1], sampleShape[2]};
    }

    /**
     * The shape of the noise part of a conditional generator's input.
     *
     * @param inputShape the generator's input shape, labels included ({@code [latent + K]} or
     *     {@code [latent + K, 1, 1]})
     * @param numClasses K
     * @return the input shape with K taken off its first dimension
     */
    public static long[] noiseShape(long[] inputShape, int numClasses) {
        long[] s = inputShape.clone();
        s[0] -= numClasses;
        return s;
    }

    /**
     * A conditional generator's input.
     *
     * @param z noise {@code [n, ...noiseShape]}
     * @param oneHot {@code [n, K]}
     * @param inputShape the generator's input shape without the batch dimension
     * @return {@code [n, ...inputShape]}: z's values then the labels, a new array
     */
    public static INDArray generatorInput(INDArray z, INDArray oneHot, long[] inputShape) {
        long n = z.size(0);
        long[] shape = org.gan4j.api.nn.Shapes.withBatch(n, inputShape);
        return Nd4j.concat(1, z.reshape(n, -1), oneHot.castTo(z.dataType())).reshape(shape);
    }

    /**
     * A conditional discriminator's input in the layout its input shape asks for.
     *
     * @param x samples {@code [n, ...sampleShape]}
     * @param oneHot {@code [n, K]}
     * @param inputShape the discriminator's input shape (see {@link #discriminatorShape})
     * @return the input, a new array
     * @throws IllegalArgumentException when the shape fits neither form
     */
    public static INDArray discriminatorInput(INDArray x, INDArray oneHot, long[] inputShape) {
        long n = x.size(0);
        long k = oneHot.size(1);
        if (inputShape.length == 1 && inputShape[0] == x.length() / n + k) {
            return Nd4j.concat(1, x.reshape(n, -1), oneHot.castTo(x.dataType()));
        }
        if (x.rank() == 4 && inputShape.length == 3 && inputShape[0] == x.size(1) + k
                && inputShape[1] == x.size(2) && inputShape[2] == x.size(3)) {
            long plane = x.size(2) * x.size(3);
            double[] v = new double[(int) (n * k * plane)];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    if (oneHot.getDouble(i, c) != 0) {
                        java.util.Arrays.fill(v, (int) ((i * k + c) * plane), (int) ((i * k + c + 1) * plane),
                                oneHot.getDouble(i, c));
                    }
                }
            }
            INDArray planes = Nd4j.create(v, new long[] {n, k, x.size(2), x.size(3)}, DataType.DOUBLE).castTo(x.dataType());
            return Nd4j.concat(1, x, planes);
        }
        throw new IllegalArgumentException("a discriminator with input " + Arrays.toString(inputShape)
                + " takes no labels for samples " + Arrays.toString(Arrays.copyOfRange(x.shape(), 1, x.rank()))
                + " and " + k + " classes; expected " + Arrays.toString(discriminatorShape(x.shape().length == 4
                        ? Arrays.copyOfRange(x.shape(), 1, 4) : new long[] {x.length() / n}, (int) k, false)));
    }

    /**
     * The part of a conditional discriminator's input gradient that belongs to the sample, for back-propagating
     * into the generator (the labels are constants).
     *
     * @param gradInput dLoss/dInput of the discriminator, in the layout {@link #discriminatorInput} built
     * @param sampleShape the samples' shape with the batch dimension
     * @return dLoss/dSample of shape {@code sampleShape}
     */
    public static INDArray sampleGradient(INDArray gradInput, long[] sampleShape) {
        long n = sampleShape[0];
        if (gradInput.rank() == 2) {
            long size = Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b) / n;
            return gradInput.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, size)).dup('c').reshape(sampleShape);
        }
        return gradInput.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, sampleShape[1]),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c');
    }
}
