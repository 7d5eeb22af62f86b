package org.gan4j.nn;

/**
 * Numerically stable scalar functions of logits for losses. {@code log(sigmoid(x))} underflows to -inf for x below
 * about -100 in float and -750 in double; {@code -softplus(-x)} is the same value without that failure.
 */
public final class Stable {
    private Stable() {
    }

    /**
     * softplus(x) = log(1 + e^x), exact for every finite x.
     *
     * @param x a logit
     * @return the softplus
     */
    public static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /**
     * The logistic function, without overflow.
     *
     * @param x a logit
     * @return 1 / (1 + e^-x)
     */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }
}
