package org.gan4j.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A U-Net skip connection: {@code y = concat(x, f(x))} along the channel axis, where {@code f} is the block's inner
 * chain (down-sampling, the nested blocks, up-sampling). The branch must return the input's spatial size; the output
 * has the input's channels followed by the branch's.
 */
public final class Skip extends Block {
    private final Buffers outputs = new Buffers();
    private final Buffers grads = new Buffers();
    private final Buffers branchGrads = new Buffers();
    private long channels;

    /**
     * Wraps layers in a concatenating skip connection.
     *
     * @param inner the branch; it must keep the spatial dimensions
     */
    public Skip(Layer... inner) {
        super("skip", inner);
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        long[] s = inner.outputShape(inputShape);
        if (s.length != inputShape.length || !Arrays.equals(Arrays.copyOfRange(s, 1, s.length),
                Arrays.copyOfRange(inputShape, 1, inputShape.length))) {
            throw new IllegalArgumentException("a skip branch must keep the spatial shape of "
                    + Arrays.toString(inputShape) + ", it produces " + Arrays.toString(s));
        }
        channels = inputShape[0];
        long[] out = inputShape.clone();
        out[0] = inputShape[0] + s[0];
        return out;
    }

    private static INDArray channels(INDArray a, long from, long to) {
        return Stack.slice(a, 1, from, to);
    }

    @Override
    public String onnx(OnnxGraph graph, String input, long[] inputShape, String name) {
        return graph.node("Concat", name + ".concat", java.util.List.of(input, chainOnnx(graph, input, inputShape, name)),
                "axis", 1L);
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        INDArray h = inner.forward(x, training);
        long[] shape = x.shape().clone();
        shape[1] = channels + h.size(1);
        INDArray y = outputs.get(x.dataType(), shape);
        channels(y, 0, channels).assign(x);
        channels(y, channels, shape[1]).assign(h);
        return y;
    }

    @Override
    public INDArray backward(INDArray g, boolean parameterGradients) {
        INDArray gBranch = channels(g, channels, g.size(1));
        // the branch's layers expect contiguous input, not a channel slice
        INDArray gi = inner.backward(branchGrads.get(g.dataType(), gBranch.shape()).assign(gBranch), parameterGradients);
        long[] shape = g.shape().clone();
        shape[1] = channels;
        return grads.get(g.dataType(), shape).assign(channels(g, 0, channels)).addi(gi);
    }

    @Override
    public Layer copy() {
        return new Skip(inner.copies());
    }

    @Override
    public Layer workerCopy(int worker) {
        return new Skip(inner.workerCopies(worker));
    }
}
