package org.gan4j.nn;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Output buffers reused across steps, one per shape. Allocating fresh arrays on every op is a large share of a small
 * network's step time in ND4J; a GAN step alternates between a few batch sizes, so a few buffers per layer suffice.
 */
final class Buffers {
    private final Map<String, INDArray> byShape = new HashMap<>();

    INDArray get(DataType type, long... shape) {
        return byShape.computeIfAbsent(type + java.util.Arrays.toString(shape),
                k -> Nd4j.createUninitialized(type, shape, 'c'));
    }

    /** Like {@link #get}, but a new buffer starts zero-filled (for callers that only ever write part of it). */
    INDArray zeroed(DataType type, long... shape) {
        return byShape.computeIfAbsent(type + java.util.Arrays.toString(shape), k -> Nd4j.zeros(type, shape));
    }

}
