package org.gan4j.nn;

import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout: in training each element is zeroed with probability {@code p} and the survivors scaled by
 * {@code 1/(1-p)}; outside training the layer is the identity. pix2pix's U-Net uses it (p = 0.5) as the generator's
 * only noise source.
 *
 * <p>Masks are counter-based: the mask of the k-th training forward pass depends only on the network's seed and k,
 * and k is a checkpointed buffer, so a resumed run draws the masks an uninterrupted one would.
 */
public final class Dropout implements Layer {
    private final double p;
    private long seed;
    private INDArray calls = Nd4j.zeros(DataType.DOUBLE, 1);
    private final Buffers masks = new Buffers();
    private final Buffers outputs = new Buffers();
    private final Buffers grads = new Buffers();
    private INDArray mask;

    /**
     * Creates the layer.
     *
     * @param p the probability of zeroing an element, in [0, 1)
     */
    public Dropout(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        this.p = p;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        return inputShape;
    }

    /** Dropout has no parameters but needs a seed; networks call this for parameter-free layers too. */
    @Override
    public void initialize(SplittableRandom random) {
        seed = random.nextLong();
    }

    @Override
    public Map<String, INDArray> buffers() {
        return Map.of("calls", calls);
    }

    /** Inference mode keeps every value, as gan4j's own inference does. */
    @Override
    public String onnx(OnnxGraph graph, String input, long[] inputShape, String name) {
        return input;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        if (!training || p == 0) {
            mask = null;
            return x;
        }
        long k = (long) calls.getDouble(0);
        calls.putScalar(0, k + 1);
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (k + 1)));
        float[] m = new float[(int) x.length()];
        float keep = (float) (1 / (1 - p));
        for (int i = 0; i < m.length; i++) {
            m[i] = random.nextDouble() < p ? 0f : keep;
        }
        mask = masks.get(x.dataType(), x.shape());
        // drawn on the host from gan4j's counters in every compute mode (one copy to the array): masks resume exactly
        org.gan4j.api.nn.HostData.write(mask, 0, m, 0, m.length);
        return outputs.get(x.dataType(), x.shape()).assign(x).muli(mask);
    }

    @Override
    public INDArray backward(INDArray g, boolean parameterGradients) {
        if (mask == null) {
            return g;
        }
        return grads.get(g.dataType(), g.shape()).assign(g).muli(mask);
    }

    @Override
    public Layer copy() {
        Dropout d = new Dropout(p);
        // replicas draw from the same mask stream: a shared seed and call counter
        d.seed = seed;
        d.calls = calls;
        return d;
    }

    /**
     * Its own counter (the engine copies the original's in before each iteration, so it counts alike) and a stream
     * of its own, so that two workers' shards do not share one mask.
     */
    @Override
    public Layer workerCopy(int worker) {
        Dropout d = new Dropout(p);
        d.seed = seed ^ (0xD1B54A32D192ED03L * worker);
        d.calls = calls.dup();
        return d;
    }
}
