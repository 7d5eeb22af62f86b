package org.gan4j.engine.cluster;

import org.gan4j.engine.internal.PartitionWork;

/**
 * What a {@link Cluster} runs on its executors: one partition's round of a distributed run. The executor needs
 * gan4j, its plugins and ND4J on its class path; it keeps the partition's networks between rounds, so a round costs
 * the request's bytes and k iterations.
 */
public final class PartitionTrainer {
    private PartitionTrainer() {
    }

    /**
     * Trains partition {@code p} for one round.
     *
     * @param job the job {@link Cluster#start} received
     * @param p the partition
     * @param shard partition p's shard
     * @param request the round's request
     * @return the partition's response, for the driver
     */
    public static byte[] round(byte[] job, int p, byte[] shard, byte[] request) {
        return PartitionWork.round(job, p, shard, request);
    }

    /**
     * Drops what this JVM keeps for a job (its partitions' networks).
     *
     * @param job the job
     */
    public static void forget(byte[] job) {
        PartitionWork.forget(job);
    }
}
