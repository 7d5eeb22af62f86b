package org.gan4j.engine.cluster;

import org.gan4j.engine.experiment.Experiment;

/**
 * What a {@link Cluster} runs on its executors for {@link Cluster#each}: one whole run of an experiment
 * ({@code gan repeat --spark}) — trained, or continued from its newest checkpoint, and evaluated — into its run
 * directory, which must be a path the executor can write (the driver's disk in local mode, a shared file system on a
 * cluster).
 */
public final class RunTrainer {
    private RunTrainer() {
    }

    /**
     * Trains and evaluates one run.
     *
     * @param task the task the driver sent
     * @return the run's outcome, for the driver
     */
    public static byte[] run(byte[] task) {
        return Experiment.execute(task);
    }
}
