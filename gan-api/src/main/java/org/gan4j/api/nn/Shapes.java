package org.gan4j.api.nn;

/** Array shapes as gan4j passes them: a sample's shape without the batch dimension, a batch's with it. */
public final class Shapes {
    private Shapes() {
    }

    /**
     * A batch's shape from a sample's.
     *
     * @param n the batch size
     * @param sample one sample's shape, such as {@code [C, H, W]}
     * @return {@code [n, ...sample]}, a new array
     * @since API 1.3
     */
    public static long[] withBatch(long n, long[] sample) {
        long[] s = new long[sample.length + 1];
        s[0] = n;
        System.arraycopy(sample, 0, s, 1, sample.length);
        return s;
    }
}
