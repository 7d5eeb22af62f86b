package org.gan4j.engine.internal;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Counter-based randomness: every draw is a pure function of (seed, counter, stream). A checkpoint therefore needs
 * only the seed and the step to reproduce every later draw, and no RNG object has to be serialised.
 */
public final class Rng {
    private Rng() {
    }

    /**
     * A generator for one (seed, counter, stream) triple.
     *
     * @param seed the run seed
     * @param counter the step, epoch or other counter
     * @param stream a name that separates independent uses
     * @return a fresh generator
     */
    public static SplittableRandom of(long seed, long counter, String stream) {
        long h = mix(seed);
        h = mix(h ^ counter);
        h = mix(h ^ stream.hashCode());
        return new SplittableRandom(h);
    }

    /**
     * Standard normal noise as a float array.
     *
     * @param random the generator
     * @param shape the shape
     * @return a new array
     */
    public static INDArray normal(SplittableRandom random, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Nd4j.create(v, shape, DataType.FLOAT);
    }

    /**
     * Rows {@code [from, from + rows)} of the standard normal array {@link #normal} would draw for {@code shape}: the
     * values before them are drawn and dropped, so every caller sees the same stream.
     *
     * @param random the generator
     * @param shape the whole array's shape; its first dimension counts the rows
     * @param from the first row
     * @param rows how many rows
     * @return a new array of shape {@code [rows, shape[1], …]}
     */
    public static INDArray normalRows(SplittableRandom random, long[] shape, long from, long rows) {
        long row = 1;
        for (int i = 1; i < shape.length; i++) {
            row *= shape[i];
        }
        long skip = from * row;
        for (long i = 0; i < skip; i++) {
            random.nextGaussian();
        }
        long[] part = shape.clone();
        part[0] = rows;
        return normal(random, part);
    }

    /** SplitMix64's finaliser: consecutive inputs give unrelated outputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
