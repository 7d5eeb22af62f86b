package org.gan4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Reflection padding of {@code [n, C, H, W]} input by {@code p} on every side, as PyTorch's {@code ReflectionPad2d}
 * (the edge row is not repeated: row {@code -1} is row {@code 1}). CycleGAN's ResNet generator pads this way before
 * its unpadded convolutions, which avoids the dark borders zero padding leaves.
 */
public final class ReflectionPad implements Layer {
    private final int p;
    private final Buffers outputs = new Buffers();
    private final Buffers rowGrads = new Buffers();
    private final Buffers grads = new Buffers();

    /**
     * Creates the layer.
     *
     * @param p padding per side, at least 1
     */
    public ReflectionPad(int p) {
        if (p < 1) {
            throw new IllegalArgumentException("reflection padding must be >= 1, got " + p);
        }
        this.p = p;
    }

    @Override
    public long[] outputShape(long[] s) {
        if (s.length != 3 || s[1] <= p || s[2] <= p) {
            throw new IllegalArgumentException("ReflectionPad(" + p + ") needs [C, H, W] input with H, W > " + p
                    + ", got " + java.util.Arrays.toString(s));
        }
        return new long[] {s[0], s[1] + 2L * p, s[2] + 2L * p};
    }

    @Override
    public String onnx(OnnxGraph graph, String input, long[] inputShape, String name) {
        return graph.node("Pad", name + ".pad", java.util.List.of(input,
                graph.longs(name + ".pads", 0, 0, p, p, 0, 0, p, p)), "mode", "reflect");
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        long h = x.size(2);
        long w = x.size(3);
        INDArray y = outputs.get(x.dataType(), x.size(0), x.size(1), h + 2L * p, w + 2L * p);
        // strided copies, not libnd4j's mirror_pad, which computes every element's source index (~50x slower)
        INDArray rows = y.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(p, p + h), NDArrayIndex.all());
        rows.get(range(3, p, p + w, 4)).assign(x);
        for (int j = 1; j <= p; j++) {
            rows.get(at(3, p - j, 4)).assign(x.get(at(3, j, 4)));
            rows.get(at(3, p + w - 1 + j, 4)).assign(x.get(at(3, w - 1 - j, 4)));
        }
        for (int j = 1; j <= p; j++) {
            y.get(at(2, p - j, 4)).assign(y.get(at(2, p + j, 4)));
            y.get(at(2, p + h - 1 + j, 4)).assign(y.get(at(2, p + h - 1 - j, 4)));
        }
        return y;
    }

    private static INDArrayIndex[] at(int axis, long index, int rank) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        java.util.Arrays.fill(idx, NDArrayIndex.all());
        idx[axis] = NDArrayIndex.point(index);
        return idx;
    }

    private static INDArrayIndex[] range(int axis, long from, long to, int rank) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        java.util.Arrays.fill(idx, NDArrayIndex.all());
        idx[axis] = NDArrayIndex.interval(from, to);
        return idx;
    }

    /**
     * Folds the gradient of one padded axis back onto the unpadded one: the interior copies through, each padded
     * row adds onto the row it reflects.
     */
    private void fold(INDArray g, INDArray out, int axis) {
        long n = out.size(axis);
        out.assign(g.get(range(axis, p, p + n, 4)));
        for (int j = 1; j <= p; j++) {
            out.get(at(axis, j, 4)).addi(g.get(at(axis, p - j, 4)));
            out.get(at(axis, n - 1 - j, 4)).addi(g.get(at(axis, p + n - 1 + j, 4)));
        }
    }

    @Override
    public INDArray backward(INDArray g, boolean parameterGradients) {
        long h = g.size(2) - 2L * p;
        long w = g.size(3) - 2L * p;
        INDArray rows = rowGrads.get(g.dataType(), g.size(0), g.size(1), h, g.size(3));
        fold(g, rows, 2);
        INDArray dx = grads.get(g.dataType(), g.size(0), g.size(1), h, w);
        fold(rows, dx, 3);
        return dx;
    }

    @Override
    public Layer copy() {
        return new ReflectionPad(p);
    }
}
