package org.gan4j.api.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch of real samples.
 *
 * @param x samples {@code [n, ...sampleShape]}
 * @param labels class indices {@code [n]} as integers stored in floats, or null when unlabelled
 */
public record Batch(INDArray x, INDArray labels) {
}
