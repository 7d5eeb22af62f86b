package org.gan4j.api.train;

import java.util.random.RandomGenerator;
import org.gan4j.api.data.Batch;
import org.gan4j.api.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The engine's primitives for one training iteration, handed to a {@link StepRunner}.
 *
 * <p>Randomness is counter-based: {@link #random(String)} and {@link #noise} derive from the run's seed, the
 * iteration and a stream name, so a resumed run draws exactly what an uninterrupted one would.
 */
public interface StepContext {

    /**
     * The 0-based index of this iteration.
     *
     * @return the iteration
     */
    long step();

    /**
     * A network of the run by its config name.
     *
     * @param name such as {@code G}
     * @return the network
     */
    Network network(String name);

    /**
     * The optimizer of a network by the network's name.
     *
     * @param name such as {@code D}
     * @return its optimizer
     */
    Optimizer optimizer(String name);

    /**
     * The run's adversarial loss.
     *
     * @return the loss
     */
    AdversarialLoss loss();

    /**
     * The next batch of real samples (shuffled each epoch, batch size from the config).
     *
     * @return a batch
     */
    Batch nextBatch();

    /**
     * The configured batch size.
     *
     * @return samples per batch
     */
    int batchSize();

    /**
     * The number of classes the data's labels range over.
     *
     * @return K, 0 when the data is unlabelled
     */
    int numClasses();

    /**
     * Standard normal noise for this iteration.
     *
     * @param stream a name that keeps independent draws apart (for example {@code "z-d-0"})
     * @param shape the array shape
     * @return a new array
     */
    INDArray noise(String stream, long... shape);

    /**
     * A random generator for this iteration and stream.
     *
     * @param stream a name that keeps independent draws apart
     * @return a generator seeded from (run seed, iteration, stream)
     */
    RandomGenerator random(String stream);

    /**
     * Records a scalar metric for this iteration (for example a loss or mean D(x)).
     *
     * @param name the metric name, snake_case
     * @param value its value
     */
    void record(String name, double value);
}
