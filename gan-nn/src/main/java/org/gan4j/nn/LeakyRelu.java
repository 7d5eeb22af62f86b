package org.gan4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUDerivative;
import org.nd4j.linalg.factory.Nd4j;

/** LeakyReLU {@code max(x, αx)}; α = 0 gives ReLU. */
public final class LeakyRelu implements Layer {
    private final double alpha;
    private INDArray input;
    private final Buffers outputs = new Buffers();
    private final Buffers grads = new Buffers();

    /**
     * Creates the activation.
     *
     * @param alpha the slope for negative inputs
     */
    public LeakyRelu(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        return inputShape;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        INDArray y = outputs.get(x.dataType(), x.shape());
        Nd4j.exec(new LeakyReLU(x, y, alpha));
        input = training ? x : null;
        return y;
    }

    @Override
    public INDArray backward(INDArray g, boolean parameterGradients) {
        // the derivative mask times g: 8× faster than libnd4j's leakyrelu_bp custom op on [64, 64, 14, 14]
        // (1.7 ms vs 13.1 ms, docs/performance.md)
        INDArray dx = grads.get(g.dataType(), g.shape());
        Nd4j.exec(new LeakyReLUDerivative(input, dx, alpha));
        return dx.muli(g);
    }
}
