package org.gan4j.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Layers nested inside a block ({@link Residual}, {@link Skip}): their parameters are consecutive slices of the
 * block's slice of the network's flat vector, their buffers are named by position.
 */
final class Chain {
    private final List<Layer> layers;
    private long[] counts;

    Chain(Layer... layers) {
        this.layers = List.of(layers);
    }

    Layer[] copies() {
        return layers.stream().map(Layer::copy).toArray(Layer[]::new);
    }

    Layer[] workerCopies(int worker) {
        return layers.stream().map(l -> l.workerCopy(worker)).toArray(Layer[]::new);
    }

    List<Layer> layers() {
        return layers;
    }

    long[] outputShape(long[] inputShape) {
        long[] s = inputShape;
        counts = new long[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            counts[i] = layers.get(i).numParams(s);
            s = layers.get(i).outputShape(s);
        }
        return s;
    }

    long numParams(long[] inputShape) {
        outputShape(inputShape);
        return Arrays.stream(counts).sum();
    }

    void bind(INDArray params, INDArray gradients) {
        long offset = 0;
        for (int i = 0; i < layers.size(); i++) {
            if (counts[i] > 0) {
                layers.get(i).bind(params.get(NDArrayIndex.interval(offset, offset + counts[i])),
                        gradients.get(NDArrayIndex.interval(offset, offset + counts[i])));
                offset += counts[i];
            }
        }
    }

    void initialize(SplittableRandom random) {
        for (int i = 0; i < layers.size(); i++) {
            if (counts[i] > 0) {
                layers.get(i).initialize(random.split());
            }
        }
        // parameter-free layers that draw (dropout) come after, so adding one never changes other layers' weights
        for (int i = 0; i < layers.size(); i++) {
            if (counts[i] == 0) {
                layers.get(i).initialize(random.split());
            }
        }
    }

    Map<String, INDArray> buffers() {
        Map<String, INDArray> all = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Map.Entry<String, INDArray> e : layers.get(i).buffers().entrySet()) {
                all.put(i + "." + e.getKey(), e.getValue());
            }
        }
        return all;
    }

    INDArray forward(INDArray x, boolean training) {
        INDArray h = x;
        for (Layer l : layers) {
            h = l.forward(h, training);
        }
        return h;
    }

    INDArray backward(INDArray g, boolean parameterGradients) {
        INDArray gi = g;
        for (int i = layers.size() - 1; i >= 0; i--) {
            gi = layers.get(i).backward(gi, parameterGradients);
        }
        return gi;
    }
}
