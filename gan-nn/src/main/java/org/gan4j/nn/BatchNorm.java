package org.gan4j.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
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
    private INDArray gamma;
    private INDArray beta;
    private INDArray dGamma;
    private INDArray dBeta;
    private INDArray runningMean;
    private INDArray runningVar;
    private Ops.Normalised normalised;
    private BatchNorm shared;
    private final Buffers outputs = new Buffers();
    private final Buffers grads = new Buffers();
    private final Buffers normalisedBuffer = new Buffers();

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
        runningMean = shared != null ? shared.runningMean : Nd4j.zeros(params.dataType(), channels);
        runningVar = shared != null ? shared.runningVar : Nd4j.ones(params.dataType(), channels);
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

    /** ONNX BatchNormalization with the running statistics (inference mode). */
    @Override
    public String onnx(OnnxGraph graph, String input, long[] inputShape, String name) {
        return graph.node("BatchNormalization", name + ".batch_norm", java.util.List.of(input,
                graph.weight(name + ".weight", gamma), graph.weight(name + ".bias", beta),
                graph.weight(name + ".running_mean", runningMean), graph.weight(name + ".running_var", runningVar)),
                "epsilon", eps);
    }

    /** DCGAN's N(1, 0.02) scales. */
    @Override
    public void initializeGaussian(SplittableRandom random, boolean zeroBias) {
        Init.normal(gamma(), random, 1, 0.02);
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        INDArray y = outputs.get(x.dataType(), x.shape());
        if (training) {
            normalised = Compute.ops().normalise(x, false, eps, gamma, beta, null, null, y,
                    () -> this.normalisedBuffer.get(x.dataType(), x.shape()));
            double m = (double) (x.length() / channels);
            // running statistics keep the unbiased variance, as PyTorch does
            // mul, not muli: the statistics stay as they are for the backward pass
            runningMean.muli(1 - momentum).addi(vector(normalised.mean()).mul(momentum));
            runningVar.muli(1 - momentum).addi(vector(normalised.variance()).mul(momentum * m / Math.max(1, m - 1)));
        } else {
            Compute.ops().normalise(x, false, eps, gamma, beta, runningMean, runningVar, y,
                    () -> this.normalisedBuffer.get(x.dataType(), x.shape()));
            normalised = null;
        }
        return y;
    }

    private INDArray vector(INDArray v) {
        return v.castTo(runningMean.dataType());
    }

    /**
     * dx = γ/σ · (g − mean(g) − x̂ · mean(g · x̂)) per channel; dγ = Σ g · x̂; dβ = Σ g.
     */
    @Override
    public INDArray backward(INDArray g, boolean parameterGradients) {
        if (normalised == null) {
            throw new IllegalStateException("backward without a training-mode forward");
        }
        INDArray out = grads.get(g.dataType(), g.shape());
        normalised.backward(g, out, parameterGradients ? dGamma : null, parameterGradients ? dBeta : null);
        return out;
    }

    @Override
    public Layer copy() {
        BatchNorm copy = new BatchNorm(eps, momentum);
        // replicas share the running statistics, as repeated calls of one PyTorch module do
        copy.shared = this;
        return copy;
    }

    /** Running statistics of its own (the engine copies worker 0's in before each iteration). */
    @Override
    public Layer workerCopy(int worker) {
        return new BatchNorm(eps, momentum);
    }
}
