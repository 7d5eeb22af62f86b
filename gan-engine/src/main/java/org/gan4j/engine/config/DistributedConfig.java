package org.gan4j.engine.config;

import org.gan4j.api.Param;

/**
 * Training on a cluster ({@code gan train --spark MASTER}): synchronous parameter averaging every k iterations (local
 * SGD; the scheme of DL4J's ParameterAveragingTrainingMaster). Each partition trains its shard of the data with the
 * engine's own step for k iterations; then every network's parameters, optimizer state, buffers (BatchNorm running
 * statistics) and moving averages are averaged into the next round's start. Ignored by a run on one machine.
 *
 * @param partitions how many shards train at once; 0 = the cluster's default parallelism (Spark's
 *     {@code spark.default.parallelism}: the cores of its executors). The effective config records the number used
 * @param averageEvery k: iterations each partition trains between two averagings. Rounds also end where a checkpoint,
 *     samples or an evaluation is due, so those see averaged networks. A round costs 2–4 s beyond its training on a
 *     loopback cluster (MNIST's MLP GAN: 30 MB of state each way); the default 1000 keeps that under about 5 % of a
 *     round there (docs/distributed.md; the metric {@code sync_pct} reports it)
 * @param data how the shards reach the executors: {@code ship} = the driver reads the data once and each executor
 *     receives only its shard; {@code open} = each executor opens the data source itself (its files must be readable
 *     there) and keeps its shard; {@code auto} = ship, except for data with random augmentation, which only the data
 *     source can apply
 */
public record DistributedConfig(
        @Param(value = "0", doc = "partitions training at once; 0 = the cluster's default parallelism", min = "0", max = "4096")
        int partitions,
        @Param(value = "1000", doc = "iterations each partition trains between two parameter averagings", min = "1",
                max = "1000000000") long averageEvery,
        @Param(value = "auto", doc = "auto | ship (each executor receives only its shard) | open (each executor opens the data)")
        String data) {

    /** Validates the values. */
    public DistributedConfig {
        if (partitions < 0) {
            throw new org.gan4j.api.ConfigException("distributed.partitions: must be >= 0, got " + partitions);
        }
        if (averageEvery < 1) {
            throw new org.gan4j.api.ConfigException("distributed.average_every: must be >= 1, got " + averageEvery);
        }
        if (!data.matches("auto|ship|open")) {
            throw new org.gan4j.api.ConfigException("distributed.data: expected auto, ship or open, got '" + data + "'");
        }
    }

    /**
     * These settings with the partition count resolved.
     *
     * @param n the partitions used
     * @return the new settings
     */
    public DistributedConfig withPartitions(int n) {
        return new DistributedConfig(n, averageEvery, data);
    }
}
