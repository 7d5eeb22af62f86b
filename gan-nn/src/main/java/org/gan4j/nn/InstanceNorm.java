package org.gan4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Instance normalisation of {@code [n, C, H, W]} input, as PyTorch's {@code InstanceNorm2d(affine=False)} used by
 * CycleGAN's generators: every (sample, channel) plane is normalised with its own mean and biased variance, in training
 * and evaluation alike; no parameters, no running statistics. Through the thread's {@link Compute#ops() kernels}.
 */
public final class InstanceNorm implements Layer {
    private final double eps;
    private Ops.Normalised normalised;
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

    /** ONNX InstanceNormalization; this layer has no affine parameters, so the scale is 1 and the shift 0. */
    @Override
    public String onnx(OnnxGraph graph, String input, long[] inputShape, String name) {
        float[] ones = new float[(int) inputShape[0]];
        java.util.Arrays.fill(ones, 1f);
        return graph.node("InstanceNormalization", name + ".instance_norm", java.util.List.of(input,
                graph.floats(name + ".scale", ones), graph.floats(name + ".shift", new float[ones.length])),
                "epsilon", eps);
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        INDArray y = outputs.get(x.dataType(), x.shape());
        normalised = Compute.ops().normalise(x, true, eps, null, null, null, null, y, null);
        return y;
    }

    /** dx = invStd · (g − mean(g) − x̂ · mean(g · x̂)), per plane. */
    @Override
    public INDArray backward(INDArray g, boolean parameterGradients) {
        if (normalised == null) {
            throw new IllegalStateException("backward without a forward pass");
        }
        INDArray out = grads.get(g.dataType(), g.shape());
        normalised.backward(g, out, null, null);
        return out;
    }

    @Override
    public Layer copy() {
        return new InstanceNorm(eps);
    }
}
