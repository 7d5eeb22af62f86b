package org.gan4j.nn;

import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code compute: host}: {@link Kernels}' Java loops, in double precision, over chunks copied through HostData. */
final class HostOps implements Ops {
    static final HostOps INSTANCE = new HostOps();

    private HostOps() {
    }

    @Override
    public String name() {
        return "host";
    }

    @Override
    public void leakyRelu(INDArray x, INDArray y, double alpha) {
        // max(x, αx) (0 ≤ α ≤ 1) compiles to vector max instructions; a branch on the sign of random data was 20×
        // slower (mispredictions)
        Kernels.map(x, y, (v, unused, n) -> {
            for (int i = 0; i < n; i++) {
                v[i] = Math.max(v[i], alpha * v[i]);
            }
        });
    }

    @Override
    public void leakyReluBackward(INDArray g, INDArray x, INDArray dx, double alpha) {
        double rest = 1 - alpha;
        Kernels.zip(g, x, dx, (d, in, n) -> {
            for (int i = 0; i < n; i++) {
                // branch-free: the sign bit of 0 - x is 1 exactly when x > 0
                long positive = Double.doubleToRawLongBits(0.0 - in[i]) >>> 63;
                d[i] *= alpha + rest * positive;
            }
        });
    }

    @Override
    public Normalised normalise(INDArray x, boolean perSample, double eps, INDArray scale, INDArray shift,
                                INDArray fixedMean, INDArray fixedVar, INDArray y, Supplier<INDArray> scratch) {
        if (perSample && scale != null) {
            throw new IllegalArgumentException("per-sample normalisation takes no scale");
        }
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int p = (int) (x.length() / n / c);
        // without a scale the output is x̂ itself; with one, x̂ is kept apart for the backward pass
        INDArray xHat = scale == null ? y : scratch.get();
        double[][] stats = Kernels.normalise(x, n, c, p, perSample, eps, xHat, scale == null ? null : y,
                scale == null ? null : scale.toDoubleVector(), scale == null ? null : shift.toDoubleVector(),
                fixedMean == null ? null : fixedMean.toDoubleVector(), fixedVar == null ? null : fixedVar.toDoubleVector());
        return new Normalised() {
            @Override
            public INDArray mean() {
                return Nd4j.createFromArray(stats[0]);
            }

            @Override
            public INDArray variance() {
                return Nd4j.createFromArray(stats[1]);
            }

            @Override
            public void backward(INDArray g, INDArray dx, INDArray dScale, INDArray dShift) {
                double[][] sums = Kernels.normaliseBackward(g, xHat, n, c, p, perSample, stats[1], eps,
                        scale == null ? null : scale.toDoubleVector(), dx);
                if (dScale != null) {
                    dScale.assign(Nd4j.createFromArray(sums[0]).castTo(dScale.dataType()));
                }
                if (dShift != null) {
                    dShift.assign(Nd4j.createFromArray(sums[1]).castTo(dShift.dataType()));
                }
            }
        };
    }
}
