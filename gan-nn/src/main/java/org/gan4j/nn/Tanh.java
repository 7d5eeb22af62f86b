package org.gan4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Hyperbolic tangent, the usual generator output for data scaled to [-1, 1]. */
public final class Tanh implements Layer {
    private INDArray output;
    private final Buffers outputs = new Buffers();
    private final Buffers grads = new Buffers();

    @Override
    public long[] outputShape(long[] inputShape) {
        return inputShape;
    }

    @Override
    public String onnx(OnnxGraph graph, String input, long[] inputShape, String name) {
        return graph.node("Tanh", name + ".tanh", java.util.List.of(input));
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        INDArray y = outputs.get(x.dataType(), x.shape());
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh(x, y));
        output = training ? y : null;
        return y;
    }

    @Override
    public INDArray backward(INDArray g, boolean parameterGradients) {
        // d tanh = 1 - y², from the cached output: one fused pass instead of recomputing tanh
        INDArray dx = grads.get(g.dataType(), g.shape());
        dx.assign(output).muli(output).rsubi(1.0).muli(g);
        return dx;
    }

    @Override
    public Layer copy() {
        return new Tanh();
    }
}
