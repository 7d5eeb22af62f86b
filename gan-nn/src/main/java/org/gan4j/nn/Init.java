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
        Kernels k = Kernels.local();
        int n = (int) target.length();
        double[] v = k.slot(0, n);
        for (int i = 0; i < n; i++) {
            v[i] = (random.nextDouble() * 2 - 1) * bound;
        }
        // straight into the parameter vector: a temporary array per layer left hundreds of MB of garbage (measured)
        k.write(v, target);
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
        Kernels k = Kernels.local();
        int n = (int) target.length();
        double[] v = k.slot(0, n);
        for (int i = 0; i < n; i++) {
            v[i] = mean + std * random.nextGaussian();
        }
        k.write(v, target);
    }
}
