package org.gan4j.engine;

import java.nio.file.Path;
import org.gan4j.engine.cluster.Cluster;
import org.gan4j.engine.config.ExperimentConfig;

/**
 * What {@link Gan4j#train(TrainRequest)} trains: a config, and optionally where, who listens, who may stop it and on
 * which cluster. Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * gan.train(TrainRequest.of(config).runDir(Path.of("runs/ring")).listener(progress).cluster(spark));
 * }</pre>
 *
 * @param config the experiment
 * @param runDir the run directory, or null for {@link Gan4j#defaultRunDir}; must not hold checkpoints already
 * @param listener progress callbacks
 * @param handle cancellation (honoured at the end of a step, or of a round on a cluster)
 * @param cluster the cluster (gan-spark's {@code SparkCluster}), closed by the caller; null trains here
 */
public record TrainRequest(ExperimentConfig config, Path runDir, TrainingListener listener, TrainingHandle handle,
                           Cluster cluster) {

    /** Checks the required parts. */
    public TrainRequest {
        if (config == null || listener == null || handle == null) {
            throw new IllegalArgumentException("a train request needs a config, a listener and a handle");
        }
    }

    /**
     * A request to train a config into its default run directory, silently, on this machine.
     *
     * @param config the experiment
     * @return the request
     */
    public static TrainRequest of(ExperimentConfig config) {
        return new TrainRequest(config, null, new TrainingListener() { }, new TrainingHandle(), null);
    }

    /**
     * Trains into this directory.
     *
     * @param dir the run directory
     * @return the changed request
     */
    public TrainRequest runDir(Path dir) {
        return new TrainRequest(config, dir, listener, handle, cluster);
    }

    /**
     * Reports progress to this listener.
     *
     * @param l the listener
     * @return the changed request
     */
    public TrainRequest listener(TrainingListener l) {
        return new TrainRequest(config, runDir, l, handle, cluster);
    }

    /**
     * Stops when this handle is cancelled.
     *
     * @param h the handle
     * @return the changed request
     */
    public TrainRequest handle(TrainingHandle h) {
        return new TrainRequest(config, runDir, listener, h, cluster);
    }

    /**
     * Trains on a cluster: rounds of {@code distributed.average_every} iterations on every partition, their states
     * averaged after each (docs/distributed.md). The run directory stays this process's.
     *
     * @param c the cluster, or null for this machine
     * @return the changed request
     */
    public TrainRequest cluster(Cluster c) {
        return new TrainRequest(config, runDir, listener, handle, c);
    }
}
