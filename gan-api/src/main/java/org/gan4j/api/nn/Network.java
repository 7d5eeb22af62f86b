package org.gan4j.api.nn;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trainable network as the engine sees it: forward, backward from a given output gradient, and one flat parameter
 * vector with a gradient vector of the same length.
 *
 * <p>The flat vectors are what makes optimizers, checkpoints and weight clipping generic: the engine never looks
 * inside a network. Implementations keep per-layer weights as views of {@link #params()}.
 *
 * <p>{@link #backward} belongs to the most recent {@link #forward} in training mode. A network is not thread-safe.
 */
public interface Network {

    /**
     * The shape of one input sample, without the batch dimension.
     *
     * @return for example {@code [100]} for a latent vector or {@code [1, 28, 28]} for an image
     */
    long[] inputShape();

    /**
     * The shape of one output sample, without the batch dimension.
     *
     * @return for example {@code [1]} for a discriminator
     */
    long[] outputShape();

    /**
     * Runs the network on a batch.
     *
     * @param input {@code [n, ...inputShape]}
     * @param training true to cache what {@link #backward} needs (and use batch statistics, dropout, …)
     * @return {@code [n, ...outputShape]}; valid until the next call on this network, copy it to keep it
     */
    INDArray forward(INDArray input, boolean training);

    /**
     * Backpropagates an output gradient through the last training-mode forward pass.
     *
     * @param gradOutput dLoss/dOutput, same shape as the last output
     * @param parameterGradients true to write dLoss/dParams into {@link #gradients()} (overwriting it); false to
     *     compute only the input gradient, leaving {@link #gradients()} untouched (crossing D into G)
     * @return dLoss/dInput, same shape as the last input; valid until the next call on this network
     */
    INDArray backward(INDArray gradOutput, boolean parameterGradients);

    /**
     * All trainable parameters as one flat vector; layers hold views of it, so in-place changes take effect.
     *
     * @return a row vector of length {@link #numParams()}
     */
    INDArray params();

    /**
     * The gradient of the last {@link #backward} with parameter gradients, aligned with {@link #params()}.
     *
     * @return a row vector of length {@link #numParams()}
     */
    INDArray gradients();

    /**
     * Number of trainable parameters.
     *
     * @return the length of {@link #params()}
     */
    long numParams();

    /**
     * Non-trainable state that must survive a checkpoint (for example BatchNorm running statistics), by name.
     * Values are live arrays: the engine restores them in place.
     *
     * @return named buffers, empty by default
     */
    default Map<String, INDArray> buffers() {
        return Map.of();
    }

    /**
     * Enters or leaves the linearisation at the last training-mode input, which gradient penalties need
     * ({@link org.gan4j.api.train.GradientPenalty}): while on, {@code forward(v, true)} returns the Jacobian of the
     * output at that input applied to {@code v} (biases off, activation patterns frozen), and a backward pass through
     * it writes the weight gradient of that directional derivative. Exact for networks that are piecewise linear in
     * their input (dense, convolution, (leaky) ReLU, reshape).
     *
     * @param on true to enter, false to leave
     * @throws UnsupportedOperationException when the network is not piecewise linear in its input (the default)
     * @since API 1.3
     */
    default void linearize(boolean on) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " offers no linearisation");
    }

    /**
     * A network that shares this one's parameters and non-trainable state but keeps its own activations and
     * gradients, for schedules that must back-propagate through two forward passes of one network in one step
     * (CycleGAN runs G on a and on F(b)). The replica's gradients are separate: add them to this network's before
     * its optimizer steps. Optional.
     *
     * @return the replica
     * @throws UnsupportedOperationException if this network type has none
     */
    default Network replica() {
        throw new UnsupportedOperationException(getClass().getName() + " does not support replicas");
    }

    /**
     * A replica for another worker of data-parallel training ({@code training.workers}): the same parameters, its
     * own activations and gradients, and its own copy of the non-trainable state, because workers run at the same
     * time and must not update shared running statistics or counters concurrently. The engine copies this
     * network's {@link #buffers()} into the replica's (same names) before every iteration, so the replica's state
     * starts each iteration equal to this network's; what the replica changes during the iteration is discarded
     * (as PyTorch DDP broadcasts rank 0's buffers). Layers that draw at random (dropout) should draw differently
     * for each worker.
     *
     * <p>The default suits networks without buffers: their {@link #replica()}.
     *
     * @param worker the worker's index, 1 or more (worker 0 uses this network itself)
     * @return the replica
     * @throws UnsupportedOperationException if this network cannot be replicated for workers
     * @since API 1.2
     */
    default Network workerReplica(int worker) {
        if (!buffers().isEmpty()) {
            throw new UnsupportedOperationException(getClass().getName()
                    + " has buffers but no workerReplica(int), so it cannot train with more than one worker");
        }
        return replica();
    }
}
