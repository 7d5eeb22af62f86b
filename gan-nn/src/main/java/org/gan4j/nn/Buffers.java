package org.gan4j.nn;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Output buffers reused across steps. Allocating fresh arrays on every op is a large share of a small network's step
 * time in ND4J, so each layer keeps its outputs. A GAN step alternates between a few batch sizes of one sample shape
 * (D on real and fake together, then on fake alone), and the buffers of one layer are only valid until its next
 * call anyway, so all batch sizes of one sample shape share the largest one's memory: a smaller batch is its
 * leading rows, which in c order are its first elements.
 */
final class Buffers {
    /** The largest buffer per data type and sample shape. */
    private final Map<String, INDArray> largest = new HashMap<>();
    /** Arrays handed out, per data type and full shape: the largest buffer itself, or its leading rows. */
    private final Map<String, INDArray> byShape = new HashMap<>();
    private INDArray lastReturned;
    private long[] lastShape;

    INDArray get(DataType type, long... shape) {
        return get(type, false, shape);
    }

    /** Like {@link #get}, but a new buffer starts zero-filled (for callers that write the same part of it every time). */
    INDArray zeroed(DataType type, long... shape) {
        return get(type, true, shape);
    }

    private INDArray get(DataType type, boolean zero, long[] shape) {
        // a layer asks for the same shape step after step: answer that without building a key
        INDArray last = lastReturned;
        if (last != null && last.dataType() == type && Arrays.equals(lastShape, shape)) {
            return last;
        }
        String key = type + Arrays.toString(shape);
        INDArray known = byShape.get(key);
        if (known != null) {
            remember(known, shape);
            return known;
        }
        INDArray made = make(type, zero, shape, key);
        remember(made, shape);
        return made;
    }

    private void remember(INDArray a, long[] shape) {
        lastReturned = a;
        lastShape = shape.clone();
    }

    private INDArray make(DataType type, boolean zero, long[] shape, String key) {
        if (shape.length == 0) {
            INDArray a = zero ? Nd4j.zeros(type, shape) : Nd4j.createUninitialized(type, shape, 'c');
            byShape.put(key, a);
            return a;
        }
        String sample = type + Arrays.toString(Arrays.copyOfRange(shape, 1, shape.length));
        INDArray big = largest.get(sample);
        if (big == null || big.size(0) < shape[0]) {
            big = zero ? Nd4j.zeros(type, shape) : Nd4j.createUninitialized(type, shape, 'c');
            largest.put(sample, big);
            // arrays cut from the old buffer stay valid for whoever holds them, but are not handed out again
            byShape.keySet().removeIf(k -> k.startsWith(type + "[") && sampleOf(k).equals(sample));
            lastReturned = null;
            byShape.put(key, big);
            return big;
        }
        long[] strides = big.stride().clone();
        INDArray rows = Nd4j.create(big.data(), shape, strides, 0, 'c');
        byShape.put(key, rows);
        return rows;
    }

    /** The sample part of a full-shape key, {@code FLOAT[64, 3, 8, 8]} → {@code FLOAT[3, 8, 8]}. */
    private static String sampleOf(String key) {
        int open = key.indexOf('[');
        int comma = key.indexOf(',', open);
        return key.substring(0, open) + "[" + (comma < 0 ? "]" : key.substring(comma + 2));
    }
}
