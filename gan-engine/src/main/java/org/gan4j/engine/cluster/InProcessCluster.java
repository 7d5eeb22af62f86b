package org.gan4j.engine.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * A cluster of one JVM: each round runs the partitions one after another on the calling thread. It needs no Spark and
 * computes what a real cluster computes, so tests of the averaging and of a distributed run's resume use it; a
 * distributed run with one partition on it trains exactly as the run would alone.
 */
public final class InProcessCluster implements Cluster {
    private final int partitions;
    private byte[] job;
    private List<byte[]> shards;

    /**
     * A cluster offering {@code partitions} by default.
     *
     * @param partitions the default partition count
     */
    public InProcessCluster(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        this.partitions = partitions;
    }

    @Override
    public int defaultPartitions() {
        return partitions;
    }

    @Override
    public int coresPerPartition() {
        return 1;
    }

    @Override
    public void start(byte[] job, List<byte[]> shards) {
        this.job = job.clone();
        this.shards = List.copyOf(shards);
    }

    @Override
    public List<byte[]> round(byte[] request) {
        List<byte[]> out = new ArrayList<>();
        for (int p = 0; p < shards.size(); p++) {
            out.add(PartitionTrainer.round(job, p, shards.get(p), request));
        }
        return out;
    }

    @Override
    public String describe() {
        return "in-process (" + partitions + " partition" + (partitions == 1 ? "" : "s") + " in turn)";
    }

    @Override
    public void close() {
        // nothing of its own: the partitions' networks are dropped by the run that started them
    }
}
