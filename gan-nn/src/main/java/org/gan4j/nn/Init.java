package org.gan4j.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Weight initialisation from a JVM random stream, so that a seed alone fixes every initial weight regardless of ND4J's
 * global random state.
 */
public final class Init {
    private Init() {
    }

    /**
     * Fills {@code target} with U(-bound, bound).
     *
     * @param target the array to overwrite
     * @param random the stream
     * @param bound the half-width
     */
    public static void uniform(INDArray target, SplittableRandom random, double bound) {
        Kernels.fill(target, () -> (random.nextDouble() * 2 - 1) * bound);
    }

    /**
     * Fills {@code target} with N(mean, std²).
     *
     * @param target the array to overwrite
     * @param random the stream
     * @param mean the mean
     * @param std the standard deviation
     */
    public static void normal(INDArray target, SplittableRandom random, double mean, double std) {
        Kernels.fill(target, () -> mean + std * random.nextGaussian());
    }

    /**
     * The initialisation of DCGAN (Radford et al.), pix2pix and CycleGAN: convolution weights N(0, 0.02), BatchNorm
     * scales N(1, 0.02), and with {@code zeroBias} convolution biases 0 (pix2pix and CycleGAN do; the PyTorch DCGAN
     * example keeps the default bias init).
     *
     * @param layers the layers (each does its part: {@link Layer#initializeGaussian}; blocks recurse)
     * @param random the initialisation stream
     * @param zeroBias whether to zero convolution biases
     */
    public static void gaussian(java.util.List<Layer> layers, SplittableRandom random, boolean zeroBias) {
        for (Layer l : layers) {
            l.initializeGaussian(random, zeroBias);
        }
    }
}
