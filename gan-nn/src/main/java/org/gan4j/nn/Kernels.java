package org.gan4j.nn;

import org.gan4j.api.nn.HostData;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The host kernels ({@code compute: host}): element-wise and normalisation passes as plain Java loops over heap
 * copies of the data, one chunk at a time, through {@link HostData}. On
 * one core these beat ND4J's equivalents by 5–15× (measured on [1, 64, 128, 128]: the legacy LeakyReLU op 9 ms vs
 * 0.6 ms, a variance along one axis 8.5 ms vs under 1 ms): a bulk copy in and out costs ~0.2 ms per million values,
 * and the JIT vectorises the loops. Values are computed in double precision and stored in the array's type.
 *
 * <p>Data is viewed as planes: {@code [n, c, p]} flattened, plane {@code (i, j)} the p values of sample i, channel
 * j. A pass reads whole planes, about {@link #CHUNK} values at a time, into per-thread scratch arrays, so the scratch
 * stays a few chunks in size (it used to be four copies of the largest activation per thread: 270 MB for dcgan64's
 * discriminator) and stays in the core's cache. Planes are visited in order, so sums accumulate in the same order as
 * one pass over the whole array would.
 */
final class Kernels {
    /** Values per chunk (a chunk holds whole planes, at least one). */
    static final int CHUNK = 8192;
    private static final ThreadLocal<Kernels> LOCAL = ThreadLocal.withInitial(Kernels::new);
    private final double[][] slots = new double[3][0];
    private float[] floats = new float[0];

    private Kernels() {
    }

    /** This thread's kernels: layers on two threads (two workers, two experiments) never share scratch. */
    static Kernels local() {
        return LOCAL.get();
    }

    /** Planes of p values per chunk. */
    static int planesPerChunk(int p) {
        return Math.max(1, CHUNK / Math.max(1, p));
    }

    /** Scratch array number {@code slot} (0–2) with room for n values; valid until the slot is used again. */
    double[] slot(int slot, int n) {
        if (slots[slot].length < n) {
            slots[slot] = new double[n];
        }
        return slots[slot];
    }

    /** Values {@code [from, from + n)} of the array, in row-major order, copied into scratch slot {@code slot}. */
    double[] read(INDArray a, long from, int n, int slot) {
        double[] out = slot(slot, n);
        if (a.dataType() == DataType.DOUBLE) {
            HostData.read(a, from, out, 0, n);
        } else if (a.dataType() == DataType.FLOAT) {
            float[] f = floats(n);
            HostData.read(a, from, f, 0, n);
            for (int i = 0; i < n; i++) {
                out[i] = f[i];
            }
        } else {
            throw new IllegalArgumentException("gan-nn layers compute in FLOAT or DOUBLE, got " + a.dataType());
        }
        return out;
    }

    /** Writes {@code values[0, n)} over values {@code [from, from + n)} of the array, in row-major order. */
    void write(double[] values, int n, INDArray a, long from) {
        if (a.dataType() == DataType.DOUBLE) {
            HostData.write(a, from, values, 0, n);
        } else {
            float[] f = floats(n);
            for (int i = 0; i < n; i++) {
                f[i] = (float) values[i];
            }
            HostData.write(a, from, f, 0, n);
        }
    }

    private float[] floats(int n) {
        if (floats.length < n) {
            floats = new float[n];
        }
        return floats;
    }

    /**
     * The array itself when its elements are one run in its buffer in c order (as layers' buffers and parameter
     * slices are), else a copy.
     */
    static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
    }

    /** Element-wise y = f(x) over chunks; {@code y} must be contiguous (a layer's own buffer). */
    static void map(INDArray x, INDArray y, Elementwise f) {
        INDArray in = contiguous(x);
        long n = in.length();
        int chunks = (int) ((n + CHUNK - 1) / CHUNK);
        parallel(chunks, n, (lo, hi) -> {
            Kernels k = local();
            for (long from = (long) lo * CHUNK, to = Math.min(n, (long) hi * CHUNK); from < to; from += CHUNK) {
                int len = (int) Math.min(CHUNK, to - from);
                double[] v = k.read(in, from, len, 0);
                f.apply(v, null, len);
                k.write(v, len, y, from);
            }
        });
    }

    /** Element-wise out = f(a, b) over chunks of two arrays of one shape; the result goes where {@code a} was read. */
    static void zip(INDArray a, INDArray b, INDArray out, Elementwise f) {
        INDArray x = contiguous(a);
        INDArray z = contiguous(b);
        long n = x.length();
        int chunks = (int) ((n + CHUNK - 1) / CHUNK);
        parallel(chunks, n, (lo, hi) -> {
            Kernels k = local();
            for (long from = (long) lo * CHUNK, to = Math.min(n, (long) hi * CHUNK); from < to; from += CHUNK) {
                int len = (int) Math.min(CHUNK, to - from);
                double[] u = k.read(x, from, len, 0);
                double[] v = k.read(z, from, len, 1);
                f.apply(u, v, len);
                k.write(u, len, out, from);
            }
        });
    }

    /** An element-wise pass over one chunk: {@code a[0, len)} is replaced by the result ({@code b} may be null). */
    @FunctionalInterface
    interface Elementwise {
        void apply(double[] a, double[] b, int len);
    }

    /** A pass over the chunks of planes {@code [first, first + count)}, with the running thread's kernels. */
    @FunctionalInterface
    private interface PlanePass {
        void apply(Kernels k, int first, int count);
    }

    /**
     * Runs a pass over all planes, chunk by chunk. When every group is a single plane or a set of planes no other
     * range touches ({@code independent}), the planes are split among this thread's helpers; the sums of a group
     * then still accumulate in the same order, so the result does not depend on the number of threads.
     */
    private static void planes(int planes, int p, boolean independent, PlanePass pass) {
        int per = planesPerChunk(p);
        int chunks = (planes + per - 1) / per;
        IntRange body = (lo, hi) -> {
            Kernels k = local();
            for (int first = lo * per, last = Math.min(planes, hi * per); first < last; first += per) {
                pass.apply(k, first, Math.min(per, last - first));
            }
        };
        if (independent) {
            parallel(chunks, (long) planes * p, body);
        } else {
            body.run(0, chunks);
        }
    }

    /**
     * Normalises groups of planes: {@code x} is {@code [n, c, p]} flattened, and plane (i, j) belongs to group
     * {@code perSample ? i·c + j : j} (instance norm: one group per plane; batch norm: one per channel). Writes
     * {@code x̂} into {@code xHat} and, when {@code scale} is given, {@code scale[j]·x̂ + shift[j]} into {@code y};
     * returns each group's mean and biased variance as {@code [2, groups]} (the fixed ones when given).
     */
    static double[][] normalise(INDArray x, int n, int c, int p, boolean perSample, double eps, INDArray xHat,
                                INDArray y, double[] scale, double[] shift, double[] fixedMean, double[] fixedVar) {
        INDArray in = contiguous(x);
        int groups = perSample ? n * c : c;
        int planes = n * c;
        boolean independent = perSample || n == 1;
        double[] mean = new double[groups];
        double[] var = new double[groups];
        double m = perSample ? p : (double) n * p;
        if (fixedMean == null) {
            planes(planes, p, independent, (k, first, count) -> {
                double[] v = k.read(in, (long) first * p, count * p, 0);
                for (int q = 0; q < count; q++) {
                    int plane = first + q;
                    double s = 0;
                    for (int e = q * p, end = e + p; e < end; e++) {
                        s += v[e];
                    }
                    mean[perSample ? plane : plane % c] += s;
                }
            });
            for (int g = 0; g < groups; g++) {
                mean[g] /= m;
            }
            planes(planes, p, independent, (k, first, count) -> {
                double[] v = k.read(in, (long) first * p, count * p, 0);
                for (int q = 0; q < count; q++) {
                    int plane = first + q;
                    int gi = perSample ? plane : plane % c;
                    double mu = mean[gi];
                    double s = 0;
                    for (int e = q * p, end = e + p; e < end; e++) {
                        double d = v[e] - mu;
                        s += d * d;
                    }
                    var[gi] += s;
                }
            });
            for (int g = 0; g < groups; g++) {
                var[g] /= m;
            }
        } else {
            System.arraycopy(fixedMean, 0, mean, 0, groups);
            System.arraycopy(fixedVar, 0, var, 0, groups);
        }
        // each plane's values depend on its group's statistics only: any split of the planes is exact
        planes(planes, p, true, (k, first, count) -> {
            double[] v = k.read(in, (long) first * p, count * p, 0);
            for (int q = 0; q < count; q++) {
                int plane = first + q;
                int gi = perSample ? plane : plane % c;
                double mu = mean[gi];
                double inv = 1 / Math.sqrt(var[gi] + eps);
                for (int e = q * p, end = e + p; e < end; e++) {
                    v[e] = (v[e] - mu) * inv;
                }
            }
            k.write(v, count * p, xHat, (long) first * p);
            if (scale != null) {
                for (int q = 0; q < count; q++) {
                    int j = (first + q) % c;
                    for (int e = q * p, end = e + p; e < end; e++) {
                        v[e] = scale[j] * v[e] + shift[j];
                    }
                }
                k.write(v, count * p, y, (long) first * p);
            }
        });
        return new double[][] {mean, var};
    }

    /**
     * The input gradient of {@link #normalise} followed by a per-channel scale:
     * {@code dx = scale·invStd·(g − mean(g) − x̂·mean(g·x̂))} per group, written into {@code dx}; returns the
     * per-channel sums {@code [Σ g·x̂, Σ g]} (the scale's and shift's gradients for batch norm).
     */
    static double[][] normaliseBackward(INDArray g, INDArray xHat, int n, int c, int p, boolean perSample,
                                        double[] var, double eps, double[] scale, INDArray dx) {
        INDArray gin = contiguous(g);
        INDArray hin = contiguous(xHat);
        int groups = perSample ? n * c : c;
        int planes = n * c;
        double[] sumG = new double[groups];
        double[] sumGx = new double[groups];
        planes(planes, p, perSample || n == 1, (k, first, count) -> {
            double[] gv = k.read(gin, (long) first * p, count * p, 0);
            double[] hv = k.read(hin, (long) first * p, count * p, 1);
            for (int q = 0; q < count; q++) {
                int plane = first + q;
                int gi = perSample ? plane : plane % c;
                double s = 0;
                double sx = 0;
                for (int e = q * p, end = e + p; e < end; e++) {
                    s += gv[e];
                    sx += gv[e] * hv[e];
                }
                sumG[gi] += s;
                sumGx[gi] += sx;
            }
        });
        double m = perSample ? p : (double) n * p;
        planes(planes, p, true, (k, first, count) -> {
            double[] gv = k.read(gin, (long) first * p, count * p, 0);
            double[] hv = k.read(hin, (long) first * p, count * p, 1);
            double[] out = k.slot(2, count * p);
            for (int q = 0; q < count; q++) {
                int plane = first + q;
                int gi = perSample ? plane : plane % c;
                int j = plane % c;
                double mg = sumG[gi] / m;
                double mgx = sumGx[gi] / m;
                double f = (scale == null ? 1 : scale[j]) / Math.sqrt(var[gi] + eps);
                for (int e = q * p, end = e + p; e < end; e++) {
                    out[e] = f * (gv[e] - mg - hv[e] * mgx);
                }
            }
            k.write(out, count * p, dx, (long) first * p);
        });
        return new double[][] {sumGx, sumG};
    }

    // ---------------------------------------------------------------------------------------------- helper threads

    /** Values below which a pass stays on one thread: the hand-off costs more than it saves. */
    private static final long PARALLEL_WORK = 1 << 17;
    private static final java.util.concurrent.ExecutorService HELPERS = java.util.concurrent.Executors
            .newCachedThreadPool(task -> {
                Thread t = new Thread(task, "gan4j-kernels");
                t.setDaemon(true);
                return t;
            });
    private int threads = 1;

    /** A body over a range of items {@code [lo, hi)}. */
    @FunctionalInterface
    private interface IntRange {
        void run(int lo, int hi);
    }

    /**
     * Sets how many threads the calling thread's kernel passes may use (its own and helpers): the engine gives a
     * worker with intra-op threads the same number here, so a batch of one uses every core in these passes too.
     *
     * @param n threads, 1 or more
     */
    static void setThreads(int n) {
        local().threads = Math.max(1, n);
    }

    /** Splits {@code [0, items)} into contiguous ranges, one per thread, the caller taking the first. */
    private static void parallel(int items, long work, IntRange body) {
        int t = local().threads;
        if (t <= 1 || items < 2 || work < PARALLEL_WORK) {
            body.run(0, items);
            return;
        }
        int parts = Math.min(t, items);
        java.util.List<java.util.concurrent.Future<?>> others = new java.util.ArrayList<>();
        for (int i = 1; i < parts; i++) {
            int lo = (int) ((long) items * i / parts);
            int hi = (int) ((long) items * (i + 1) / parts);
            others.add(HELPERS.submit(() -> body.run(lo, hi)));
        }
        body.run(0, (int) ((long) items / parts));
        for (java.util.concurrent.Future<?> f : others) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /**
     * Fills an array with values drawn in row-major order, a chunk at a time: straight into the parameter vector (a
     * temporary array per layer left hundreds of MB of garbage, measured), through a temporary only for a strided
     * view.
     */
    static void fill(INDArray target, java.util.function.DoubleSupplier next) {
        Kernels k = local();
        boolean direct = target.ordering() == 'c' && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(target);
        INDArray dst = direct ? target : org.nd4j.linalg.factory.Nd4j.createUninitialized(target.dataType(),
                target.shape(), 'c');
        long n = dst.length();
        for (long from = 0; from < n; from += CHUNK) {
            int len = (int) Math.min(CHUNK, n - from);
            double[] v = k.slot(0, len);
            for (int i = 0; i < len; i++) {
                v[i] = next.getAsDouble();
            }
            k.write(v, len, dst, from);
        }
        if (!direct) {
            target.assign(dst);
        }
    }
}
