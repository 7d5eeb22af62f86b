package org.gan4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * LeakyReLU {@code max(x, αx)}; α = 0 gives ReLU, through the thread's {@link Compute#ops() kernels} (host: Java
 * loops, which beat libnd4j's legacy LeakyReLU op 9 ms to 0.6 ms per million values on one core; native:
 * {@code lrelu}/{@code lrelu_bp}).
 */
public final class LeakyRelu implements Layer {
    private final double alpha;
    private INDArray input;
    /** While linearised: the input whose activation pattern the layer keeps (a copy: the buffer is reused). */
    private INDArray frozen;
    private final Buffers outputs = new Buffers();
    private final Buffers grads = new Buffers();

    /**
     * Creates the activation.
     *
     * @param alpha the slope for negative inputs, in [0, 1]
     */
    public LeakyRelu(double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("LeakyReLU slope must be in [0, 1], got " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        return inputShape;
    }

    @Override
    public String onnx(OnnxGraph graph, String input, long[] inputShape, String name) {
        return alpha == 0 ? graph.node("Relu", name + ".relu", java.util.List.of(input))
                : graph.node("LeakyRelu", name + ".leaky_relu", java.util.List.of(input), "alpha", alpha);
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        INDArray y = outputs.get(x.dataType(), x.shape());
        if (frozen != null) {
            // the slope of the frozen input's side of 0, applied to x: the Jacobian-vector product
            Compute.ops().leakyReluBackward(x, frozen, y, alpha);
            input = x;
            return y;
        }
        Compute.ops().leakyRelu(x, y, alpha);
        // the input stays intact until the previous layer's next forward pass, after this layer's backward pass
        input = training ? x : null;
        return y;
    }

    @Override
    public INDArray backward(INDArray g, boolean parameterGradients) {
        if (input == null) {
            throw new IllegalStateException("backward without a training-mode forward");
        }
        INDArray dx = grads.get(g.dataType(), g.shape());
        Compute.ops().leakyReluBackward(g, frozen != null ? frozen : input, dx, alpha);
        return dx;
    }

    @Override
    public void linearize(boolean on) {
        if (on && input == null) {
            throw new IllegalStateException("linearize without a training-mode forward");
        }
        frozen = on ? input.dup() : null;
    }

    @Override
    public Layer copy() {
        return new LeakyRelu(alpha);
    }
}
