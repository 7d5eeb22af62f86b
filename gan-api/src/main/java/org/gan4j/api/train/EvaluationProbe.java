package org.gan4j.api.train;

import org.gan4j.api.data.Batch;
import org.gan4j.api.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a runner sees when the engine evaluates its run (periodically in training, and in {@code gan evaluate}): the
 * networks as they are now, some of the run's data and seeded noise. Use networks in inference mode
 * ({@code forward(x, false)}); the engine evaluates between iterations, so their buffers are free.
 *
 * @since API 1.3
 */
public interface EvaluationProbe {

    /**
     * The training step the networks come from.
     *
     * @return iterations completed
     */
    long step();

    /**
     * One of the run's networks.
     *
     * @param name its name in the config
     * @return the network
     * @throws org.gan4j.api.ConfigException when the run has none of that name
     */
    Network network(String name);

    /**
     * The run's first {@code n} data samples (fewer when the data is smaller), the same at every evaluation.
     *
     * @param n how many
     * @return the batch
     */
    Batch data(int n);

    /**
     * Standard normal noise drawn from the evaluation's seed: the same at every evaluation of a run with the same
     * stream name.
     *
     * @param stream a name that separates independent draws
     * @param shape the shape, batch first
     * @return the noise
     */
    INDArray noise(String stream, long[] shape);
}
