package org.gan4j.api.train;

import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Updates one network's parameters from its current {@link org.gan4j.api.nn.Network#gradients()}. Each network has
 * its own optimizer and state, so stepping one never touches another.
 *
 * <p>Under workers a step is collective (see {@link StepContext}): it waits for every worker's gradients, reduces
 * them and applies one update to the parameters all workers share. Change parameters only through
 * {@link #step(Consumer)}, never after {@link #step()} returns: the other workers may already be computing with them.
 */
public interface Optimizer {

    /** Applies one update using the network's current gradients; the gradients are consumed (overwritten). */
    void step();

    /**
     * Applies one update, then a constraint to the updated parameters (WGAN's weight clipping, a projection), once:
     * under workers after the reduced update and before any worker continues.
     *
     * @param constraint changes the network's flat parameter vector in place
     * @since API 1.2
     */
    void step(Consumer<INDArray> constraint);

    /**
     * Number of updates applied so far (restored on resume).
     *
     * @return the update count
     */
    long iterations();
}
