package org.gan4j.examples.stddev;

import java.util.Set;
import org.gan4j.api.GanApi;
import org.gan4j.api.NoConfig;
import org.gan4j.api.Provider;
import org.gan4j.nn.Layer;
import org.gan4j.nn.LayerArgs;
import org.gan4j.nn.LayerType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Minibatch standard deviation (Karras et al. 2018, ProGAN), a discriminator layer shipped in a plugin jar: it appends
 * one feature to every row, the mean over features of their standard deviation across the batch, so D sees how
 * varied a batch is and a collapsed generator (every sample alike) is easy to tell from data. Vectors in, one more
 * feature out. YAML: {@code minibatch_stddev} in a {@code sequential-discriminator}'s layers. With several workers each
 * worker's shard is its batch, as with BatchNorm. Not piecewise linear, so gradient penalties cannot linearise it.
 */
public final class MinibatchStddev implements Layer {
    private static final double EPS = 1e-8;
    /** The last training batch, centred per feature, and the features' standard deviations: what backward needs. */
    private INDArray centred;
    private INDArray std;

    /** The YAML layer type {@code minibatch_stddev} (bare name; no value, no options). */
    public static final class Type extends Provider<NoConfig> implements LayerType {
        /** The provider ServiceLoader instantiates. */
        public Type() {
            super("minibatch-stddev", NoConfig.class, GanApi.VERSION,
                    "appends the batch's mean feature standard deviation to every row (ProGAN)");
        }

        @Override
        public boolean bare() {
            return true;
        }

        @Override
        public Set<String> options() {
            return Set.of();
        }

        @Override
        public Layer create(LayerArgs args) {
            if (args.value() != null && !Boolean.TRUE.equals(args.value())) {
                throw args.error("takes no value; write it as a bare name: minibatch_stddev");
            }
            return new MinibatchStddev();
        }
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 1) {
            throw new IllegalArgumentException("minibatch_stddev needs flat input (vectors), got "
                    + java.util.Arrays.toString(inputShape) + "; add flatten before it");
        }
        return new long[] {inputShape[0] + 1};
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        long n = x.size(0);
        INDArray c = x.subRowVector(x.mean(true, 0));
        INDArray s = Transforms.sqrt(c.mul(c).mean(true, 0).addi(EPS), false);
        if (training) {
            centred = c;
            std = s;
        }
        INDArray stat = Nd4j.valueArrayOf(new long[] {n, 1}, s.meanNumber().doubleValue(), x.dataType());
        return Nd4j.hstack(x, stat);
    }

    /**
     * dL/dx = g (the passed-through features) + G · (x − μ) / (n · d · s), where G sums the gradient of the appended
     * feature over the batch: every row's statistic depends on every input.
     */
    @Override
    public INDArray backward(INDArray g, boolean parameterGradients) {
        if (centred == null) {
            throw new IllegalStateException("backward without a training-mode forward");
        }
        long n = g.size(0);
        long d = centred.size(1);
        double total = g.get(NDArrayIndex.all(), NDArrayIndex.point(d)).sumNumber().doubleValue();
        INDArray dx = g.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)).dup();
        return dx.addi(centred.divRowVector(std).muli(total / ((double) n * d)));
    }

    @Override
    public Layer copy() {
        return new MinibatchStddev();
    }
}
