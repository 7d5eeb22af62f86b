package org.gan4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Reshapes each sample (for example flat 784 ↔ image 1×28×28); a view, no copy, when the input is contiguous. */
public final class Reshape implements Layer {
    private final long[] shape;
    private long[] inputShape;

    /**
     * Creates the layer.
     *
     * @param shape the per-sample output shape; {@code [-1]} flattens
     */
    public Reshape(long... shape) {
        this.shape = shape.clone();
    }

    @Override
    public long[] outputShape(long[] in) {
        long n = 1;
        for (long d : in) {
            n *= d;
        }
        if (shape.length == 1 && shape[0] == -1) {
            return new long[] {n};
        }
        long m = 1;
        for (long d : shape) {
            m *= d;
        }
        if (m != n) {
            throw new IllegalArgumentException("cannot reshape " + java.util.Arrays.toString(in) + " to "
                    + java.util.Arrays.toString(shape));
        }
        return shape.clone();
    }

    /** ONNX Reshape; the leading 0 keeps the batch dimension. */
    @Override
    public String onnx(OnnxGraph graph, String input, long[] inputShape, String name) {
        long[] target = new long[shape.length + 1];
        System.arraycopy(outputShape(inputShape), 0, target, 1, shape.length);
        return graph.node("Reshape", name + ".reshape", java.util.List.of(input, graph.longs(name + ".shape", target)));
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        long[] in = java.util.Arrays.copyOfRange(x.shape(), 1, x.rank());
        inputShape = in;
        return x.reshape('c', Stack.withBatch(x.size(0), outputShape(in)));
    }

    @Override
    public INDArray backward(INDArray g, boolean parameterGradients) {
        return g.reshape('c', Stack.withBatch(g.size(0), inputShape));
    }

    @Override
    public Layer copy() {
        return new Reshape(shape);
    }

    /** A reshape is linear: nothing changes. */
    @Override
    public void linearize(boolean on) {
    }
}
