package org.gan4j.nn;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Concatenations and contiguous copies for training schedules, written into buffers reused from step to step (a
 * fresh ND4J allocation per step costs more than the copy). Each result lives under a name: the same name returns
 * the same buffer on the next call, so a result is valid until its name is used again.
 */
public final class Stack {
    private final Map<String, Buffers> byName = new HashMap<>();

    private INDArray buffer(String name, INDArray like, long[] shape) {
        return byName.computeIfAbsent(name, k -> new Buffers()).get(like.dataType(), shape);
    }

    /**
     * Concatenates along an axis (0: samples, 1: channels) into the buffer called {@code name}.
     *
     * @param name the buffer's name
     * @param axis the axis
     * @param parts arrays equal in every other dimension
     * @return the buffer holding the concatenation
     */
    public INDArray concat(String name, int axis, INDArray... parts) {
        long[] shape = parts[0].shape().clone();
        shape[axis] = Arrays.stream(parts).mapToLong(p -> p.size(axis)).sum();
        INDArray out = buffer(name, parts[0], shape);
        long at = 0;
        for (INDArray p : parts) {
            slice(out, axis, at, at + p.size(axis)).assign(p);
            at += p.size(axis);
        }
        return out;
    }

    /**
     * A contiguous copy of {@code a} in the buffer called {@code name}.
     *
     * @param name the buffer's name
     * @param a any array, typically a slice
     * @return the buffer holding the copy
     */
    public INDArray copy(String name, INDArray a) {
        return buffer(name, a, a.shape()).assign(a);
    }

    /**
     * The view {@code a[..., from:to, ...]} along one axis.
     *
     * @param a the array
     * @param axis the axis
     * @param from first index
     * @param to end index, exclusive
     * @return a view
     */
    public static INDArray slice(INDArray a, int axis, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        Arrays.fill(idx, NDArrayIndex.all());
        idx[axis] = NDArrayIndex.interval(from, to);
        return a.get(idx);
    }

    /**
     * A batch's shape: {@code n} followed by the per-sample shape.
     *
     * @param n the batch size
     * @param sample the per-sample shape
     * @return {@code [n, ...sample]}
     */
    public static long[] withBatch(long n, long[] sample) {
        return org.gan4j.api.nn.Shapes.withBatch(n, sample);
    }
}
