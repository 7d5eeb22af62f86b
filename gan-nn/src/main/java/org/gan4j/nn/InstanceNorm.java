package org.gan4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Instance normalisation of {@code [n, C, H, W]} input, as PyTorch's {@code InstanceNorm2d(affine=False)} used by
 * CycleGAN's generators: every (sample, channel) plane is normalised with its own mean and biased variance, in training
 * and evaluation alike; no parameters, no running statistics. Java loops ({@link Kernels}).
 */
public final class InstanceNorm implements Layer {
    private final double eps;
    private INDArray xHat;
    private double[] var;
    private final Buffers outputs = new Buffers();
    private final Buffers grads = new Buffers();

    /** Creates the layer with PyTorch's ε = 1e-5. */
    public InstanceNorm() {
        this(1e-5);
    }

    /**
     * Creates the layer.
     *
     * @param eps added to the variance
     */
    public InstanceNorm(double eps) {
        this.eps = eps;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException("InstanceNorm needs [C, H, W] input, got " + java.util.Arrays.toString(inputShape));
        }
        return inputShape;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int p = (int) (x.size(2) * x.size(3));
        INDArray y = outputs.get(x.dataType(), x.shape());
        var = Kernels.normalise(x, n, c, p, true, eps, y, null, null, null, null, null)[1];
        xHat = y;
        return y;
    }

    /** dx = invStd · (g − mean(g) − x̂ · mean(g · x̂)), per plane. */
    @Override
    public INDArray backward(INDArray g, boolean parameterGradients) {
        int n = (int) g.size(0);
        int c = (int) g.size(1);
        int p = (int) (g.size(2) * g.size(3));
        INDArray out = grads.get(g.dataType(), g.shape());
        Kernels.normaliseBackward(g, xHat, n, c, p, true, var, eps, null, out);
        return out;
    }

    @Override
    public Layer copy() {
        return new InstanceNorm(eps);
    }
}
