package org.gan4j.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One stage of a {@link Sequential} network. Parameters and their gradients are views into the network's flat
 * vectors, handed over by {@link #bind}; a layer never allocates its own trainable arrays.
 */
public interface Layer {

    /**
     * The per-sample output shape for a per-sample input shape.
     *
     * @param inputShape without the batch dimension
     * @return the output shape without the batch dimension
     */
    long[] outputShape(long[] inputShape);

    /**
     * Number of trainable parameters for the given input shape.
     *
     * @param inputShape without the batch dimension
     * @return the count, 0 for parameter-free layers
     */
    default long numParams(long[] inputShape) {
        return 0;
    }

    /**
     * Receives this layer's slices of the network's parameter and gradient vectors.
     *
     * @param params a flat view of length {@link #numParams}
     * @param gradients a flat view of the same length
     */
    default void bind(INDArray params, INDArray gradients) {
    }

    /**
     * Writes initial values into the bound parameters. Networks call it for parameter-free layers as well (after the
     * others), so a layer that draws at run time (dropout) can take its seed here.
     *
     * @param random the initialisation stream
     */
    default void initialize(SplittableRandom random) {
    }

    /**
     * Overwrites the parameters with the Gaussian initialisation of DCGAN, pix2pix and CycleGAN ({@link Init#gaussian}):
     * what this layer does under it. Nothing by default (dense layers keep their own initialisation).
     *
     * @param random the initialisation stream, shared by the network's layers in order
     * @param zeroBias whether convolution biases become 0
     */
    default void initializeGaussian(SplittableRandom random, boolean zeroBias) {
    }

    /**
     * Non-trainable state to checkpoint (running statistics), by name; values are live arrays.
     *
     * @return named buffers, empty by default
     */
    default java.util.Map<String, INDArray> buffers() {
        return java.util.Map.of();
    }

    /**
     * Enters or leaves this layer's linearisation at its last training-mode input, for gradient penalties: while on,
     * {@link #forward} computes the layer's Jacobian at that input applied to its argument (no bias; the activation
     * pattern of the last input), and {@link #backward} writes no bias gradient, so a backward pass through the
     * linearised network gives the weight gradient of a directional derivative of the output
     * ({@link org.gan4j.api.train.GradientPenalty}). Only layers that are piecewise linear in their input can offer it
     * exactly.
     *
     * @param on true to enter, false to leave
     * @throws UnsupportedOperationException for a layer that is not piecewise linear in its input (the default)
     */
    default void linearize(boolean on) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is not piecewise linear in its input");
    }

    /**
     * Forward pass.
     *
     * @param input {@code [n, ...inputShape]}
     * @param training true to keep what backward needs
     * @return the output, possibly a buffer this layer reuses on its next call
     */
    INDArray forward(INDArray input, boolean training);

    /**
     * Adds this layer's inference-mode computation to an ONNX graph (running statistics, no dropout), its weights
     * named under {@code name} as in {@code 3.weight}.
     *
     * @param graph the graph under construction
     * @param input the name of this layer's input value
     * @param inputShape the input's per-sample shape
     * @param name this layer's path in the network, such as {@code 3} or {@code 5.branch.2}
     * @return the name of this layer's output value
     * @throws UnsupportedOperationException for a layer without an ONNX form (the default)
     */
    default String onnx(OnnxGraph graph, String input, long[] inputShape, String name) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no ONNX form");
    }

    /**
     * Backward pass through the last training-mode forward.
     *
     * @param gradOutput dLoss/dOutput
     * @param parameterGradients whether to write parameter gradients into the bound gradient view
     * @return dLoss/dInput, possibly a reused buffer
     */
    INDArray backward(INDArray gradOutput, boolean parameterGradients);

    /**
     * A new layer with this one's settings and no parameters bound, for {@link Sequential#replica()}: a replica's
     * layers are bound to the same parameters and share non-trainable state (running statistics, dropout's
     * counter) but keep their own activations.
     *
     * @return the copy
     */
    Layer copy();

    /**
     * A new layer for another worker's replica ({@link Sequential#workerReplica}): bound to the same parameters like
     * {@link #copy()}, but with non-trainable state of its own, because workers run concurrently. The engine copies
     * the original's {@link #buffers()} into it before every iteration. Layers with buffers or random draws must
     * override this; the default is {@link #copy()}.
     *
     * @param worker the worker's index (1 or more), for layers that draw at random
     * @return the copy
     */
    default Layer workerCopy(int worker) {
        return copy();
    }
}
