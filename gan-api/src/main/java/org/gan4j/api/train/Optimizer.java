package org.gan4j.api.train;

/**
 * Updates one network's parameters from its current {@link org.gan4j.api.nn.Network#gradients()}. Each network has
 * its own optimizer and state, so stepping one never touches another.
 */
public interface Optimizer {

    /** Applies one update using the network's current gradients; the gradients are consumed (overwritten). */
    void step();

    /**
     * Number of updates applied so far (restored on resume).
     *
     * @return the update count
     */
    long iterations();
}
