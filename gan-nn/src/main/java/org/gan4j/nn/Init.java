package org.gan4j.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        double[] v = new double[(int) target.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (random.nextDouble() * 2 - 1) * bound;
        }
        target.assign(Nd4j.create(v, target.shape(), 'c').castTo(target.dataType()));
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
        double[] v = new double[(int) target.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = mean + std * random.nextGaussian();
        }
        target.assign(Nd4j.create(v, target.shape(), 'c').castTo(target.dataType()));
    }
}
