package org.gan4j.engine.testing;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Central finite differences for checking a schedule's or a layer's analytic gradients in double precision.
 */
public final class GradientCheck {
    private GradientCheck() {
    }

    /**
     * Perturbs about {@code samples} evenly spaced entries of {@code values} by ±1e-6 and returns the largest
     * mismatch between {@code analytic} and the central difference of {@code objective}, measured as
     * {@code |analytic - numeric| / (1e-6 + 1e-5·|numeric|)}: at most 1 means every sampled entry agrees.
     *
     * @param values the parameters or inputs (double precision), restored afterwards
     * @param analytic the gradient to check, same length
     * @param objective recomputes the objective from the current {@code values}
     * @param samples how many entries to check
     * @return the worst scaled mismatch
     */
    public static double worstMismatch(INDArray values, INDArray analytic, DoubleSupplier objective, int samples) {
        double eps = 1e-6;
        double worst = 0;
        for (long i = 0; i < values.length(); i += Math.max(1, values.length() / samples)) {
            double v = values.getDouble(i);
            values.putScalar(i, v + eps);
            double up = objective.getAsDouble();
            values.putScalar(i, v - eps);
            double down = objective.getAsDouble();
            values.putScalar(i, v);
            double numeric = (up - down) / (2 * eps);
            worst = Math.max(worst, Math.abs(analytic.getDouble(i) - numeric) / (1e-6 + 1e-5 * Math.abs(numeric)));
        }
        return worst;
    }

    /**
     * Standard normal test data in double precision, reproducible from the seed.
     *
     * @param seed the seed
     * @param shape the shape
     * @return a new array
     */
    public static INDArray gaussian(long seed, long... shape) {
        Random r = new Random(seed);
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, r.nextGaussian());
        }
        return a;
    }
}
