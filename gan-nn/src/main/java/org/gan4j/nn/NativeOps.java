package org.gan4j.nn;

import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code compute: native}: libnd4j's custom ops only, so the data stays where the backend keeps it (on a GPU, on the
 * device). Instance norm has no op of its own: {@code [n, C, H, W]} is viewed as {@code [1, n·C, H, W]} and goes
 * through the batch-norm ops with γ = 1, β = 0 (libnd4j M2.1's {@code batchnorm_bp} crashes without γ and β, so they
 * are always passed).
 */
final class NativeOps implements Ops {
    static final NativeOps INSTANCE = new NativeOps();

    private NativeOps() {
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public void leakyRelu(INDArray x, INDArray y, double alpha) {
        Nd4j.exec(DynamicCustomOp.builder("lrelu").addInputs(x).addOutputs(y).addFloatingPointArguments(alpha).build());
    }

    @Override
    public void leakyReluBackward(INDArray g, INDArray x, INDArray dx, double alpha) {
        Nd4j.exec(DynamicCustomOp.builder("lrelu_bp").addInputs(x, g).addOutputs(dx)
                .addFloatingPointArguments(alpha).build());
    }

    @Override
    public Normalised normalise(INDArray x, boolean perSample, double eps, INDArray scale, INDArray shift,
                                INDArray fixedMean, INDArray fixedVar, INDArray y, Supplier<INDArray> scratch) {
        if (perSample && scale != null) {
            throw new IllegalArgumentException("per-sample normalisation takes no scale");
        }
        INDArray xv = grouped(x, perSample);
        INDArray yv = grouped(y, perSample);
        long groups = xv.size(1);
        int[] axes = xv.rank() == 2 ? new int[] {0} : new int[] {0, 2, 3};
        INDArray mean;
        INDArray var;
        if (fixedMean != null) {
            mean = fixedMean.castTo(x.dataType());
            var = fixedVar.castTo(x.dataType());
        } else {
            mean = Nd4j.createUninitialized(x.dataType(), groups);
            var = Nd4j.createUninitialized(x.dataType(), groups);
            Nd4j.exec(DynamicCustomOp.builder("moments").addInputs(xv).addOutputs(mean, var)
                    .addIntegerArguments(axes).build());
        }
        INDArray gamma = scale != null ? scale : Nd4j.ones(x.dataType(), groups);
        INDArray beta = shift != null ? shift : Nd4j.zeros(x.dataType(), groups);
        Nd4j.exec(DynamicCustomOp.builder("batchnorm").addInputs(xv, mean, var, gamma, beta).addOutputs(yv)
                .addIntegerArguments(1, 1, 1).addFloatingPointArguments(eps).build());
        return new Normalised() {
            @Override
            public INDArray mean() {
                return mean;
            }

            @Override
            public INDArray variance() {
                return var;
            }

            @Override
            public void backward(INDArray g, INDArray dx, INDArray dScale, INDArray dShift) {
                INDArray dMean = Nd4j.createUninitialized(x.dataType(), groups);
                INDArray dVar = Nd4j.createUninitialized(x.dataType(), groups);
                INDArray dGamma = Nd4j.createUninitialized(x.dataType(), groups);
                INDArray dBeta = Nd4j.createUninitialized(x.dataType(), groups);
                Nd4j.exec(DynamicCustomOp.builder("batchnorm_bp")
                        .addInputs(xv, mean, var, gamma, beta, grouped(g, perSample))
                        .addOutputs(grouped(dx, perSample), dMean, dVar, dGamma, dBeta)
                        .addIntegerArguments(1, 1, 1).addFloatingPointArguments(eps).build());
                if (dScale != null) {
                    dScale.assign(dGamma);
                }
                if (dShift != null) {
                    dShift.assign(dBeta);
                }
            }
        };
    }

    /** Per-sample groups as channels of one sample: {@code [n, C, H, W]} viewed as {@code [1, n·C, H, W]}. */
    private static INDArray grouped(INDArray a, boolean perSample) {
        INDArray c = Kernels.contiguous(a);
        return perSample ? c.reshape('c', 1, c.size(0) * c.size(1), c.size(2), c.size(3)) : c;
    }
}
