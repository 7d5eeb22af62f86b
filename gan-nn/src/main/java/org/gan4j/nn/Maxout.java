package org.gan4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maxout (Goodfellow et al. 2013): each output unit is the largest of {@code pieces} consecutive inputs, so a dense
 * layer of {@code units × pieces} followed by this is a maxout layer of {@code units}. The discriminator of the GAN
 * paper's MNIST setup and PacGAN's 2-D critics use it. Piecewise linear in its input, so gradient penalties can
 * linearise it: the pieces chosen at the last training input stay chosen.
 */
public final class Maxout implements Layer {
    private final int pieces;
    /** One-hot over the pieces of the last training input's winners, {@code [n, units, pieces]}. */
    private INDArray mask;
    private boolean frozen;

    /**
     * Creates the layer.
     *
     * @param pieces inputs per output unit, at least 2
     */
    public Maxout(int pieces) {
        if (pieces < 2) {
            throw new IllegalArgumentException("maxout needs at least 2 pieces, got " + pieces);
        }
        this.pieces = pieces;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 1 || inputShape[0] % pieces != 0) {
            throw new IllegalArgumentException("maxout of " + pieces + " pieces needs flat input of a multiple of "
                    + pieces + " features, got " + java.util.Arrays.toString(inputShape));
        }
        return new long[] {inputShape[0] / pieces};
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        long n = x.size(0);
        long units = x.size(1) / pieces;
        INDArray grouped = x.dup('c').reshape('c', n, units, pieces);
        if (frozen) {
            // the Jacobian at the frozen input applied to x: each unit passes its frozen winner's value
            return grouped.mul(mask).sum(2);
        }
        INDArray y = grouped.max(2);
        if (training) {
            mask = winners(grouped, y);
        }
        return y;
    }

    /** Where each group reaches its maximum; a tie shares the gradient equally (a subgradient, and ties are rare). */
    private static INDArray winners(INDArray grouped, INDArray max) {
        long[] s = grouped.shape();
        INDArray hit = grouped.eq(max.reshape('c', s[0], s[1], 1).broadcast(s)).castTo(grouped.dataType());
        return hit.divi(hit.sum(true, 2).broadcast(s));
    }

    @Override
    public INDArray backward(INDArray g, boolean parameterGradients) {
        if (mask == null) {
            throw new IllegalStateException("backward without a training-mode forward");
        }
        long n = g.size(0);
        long units = g.size(1);
        INDArray spread = mask.mul(g.dup('c').reshape('c', n, units, 1));
        return spread.reshape('c', n, units * pieces);
    }

    @Override
    public void linearize(boolean on) {
        if (on && mask == null) {
            throw new IllegalStateException("linearize without a training-mode forward");
        }
        frozen = on;
    }

    /** ONNX: Reshape to {@code [N, units, pieces]}, then ReduceMax over the pieces. */
    @Override
    public String onnx(OnnxGraph graph, String input, long[] inputShape, String name) {
        long units = inputShape[0] / pieces;
        String grouped = graph.node("Reshape", name + ".group", java.util.List.of(input,
                graph.longs(name + ".shape", 0, units, pieces)));
        return graph.node("ReduceMax", name + ".maxout", java.util.List.of(grouped), "axes", new long[] {2}, "keepdims", 0L);
    }

    @Override
    public Layer copy() {
        return new Maxout(pieces);
    }
}
