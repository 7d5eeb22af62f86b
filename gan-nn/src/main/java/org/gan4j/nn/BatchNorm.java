package org.gan4j.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Batch normalisation over channel 1 of {@code [n, C]} or {@code [n, C, H, W]} input, as PyTorch's BatchNorm1d/2d:
 * in training mode each channel is normalised with the batch's mean and biased variance, and the running statistics
 * move by {@code momentum} towards the batch's mean and unbiased variance; in evaluation mode the running statistics
 * are used. The running statistics are {@link #buffers()} that checkpoints save.
 */
public final class BatchNorm implements Layer {
    private final double eps;
    private final double momentum;
    private long channels;
    private int[] reduce;
    private INDArray gamma;
    private INDArray beta;
    private INDArray dGamma;
    private INDArray dBeta;
    private INDArray runningMean;
    private INDArray runningVar;
    private INDArray xHat;
    private INDArray invStd;
    private final Buffers outputs = new Buffers();
    private final Buffers grads = new Buffers();
    private final Buffers normalised = new Buffers();
    private final Buffers scratch = new Buffers();

    /**
     * Creates the layer with PyTorch's defaults, ε = 1e-5 and momentum 0.1.
     */
    public BatchNorm() {
        this(1e-5, 0.1);
    }

    /**
     * Creates the layer.
     *
     * @param eps added to the variance
     * @param momentum weight of the current batch in the running statistics
     */
    public BatchNorm(double eps, double momentum) {
        this.eps = eps;
        this.momentum = momentum;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 1 && inputShape.length != 3) {
            throw new IllegalArgumentException("BatchNorm needs [C] or [C, H, W] input, got "
                    + java.util.Arrays.toString(inputShape));
        }
        channels = inputShape[0];
        reduce = inputShape.length == 1 ? new int[] {0} : new int[] {0, 2, 3};
        return inputShape;
    }

    @Override
    public long numParams(long[] inputShape) {
        outputShape(inputShape);
        return 2 * channels;
    }

    @Override
    public void bind(INDArray params, INDArray gradients) {
        gamma = params.get(NDArrayIndex.interval(0, channels));
        beta = params.get(NDArrayIndex.interval(channels, 2 * channels));
        dGamma = gradients.get(NDArrayIndex.interval(0, channels));
        dBeta = gradients.get(NDArrayIndex.interval(channels, 2 * channels));
        runningMean = Nd4j.zeros(params.dataType(), channels);
        runningVar = Nd4j.ones(params.dataType(), channels);
    }

    @Override
    public void initialize(SplittableRandom random) {
        gamma.assign(1);
        beta.assign(0);
    }

    @Override
    public Map<String, INDArray> buffers() {
        Map<String, INDArray> b = new LinkedHashMap<>();
        b.put("running_mean", runningMean);
        b.put("running_var", runningVar);
        return b;
    }

    /**
     * The scale γ, a live view of the network's parameters (DCGAN initialises it from N(1, 0.02)).
     *
     * @return γ, one per channel
     */
    public INDArray gamma() {
        return gamma;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        // every full-size intermediate lives in a reused buffer: ND4J frees native memory only when the Java
        // garbage collector finds the array, so fresh temporaries per step pile up gigabytes (measured)
        INDArray mean;
        INDArray inv;
        if (training) {
            mean = x.mean(reduce);
            INDArray var = x.var(false, reduce);
            long m = x.length() / channels;
            // running statistics keep the unbiased variance, as PyTorch does
            runningMean.muli(1 - momentum).addi(mean.mul(momentum));
            runningVar.muli(1 - momentum).addi(var.mul(momentum * m / Math.max(1, m - 1)));
            inv = org.nd4j.linalg.ops.transforms.Transforms.pow(var.addi(eps), -0.5, false);
            invStd = inv;
        } else {
            mean = runningMean;
            inv = org.nd4j.linalg.ops.transforms.Transforms.pow(runningVar.add(eps), -0.5, false);
            invStd = null;
        }
        xHat = normalised.get(x.dataType(), x.shape());
        Nd4j.getExecutioner().exec(new BroadcastSubOp(x, mean, xHat, 1));
        Nd4j.getExecutioner().exec(new BroadcastMulOp(xHat, inv, xHat, 1));
        INDArray y = outputs.get(x.dataType(), x.shape());
        Nd4j.getExecutioner().exec(new BroadcastMulOp(xHat, gamma, y, 1));
        Nd4j.getExecutioner().exec(new BroadcastAddOp(y, beta, y, 1));
        return y;
    }

    /**
     * dx = γ/σ · (g − mean(g) − x̂ · mean(g · x̂)) per channel; dγ = Σ g · x̂; dβ = Σ g.
     */
    @Override
    public INDArray backward(INDArray g, boolean parameterGradients) {
        if (invStd == null) {
            throw new IllegalStateException("backward without a training-mode forward");
        }
        INDArray gx = scratch.get(g.dataType(), g.shape()).assign(g).muli(xHat);
        INDArray sumG = g.sum(reduce);
        INDArray sumGx = gx.sum(reduce);
        if (parameterGradients) {
            dGamma.assign(sumGx);
            dBeta.assign(sumG);
        }
        double m = (double) g.length() / channels;
        INDArray dx = grads.get(g.dataType(), g.shape());
        Nd4j.getExecutioner().exec(new BroadcastMulOp(xHat, sumGx.divi(m), dx, 1));
        dx.rsubi(g);
        Nd4j.getExecutioner().exec(new BroadcastSubOp(dx, sumG.divi(m), dx, 1));
        Nd4j.getExecutioner().exec(new BroadcastMulOp(dx, gamma.mul(invStd), dx, 1));
        return dx;
    }
}
