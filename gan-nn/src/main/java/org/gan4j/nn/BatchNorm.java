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
    private INDArray xHat;
    private double[] var;
    private BatchNorm shared;
    private final Buffers outputs = new Buffers();
    private final Buffers grads = new Buffers();
    private final Buffers normalised = new Buffers();

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

    @Override
    public INDArray forward(INDArray x, boolean training) {
        int n = (int) x.size(0);
        int c = (int) channels;
        int p = (int) (x.length() / n / c);
        xHat = normalised.get(x.dataType(), x.shape());
        INDArray y = outputs.get(x.dataType(), x.shape());
        double[] gm = gamma.toDoubleVector();
        double[] bt = beta.toDoubleVector();
        double[][] stats;
        if (training) {
            stats = Kernels.normalise(x, n, c, p, false, eps, xHat, y, gm, bt, null, null);
            double m = (double) n * p;
            // running statistics keep the unbiased variance, as PyTorch does
            runningMean.muli(1 - momentum).addi(vector(stats[0]).muli(momentum));
            runningVar.muli(1 - momentum).addi(vector(stats[1]).muli(momentum * m / Math.max(1, m - 1)));
            var = stats[1];
        } else {
            stats = Kernels.normalise(x, n, c, p, false, eps, xHat, y, gm, bt, runningMean.toDoubleVector(),
                    runningVar.toDoubleVector());
            var = null;
        }
        return y;
    }

    private INDArray vector(double[] v) {
        return org.nd4j.linalg.factory.Nd4j.createFromArray(v).castTo(runningMean.dataType());
    }

    /**
     * dx = γ/σ · (g − mean(g) − x̂ · mean(g · x̂)) per channel; dγ = Σ g · x̂; dβ = Σ g.
     */
    @Override
    public INDArray backward(INDArray g, boolean parameterGradients) {
        if (var == null) {
            throw new IllegalStateException("backward without a training-mode forward");
        }
        int n = (int) g.size(0);
        int c = (int) channels;
        int p = (int) (g.length() / n / c);
        INDArray out = grads.get(g.dataType(), g.shape());
        double[][] sums = Kernels.normaliseBackward(g, xHat, n, c, p, false, var, eps, gamma.toDoubleVector(), out);
        if (parameterGradients) {
            dGamma.assign(vector(sums[0]));
            dBeta.assign(vector(sums[1]));
        }
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
