package org.gan4j.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A residual block {@code y = x + f(x)} around a chain of layers that keeps the shape, as in the ResNet generators of
 * CycleGAN and pix2pixHD. The inner layers' parameters are slices of the enclosing network's flat vector.
 */
public final class Residual implements Layer {
    private final List<Layer> inner;
    private long[] counts;
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
        this.inner = List.of(inner);
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        long[] s = inputShape;
        counts = new long[inner.size()];
        for (int i = 0; i < inner.size(); i++) {
            counts[i] = inner.get(i).numParams(s);
            s = inner.get(i).outputShape(s);
        }
        if (!Arrays.equals(s, inputShape)) {
            throw new IllegalArgumentException("a residual branch must keep the shape " + Arrays.toString(inputShape)
                    + ", it produces " + Arrays.toString(s));
        }
        return inputShape;
    }

    @Override
    public long numParams(long[] inputShape) {
        outputShape(inputShape);
        return Arrays.stream(counts).sum();
    }

    @Override
    public void bind(INDArray params, INDArray gradients) {
        long offset = 0;
        for (int i = 0; i < inner.size(); i++) {
            if (counts[i] > 0) {
                inner.get(i).bind(params.get(NDArrayIndex.interval(offset, offset + counts[i])),
                        gradients.get(NDArrayIndex.interval(offset, offset + counts[i])));
                offset += counts[i];
            }
        }
    }

    @Override
    public void initialize(SplittableRandom random) {
        for (int i = 0; i < inner.size(); i++) {
            if (counts[i] > 0) {
                inner.get(i).initialize(random.split());
            }
        }
    }

    @Override
    public Map<String, INDArray> buffers() {
        Map<String, INDArray> all = new LinkedHashMap<>();
        for (int i = 0; i < inner.size(); i++) {
            for (Map.Entry<String, INDArray> e : inner.get(i).buffers().entrySet()) {
                all.put(i + "." + e.getKey(), e.getValue());
            }
        }
        return all;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        INDArray h = x;
        for (Layer l : inner) {
            h = l.forward(h, training);
        }
        return outputs.get(x.dataType(), x.shape()).assign(x).addi(h);
    }

    @Override
    public INDArray backward(INDArray g, boolean parameterGradients) {
        INDArray gi = g;
        for (int i = inner.size() - 1; i >= 0; i--) {
            gi = inner.get(i).backward(gi, parameterGradients);
        }
        return grads.get(g.dataType(), g.shape()).assign(g).addi(gi);
    }

    /**
     * The layers of the residual branch.
     *
     * @return an unmodifiable list
     */
    public List<Layer> layers() {
        return inner;
    }
}
