package org.gan4j.engine.internal;

import java.util.Map;
import org.gan4j.api.TrainingException;
import org.gan4j.api.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PacGAN's packing (Lin et al. 2018, {@code pack: m} on a discriminator): the wrapped discriminator was built for m
 * samples concatenated along the first sample axis (an image's channels, a vector's features) and judges each group
 * of m consecutive samples of a batch as one. Schedules see a network that takes single samples and answers one
 * output per group, so a D step over n real and n fake samples gets n/m outputs each and the loss averages over
 * groups. Because a c-order batch {@code [n, C, H, W]} is the same memory as {@code [n/m, m·C, H, W]}, packing is a
 * reshape.
 */
final class Packed implements Network {
    private final Network inner;
    private final int m;
    private final long[] sample;
    private long rows;

    Packed(Network inner, int m, long[] sample) {
        this.inner = inner;
        this.m = m;
        this.sample = sample.clone();
    }

    /** The shape of m samples side by side: the first sample axis m times as long. */
    static long[] shape(long[] sample, int m) {
        long[] s = sample.clone();
        s[0] *= m;
        return s;
    }

    private static long[] withRows(long rows, long[] shape) {
        long[] s = new long[shape.length + 1];
        s[0] = rows;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    @Override
    public long[] inputShape() {
        return sample.clone();
    }

    @Override
    public long[] outputShape() {
        return inner.outputShape();
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        rows = input.size(0);
        if (rows % m != 0) {
            throw new TrainingException("pack: " + m + ": a batch of " + rows + " samples does not split into groups of "
                    + m + "; make training.batch_size (per worker) a multiple of " + m);
        }
        return inner.forward(input.reshape('c', withRows(rows / m, shape(sample, m))), training);
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean parameterGradients) {
        return inner.backward(gradOutput, parameterGradients).reshape('c', withRows(rows, sample));
    }

    @Override
    public INDArray params() {
        return inner.params();
    }

    @Override
    public INDArray gradients() {
        return inner.gradients();
    }

    @Override
    public long numParams() {
        return inner.numParams();
    }

    @Override
    public Map<String, INDArray> buffers() {
        return inner.buffers();
    }

    @Override
    public void linearize(boolean on) {
        inner.linearize(on);
    }

    @Override
    public Network replica() {
        return new Packed(inner.replica(), m, sample);
    }

    @Override
    public Network workerReplica(int worker) {
        return new Packed(inner.workerReplica(worker), m, sample);
    }
}
