package org.gan4j.engine.eval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Gaussian Parzen-window log-likelihood of Goodfellow et al. (2014, Table 1; the protocol of Breuleux et al.):
 * an isotropic Gaussian of width σ around each generated sample, pixels in [0, 1]; σ is the one of the grid
 * {@code logspace(-1, 0, 10)} (the authors' {@code parzen_ll.py}) that gives a validation split the highest mean
 * log-likelihood; the result is the test split's mean log-likelihood under that σ, in nats, with its standard error.
 * The estimate is known to be poor in high dimension (Theis et al. 2016) and is reported because the papers report it.
 */
public final class Parzen {
    /** The authors' bandwidth grid. */
    static final double[] SIGMAS = logspace(-1, 0, 10);
    private static final int CHUNK = 250;

    private Parzen() {
    }

    /**
     * An estimate.
     *
     * @param ll the test split's mean log-likelihood (nats)
     * @param se its standard error
     * @param sigma the bandwidth chosen on the validation split
     */
    public record Result(double ll, double se, double sigma) {
    }

    /**
     * Fits the window to samples, chooses σ on a validation set and scores a test set.
     *
     * @param samples generated samples {@code [N, …]}, in gan4j's image range [-1, 1]
     * @param validation real samples for the choice of σ, same range
     * @param test real samples to score, same range
     * @return the estimate
     */
    public static Result estimate(INDArray samples, INDArray validation, INDArray test) {
        INDArray s = unit(samples);
        INDArray v = unit(validation);
        INDArray t = unit(test);
        double best = Double.NEGATIVE_INFINITY;
        double sigma = SIGMAS[0];
        double[][] onValidation = logLikelihoods(s, v, SIGMAS);
        for (int k = 0; k < SIGMAS.length; k++) {
            double mean = mean(onValidation[k]);
            if (mean > best) {
                best = mean;
                sigma = SIGMAS[k];
            }
        }
        double[] ll = logLikelihoods(s, t, new double[] {sigma})[0];
        double mean = mean(ll);
        double var = 0;
        for (double x : ll) {
            var += (x - mean) * (x - mean);
        }
        var /= Math.max(1, ll.length - 1);
        return new Result(mean, Math.sqrt(var / ll.length), sigma);
    }

    /**
     * The log-likelihood of each point under the window around the samples, for each width:
     * {@code log (1/N) Σ_j exp(-|x - s_j|² / 2σ²) - (d/2) log(2πσ²)}, through a log-sum-exp. The distances are
     * computed once per chunk of points (one GEMM) for all widths.
     *
     * @param samples the window's centres {@code [N, d]}, pixels in [0, 1]
     * @param points the points {@code [M, d]}
     * @param sigmas the widths
     * @return {@code [width][point]}
     */
    static double[][] logLikelihoods(INDArray samples, INDArray points, double[] sigmas) {
        long n = samples.size(0);
        long d = samples.size(1);
        INDArray sNorm = samples.mul(samples).sum(1).reshape(1, n);
        double[][] out = new double[sigmas.length][(int) points.size(0)];
        for (long from = 0; from < points.size(0); from += CHUNK) {
            long to = Math.min(points.size(0), from + CHUNK);
            long m = to - from;
            INDArray x = points.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            // |x - s|² = |x|² + |s|² - 2 x·s
            INDArray dist = x.mmul(samples.transpose()).muli(-2).addiRowVector(sNorm)
                    .addiColumnVector(x.mul(x).sum(1).reshape(m, 1));
            for (int k = 0; k < sigmas.length; k++) {
                double sigma = sigmas[k];
                double constant = -Math.log(n) - d / 2.0 * Math.log(2 * Math.PI * sigma * sigma);
                INDArray a = dist.mul(-1 / (2 * sigma * sigma));
                INDArray max = a.max(1).reshape(m, 1);
                INDArray lse = Transforms.log(Transforms.exp(a.subiColumnVector(max), false).sum(1).reshape(m, 1), false)
                        .addi(max);
                double[] part = lse.castTo(DataType.DOUBLE).toDoubleVector();
                for (int i = 0; i < part.length; i++) {
                    out[k][(int) from + i] = part[i] + constant;
                }
            }
        }
        return out;
    }

    /** Flattened to {@code [N, d]} and mapped from [-1, 1] to [0, 1], in float as the data are. */
    private static INDArray unit(INDArray x) {
        long n = x.size(0);
        return x.castTo(DataType.FLOAT).reshape('c', n, x.length() / n).add(1).muli(0.5);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double[] logspace(double from, double to, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.pow(10, from + (to - from) * i / (n - 1));
        }
        return out;
    }
}
