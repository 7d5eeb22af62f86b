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
 *
 * <h2>Workers</h2>
 * With {@code training.workers: N} the engine runs the runner's {@link StepRunner#step step} once per worker, at the
 * same time, each with a context of its own (SPMD, as PyTorch's DistributedDataParallel runs a module's forward on
 * every rank). A step is written once and runs unchanged under any number of workers, because the context hides the
 * split:
 * <ul>
 *   <li>{@link #nextBatch()} returns this worker's contiguous share of the whole batch, and {@link #batchSize()} its
 *       size;</li>
 *   <li>{@link #network(String)} is this worker's replica: the run's parameters, its own activations and gradients;
 *   </li>
 *   <li>{@link Optimizer#step()} is the collective point: every worker's call waits for the others, the gradients are
 *       summed in worker order, each weighted by its share of the batch (so a loss that is a mean over the batch gives
 *       the one-worker update), and one update is applied to the shared parameters;</li>
 *   <li>{@link #noise} and {@link #randomInts} with the batch as leading dimension give this worker its rows of the
 *       whole batch's draw; {@link #random(String)} gives every worker the same generator, for draws that decide
 *       control flow;</li>
 *   <li>state a runner keeps across steps (an image pool) must change only through values every worker sees alike:
 *       {@link #gather} the batch-shaped inputs, update the state the same way in every worker, take this worker's
 *       rows with {@link #shard}. The engine checkpoints worker 0's copy.</li>
 * </ul>
 * Every worker must make the same sequence of collective calls ({@code step}, {@code gather}); a worker that
 * diverges stops the run with an error naming both calls.
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
     * The number of samples of each batch this context trains on: the configured batch size, or under workers this
     * worker's share of it.
     *
     * @return samples per batch for this context
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
     * <p>A leading dimension equal to {@link #batchSize()} is the batch: under workers this worker receives its rows
     * of the draw the whole batch would get, so the noise is the same whatever the number of workers. Any other
     * leading dimension is a draw of this worker's own.
     *
     * @param stream a name that keeps independent draws apart (for example {@code "z-d-0"})
     * @param shape the array shape
     * @return a new array
     */
    INDArray noise(String stream, long... shape);

    /**
     * Uniform integers for this iteration, one per sample (class labels for a conditional generator); the draws
     * are {@code random(stream).nextInt(bound)} in order. Like {@link #noise}, {@code n} equal to
     * {@link #batchSize()} gives this worker its share of the whole batch's draws.
     *
     * @param stream a name that keeps independent draws apart
     * @param n how many
     * @param bound the exclusive upper bound
     * @return the values
     * @since API 1.2
     */
    default int[] randomInts(String stream, int n, int bound) {
        RandomGenerator r = random(stream);
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(bound);
        }
        return v;
    }

    /**
     * Every worker's {@code part} concatenated along the first dimension in worker order, for state that all
     * workers must update alike (a collective: every worker must call it). With one worker, a copy of
     * {@code part}.
     *
     * @param part this worker's rows
     * @return a new array, the same values in every worker
     * @since API 1.2
     */
    default INDArray gather(INDArray part) {
        return part.dup();
    }

    /**
     * This worker's rows of a batch-shaped array that every worker holds whole (the inverse of {@link #gather}):
     * the same rows {@link #nextBatch()} gave it. With one worker, a copy of {@code whole}.
     *
     * @param whole an array whose first dimension is the whole batch
     * @return a new array
     * @since API 1.2
     */
    default INDArray shard(INDArray whole) {
        return whole.dup();
    }

    /**
     * A random generator for this iteration and stream.
     *
     * @param stream a name that keeps independent draws apart
     * @return a generator seeded from (run seed, iteration, stream)
     */
    RandomGenerator random(String stream);

    /**
     * Runs independent parts of a step at the same time, when this worker has more than one thread
     * ({@code training.threads}), and one after the other otherwise; returns when all are done. A batch of one
     * cannot be split across workers, but CycleGAN's two sides (G with D_B, F with D_A) can run side by side, each on
     * a share of the worker's threads. The parts must use disjoint networks and buffers (replicas of one network are
     * disjoint), and must not call {@link Optimizer#step()}, {@link #gather}, {@link #nextBatch} or {@link #record}
     * (do those before or after). The first failure is rethrown.
     *
     * @param parts the independent parts
     * @since API 1.2
     */
    default void parallel(Runnable... parts) {
        for (Runnable p : parts) {
            p.run();
        }
    }

    /**
     * Records a scalar metric for this iteration (for example a loss or mean D(x)).
     *
     * @param name the metric name, snake_case
     * @param value its value
     */
    void record(String name, double value);
}
