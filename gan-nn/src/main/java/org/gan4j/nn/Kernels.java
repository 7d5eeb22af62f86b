package org.gan4j.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element-wise and normalisation passes as plain Java loops over heap copies of the data. On one core these beat
 * ND4J's equivalents by 5–15× (measured on [1, 64, 128, 128]: the legacy LeakyReLU op 9 ms vs 0.6 ms, a variance
 * along one axis 8.5 ms vs under 1 ms): a bulk copy in and out costs ~0.2 ms per million values, and the JIT
 * vectorises the loops. Values are computed in double precision and stored in the array's type.
 */
final class Kernels {
    /**
     * Scratch arrays per thread, shared by all layers: a layer's copies live only within one forward or backward
     * call, so memory stays at a few times the largest activation; two experiments on two threads never share.
     */
    private static final ThreadLocal<Kernels> LOCAL = ThreadLocal.withInitial(Kernels::new);
    private final double[][] slots = new double[4][0];
    private float[] floats = new float[0];

    private Kernels() {
    }

    /** This thread's kernels. */
    static Kernels local() {
        return LOCAL.get();
    }

    /** Scratch array number {@code slot} (0–3) with room for n values; valid until the slot is used again. */
    double[] slot(int slot, int n) {
        if (slots[slot].length < n) {
            slots[slot] = new double[n];
        }
        return slots[slot];
    }

    /** The array's values in order, copied into scratch slot {@code slot}. */
    double[] read(INDArray a, int slot) {
        INDArray c = contiguous(a);
        int n = (int) c.length();
        double[] out = slot(slot, n);
        if (c.dataType() == DataType.DOUBLE) {
            DoubleBuffer b = c.data().asNioDouble();
            b.get((int) c.offset(), out, 0, n);
        } else if (c.dataType() == DataType.FLOAT) {
            FloatBuffer b = c.data().asNioFloat();
            float[] f = floats(n);
            b.get((int) c.offset(), f, 0, n);
            for (int i = 0; i < n; i++) {
                out[i] = f[i];
            }
        } else {
            throw new IllegalArgumentException("gan-nn layers compute in FLOAT or DOUBLE, got " + c.dataType());
        }
        return out;
    }

    /**
     * Writes {@code values[0, length)} into {@code dst} in row-major order: directly when it is contiguous in its
     * buffer (an array of its own, or a slice such as a layer's weights inside the parameter vector), otherwise
     * through a temporary.
     */
    void write(double[] values, INDArray dst) {
        int n = (int) dst.length();
        if (dst.ordering() != 'c' || !org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(dst)) {
            // a strided view: through a temporary (only initialisers meet these)
            dst.assign(org.nd4j.linalg.factory.Nd4j.create(java.util.Arrays.copyOf(values, n), dst.shape(), 'c')
                    .castTo(dst.dataType()));
            return;
        }
        int at = (int) dst.offset();
        if (dst.dataType() == DataType.DOUBLE) {
            dst.data().asNioDouble().put(at, values, 0, n);
        } else {
            float[] f = floats(n);
            for (int i = 0; i < n; i++) {
                f[i] = (float) values[i];
            }
            dst.data().asNioFloat().put(at, f, 0, n);
        }
    }

    private float[] floats(int n) {
        if (floats.length < n) {
            floats = new float[n];
        }
        return floats;
    }

    private static INDArray contiguous(INDArray a) {
        return a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
    }

    /**
     * Normalises groups of planes: {@code x} is {@code [n, c, p]} flattened, and plane (i, j) belongs to group
     * {@code perSample ? i·c + j : j} (instance norm: one group per plane; batch norm: one per channel). Writes
     * {@code x̂} into {@code xHat} and returns each group's mean and biased variance as {@code [2, groups]}.
     */
    static double[][] normalise(double[] x, int n, int c, int p, boolean perSample, double eps, double[] xHat,
                                double[] fixedMean, double[] fixedVar) {
        int groups = perSample ? n * c : c;
        double[] mean = new double[groups];
        double[] var = new double[groups];
        double m = perSample ? p : (double) n * p;
        if (fixedMean == null) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < c; j++) {
                    int gi = perSample ? i * c + j : j;
                    int base = (i * c + j) * p;
                    double s = 0;
                    for (int k = 0; k < p; k++) {
                        s += x[base + k];
                    }
                    mean[gi] += s;
                }
            }
            for (int g = 0; g < groups; g++) {
                mean[g] /= m;
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < c; j++) {
                    int gi = perSample ? i * c + j : j;
                    int base = (i * c + j) * p;
                    double mu = mean[gi];
                    double s = 0;
                    for (int k = 0; k < p; k++) {
                        double d = x[base + k] - mu;
                        s += d * d;
                    }
                    var[gi] += s;
                }
            }
            for (int g = 0; g < groups; g++) {
                var[g] /= m;
            }
        } else {
            System.arraycopy(fixedMean, 0, mean, 0, groups);
            System.arraycopy(fixedVar, 0, var, 0, groups);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                int gi = perSample ? i * c + j : j;
                int base = (i * c + j) * p;
                double mu = mean[gi];
                double inv = 1 / Math.sqrt(var[gi] + eps);
                for (int k = 0; k < p; k++) {
                    xHat[base + k] = (x[base + k] - mu) * inv;
                }
            }
        }
        return new double[][] {mean, var};
    }

    /**
     * The input gradient of {@link #normalise} followed by a per-channel scale:
     * {@code dx = scale·invStd·(g − mean(g) − x̂·mean(g·x̂))} per group, written into {@code dx}; returns the
     * per-channel sums {@code [Σ g·x̂, Σ g]} (the scale's and shift's gradients for batch norm).
     */
    static double[][] normaliseBackward(double[] g, double[] xHat, int n, int c, int p, boolean perSample,
                                        double[] var, double eps, double[] scale, double[] dx) {
        int groups = perSample ? n * c : c;
        double[] sumG = new double[groups];
        double[] sumGx = new double[groups];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                int gi = perSample ? i * c + j : j;
                int base = (i * c + j) * p;
                double s = 0;
                double sx = 0;
                for (int k = 0; k < p; k++) {
                    s += g[base + k];
                    sx += g[base + k] * xHat[base + k];
                }
                sumG[gi] += s;
                sumGx[gi] += sx;
            }
        }
        double m = perSample ? p : (double) n * p;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                int gi = perSample ? i * c + j : j;
                int base = (i * c + j) * p;
                double mg = sumG[gi] / m;
                double mgx = sumGx[gi] / m;
                double f = (scale == null ? 1 : scale[j]) / Math.sqrt(var[gi] + eps);
                for (int k = 0; k < p; k++) {
                    dx[base + k] = f * (g[base + k] - mg - xHat[base + k] * mgx);
                }
            }
        }
        return new double[][] {sumGx, sumG};
    }
}
