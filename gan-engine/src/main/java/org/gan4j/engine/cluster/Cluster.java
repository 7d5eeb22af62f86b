package org.gan4j.engine.cluster;

import java.util.List;

/**
 * Machines that train a run's partitions in synchronous rounds ({@code distributed} in the config). The engine owns
 * everything a round means (the shards, the state sent, the averaging, the run directory); a cluster only carries
 * bytes to its executors and back and runs {@link PartitionTrainer#round} there. gan-spark's {@code SparkCluster} is
 * the implementation for Apache Spark; {@link InProcessCluster} runs the partitions one after another in this JVM.
 */
public interface Cluster extends AutoCloseable {
    /**
     * The partitions to train when the config leaves {@code distributed.partitions} at 0.
     *
     * @return at least 1
     */
    int defaultPartitions();

    /**
     * The cores one partition may use: its workers × threads when the config leaves {@code training.workers} or
     * {@code training.threads} at auto (Spark: {@code spark.task.cpus}).
     *
     * @return at least 1
     */
    int coresPerPartition();

    /**
     * Sends what stays the same for the whole run: its job (the config) and each partition's shard. Each executor
     * should receive only the shards of the partitions it trains.
     *
     * @param job the job, which {@link PartitionTrainer#round} receives unchanged
     * @param shards one per partition, in partition order
     */
    void start(byte[] job, List<byte[]> shards);

    /**
     * Runs one round: {@link PartitionTrainer#round}{@code (job, p, shards[p], request)} for every partition p, all
     * at once where the cluster has the room. A partition whose executor is lost is run again: a round is a pure
     * function of its inputs, so a retry returns what the first try would have.
     *
     * @param request the round's request, the same for every partition
     * @return each partition's response, in partition order
     * @throws org.gan4j.api.GanException when the round cannot complete (its retries exhausted)
     */
    List<byte[]> round(byte[] request);

    /**
     * Runs independent whole runs ({@code gan repeat --spark}): {@link RunTrainer#run} once per task, each task one
     * unit of the cluster's work, as many at once as it has room for. The default runs them one after another here.
     *
     * @param tasks the tasks, each {@link RunTrainer#run}'s argument
     * @return each task's answer, in task order
     * @throws org.gan4j.api.GanException when a task cannot complete (its retries exhausted)
     */
    default List<byte[]> each(List<byte[]> tasks) {
        List<byte[]> out = new java.util.ArrayList<>();
        for (byte[] t : tasks) {
            out.add(RunTrainer.run(t));
        }
        return out;
    }

    /**
     * For logs: what the cluster is, e.g. {@code spark local[2] (app-2026…)}.
     *
     * @return the description
     */
    String describe();

    /** Releases the cluster's resources; the run directory is the driver's and stays. */
    @Override
    void close();
}
