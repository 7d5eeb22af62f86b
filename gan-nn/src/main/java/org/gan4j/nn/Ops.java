package org.gan4j.nn;

import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * gan-nn's kernel seam: the passes that are not a single ND4J op call, at the level of operations. Two
 * implementations give the same results to about 1e-6 (ParityTest): {@code host} ({@link Kernels}' Java loops) and
 * {@code native} (libnd4j's {@code lrelu}, {@code moments}, {@code batchnorm} and their backward ops). Layers get the
 * calling thread's from {@link Compute#ops()}. Convolutions, dense layers, tanh, padding and dropout's mask multiply
 * are plain ND4J ops in both modes; dropout's mask is drawn on the host from gan4j's own counters (so runs resume
 * exactly and both modes draw the same masks) and copied to the array once.
 */
public interface Ops {
    /**
     * The mode's config word.
     *
     * @return {@code host} or {@code native}
     */
    String name();

    /**
     * {@code y = max(x, αx)}.
     *
     * @param x the input
     * @param y the output, contiguous, of x's shape
     * @param alpha the negative slope, in [0, 1]
     */
    void leakyRelu(INDArray x, INDArray y, double alpha);

    /**
     * {@code dx = g · (x > 0 ? 1 : α)} (the slope at 0 is α, as in PyTorch).
     *
     * @param g the output gradient
     * @param x the forward pass's input
     * @param dx the input gradient, contiguous, of g's shape
     * @param alpha the negative slope
     */
    void leakyReluBackward(INDArray g, INDArray x, INDArray dx, double alpha);

    /**
     * Normalises {@code x} ({@code [n, C]} or {@code [n, C, H, W]}) per channel ({@code perSample} false: batch norm)
     * or per (sample, channel) plane (true: instance norm), with the batch's mean and biased variance or with fixed
     * statistics, then scales and shifts per channel.
     *
     * @param x the input, contiguous
     * @param perSample one group per plane instead of one per channel
     * @param eps added to the variance
     * @param scale per-channel scale, or null for 1
     * @param shift per-channel shift (with a scale), or null for 0
     * @param fixedMean per-channel mean to use instead of the batch's (evaluation mode), or null
     * @param fixedVar per-channel variance with {@code fixedMean}, or null
     * @param y the output, contiguous, of x's shape
     * @param scratch a contiguous array of x's shape and type, asked for only by kernels that keep x̂ for backward
     * @return what the backward pass needs, and the batch statistics
     */
    Normalised normalise(INDArray x, boolean perSample, double eps, INDArray scale, INDArray shift, INDArray fixedMean,
                         INDArray fixedVar, INDArray y, Supplier<INDArray> scratch);

    /** A training-mode normalisation, kept for its backward pass. */
    interface Normalised {
        /**
         * The batch's per-group mean.
         *
         * @return one value per group (FLOAT or the input's type)
         */
        INDArray mean();

        /**
         * The batch's per-group biased variance.
         *
         * @return one value per group
         */
        INDArray variance();

        /**
         * The input gradient {@code dx = scale/σ · (g − mean(g) − x̂ · mean(g · x̂))} per group, and the scale's and
         * shift's gradients {@code Σ g · x̂}, {@code Σ g} per channel when asked for.
         *
         * @param g the output gradient
         * @param dx where the input gradient goes, contiguous, of g's shape
         * @param dScale where Σ g·x̂ goes, or null
         * @param dShift where Σ g goes, or null
         */
        void backward(INDArray g, INDArray dx, INDArray dScale, INDArray dShift);
    }
}
