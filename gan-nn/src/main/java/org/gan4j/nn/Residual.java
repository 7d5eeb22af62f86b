package org.gan4j.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A residual block {@code y = x + f(x)} around a chain of layers that keeps the shape, as in the ResNet generators of
 * CycleGAN and pix2pixHD. The inner layers' parameters are slices of the enclosing network's flat vector.
 */
public final class Residual implements Layer {
    private final Chain inner;
    private final Buffers outputs = new Buffers();
    private final Buffers grads = new Buffers();

    /**
     * Wraps layers in a skip connection.
     *
     * @param inner the residual branch; its output shape must equal its input shape
     */
    public Residual(Layer... inner) {
        if (inner.length == 0) {
            throw new IllegalArgumentException("a residual block needs at least one layer");
        }
        this.inner = new Chain(inner);
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        long[] s = inner.outputShape(inputShape);
        if (!Arrays.equals(s, inputShape)) {
            throw new IllegalArgumentException("a residual branch must keep the shape " + Arrays.toString(inputShape)
                    + ", it produces " + Arrays.toString(s));
        }
        return inputShape;
    }

    @Override
    public long numParams(long[] inputShape) {
        outputShape(inputShape);
        return inner.numParams(inputShape);
    }

    @Override
    public void bind(INDArray params, INDArray gradients) {
        inner.bind(params, gradients);
    }

    @Override
    public void initialize(SplittableRandom random) {
        inner.initialize(random);
    }

    @Override
    public Map<String, INDArray> buffers() {
        return inner.buffers();
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        INDArray h = inner.forward(x, training);
        return outputs.get(x.dataType(), x.shape()).assign(x).addi(h);
    }

    @Override
    public INDArray backward(INDArray g, boolean parameterGradients) {
        INDArray gi = inner.backward(g, parameterGradients);
        return grads.get(g.dataType(), g.shape()).assign(g).addi(gi);
    }

    /**
     * The layers of the residual branch.
     *
     * @return an unmodifiable list
     */
    public List<Layer> layers() {
        return inner.layers();
    }

    @Override
    public Layer copy() {
        return new Residual(inner.copies());
    }
}
