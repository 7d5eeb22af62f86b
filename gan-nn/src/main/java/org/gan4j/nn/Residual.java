package org.gan4j.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A residual block {@code y = x + f(x)} around a chain of layers that keeps the shape, as in the ResNet generators of
 * CycleGAN and pix2pixHD. The inner layers' parameters are slices of the enclosing network's flat vector.
 */
public final class Residual extends Block {
    private final Buffers outputs = new Buffers();
    private final Buffers grads = new Buffers();

    /**
     * Wraps layers in a skip connection.
     *
     * @param inner the residual branch; its output shape must equal its input shape
     */
    public Residual(Layer... inner) {
        super("residual", inner);
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
    public String onnx(OnnxGraph graph, String input, long[] inputShape, String name) {
        return graph.node("Add", name + ".add", java.util.List.of(input, chainOnnx(graph, input, inputShape, name)));
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

    @Override
    public Layer copy() {
        return new Residual(inner.copies());
    }

    @Override
    public Layer workerCopy(int worker) {
        return new Residual(inner.workerCopies(worker));
    }
}
