package org.gan4j.engine.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.registry.Registry;
import org.gan4j.engine.RunResult;
import org.gan4j.engine.TrainingHandle;
import org.gan4j.engine.TrainingListener;
import org.gan4j.engine.cluster.Cluster;
import org.gan4j.engine.config.ConfigLoader;
import org.gan4j.engine.config.DistributedConfig;
import org.gan4j.engine.config.ExperimentConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver of a distributed run: rounds of k iterations on every partition, then the average of their states, and
 * between rounds what a run on one machine does between steps (metrics, evaluation, samples, checkpoints, the run
 * board), all in the driver's run directory. Rounds end where a checkpoint, samples or an evaluation is due, so
 * those see averaged networks, and a cancelled run stops at the end of its round with a checkpoint.
 */
public final class DistributedLoop {
    private static final Logger LOG = LoggerFactory.getLogger(DistributedLoop.class);

    private DistributedLoop() {
    }

    /**
     * Trains a run on a cluster until {@code training.steps}.
     *
     * @param run the run, new or restored
     * @param registry its providers (partitions in this JVM use them)
     * @param cluster the cluster; the caller closes it
     * @param runDir the run directory
     * @param listener progress callbacks
     * @param handle cancellation, honoured at the end of a round
     * @return how the run ended
     */
    public static RunResult train(Run run, Registry registry, Cluster cluster, Path runDir, TrainingListener listener,
                                  TrainingHandle handle) {
        DistributedConfig d = run.config().distributed();
        int partitions = d.partitions() > 0 ? d.partitions() : cluster.defaultPartitions();
        run.reconfigure(run.config().withDistributed(d.withPartitions(partitions)));
        ExperimentConfig config = run.config();
        boolean ship = d.data().equals("ship") || d.data().equals("auto") && !Shards.augments(run.dataset());
        long t0 = System.nanoTime();
        int cores = Math.max(1, cluster.coresPerPartition());
        run.begin(runDir, listener, partitions, cores);
        LOG.info("distributed: {} partition(s) on {}, {} core(s) each; parameters averaged every {} iterations; "
                + "data {}", partitions, cluster.describe(), cores, d.averageEvery(),
                ship ? "shipped (each executor receives its shard)" : "opened by each executor");
        List<byte[]> shards = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            shards.add(Shards.cut(run.dataset(), p, partitions, ship));
        }
        byte[] job = PartitionWork.job(java.util.UUID.randomUUID().toString(), ConfigLoader.toYaml(config), partitions,
                cores, registry);
        try {
            cluster.start(job, shards);
            shards.clear();
            return rounds(run, cluster, runDir, listener, handle, t0);
        } finally {
            PartitionWork.forget(job);
        }
    }

    private static RunResult rounds(Run run, Cluster cluster, Path runDir, TrainingListener listener,
                                    TrainingHandle handle, long t0) {
        ExperimentConfig config = run.config();
        long total = config.training().steps();
        Path last = null;
        boolean cancelled = false;
        double wallSum = 0;
        double syncSum = 0;
        long rounds = 0;
        long first = run.step();
        RoundState state = null;
        while (run.step() < total && !cancelled) {
            long from = run.step();
            long to = stop(from, config);
            // the round's time is the driver's too: encoding the request, Spark's job, decoding and averaging
            long r0 = System.nanoTime();
            // after a round the run holds exactly the average it was given: that is the next request's state
            byte[] request = PartitionWork.request(to - from, state != null ? state : RoundState.of(run.snapshot()));
            long c0 = System.nanoTime();
            List<PartitionWork.Response> out = cluster.round(request).stream().map(PartitionWork.Response::read).toList();
            long c1 = System.nanoTime();
            for (int p = 0; p < out.size(); p++) {
                if (out.get(p).error() != null) {
                    throw Run.stopped(runDir, "partition " + p + ": " + out.get(p).error());
                }
            }
            state = RoundState.average(out.stream().map(PartitionWork.Response::state).toList());
            run.install(state.checkpoint());
            double wall = (System.nanoTime() - r0) / 1e6;
            double compute = out.stream().mapToDouble(PartitionWork.Response::computeMs).max().orElse(0);
            double sync = Math.max(0, wall - compute);
            wallSum += wall;
            syncSum += sync;
            rounds++;
            LOG.debug("round {}: steps {} → {} in {} ms: encode {} ms, cluster {} ms (training {} ms), average {} ms; "
                    + "{} bytes sent", rounds, from, to, Math.round(wall), (c0 - r0) / 1000000, (c1 - c0) / 1000000,
                    Math.round(compute), (System.nanoTime() - c1) / 1000000, request.length);
            for (long s = from + 1; s <= to; s++) {
                Map<String, Double> rec = mean(out, (int) (s - from - 1));
                rec.put("sync_pct", 100 * sync / wall);
                run.at(s);
                run.record(listener, rec);
                // a cancellation (during the round or from onStep) takes effect at the round's end
                cancelled = s == to && handle.isCancelled();
                Path written = run.afterStep(runDir, listener, s == to && (to == total || cancelled), cancelled);
                last = written != null ? written : last;
            }
        }
        if (rounds > 0) {
            long samples = (run.step() - first) * config.training().batchSize() * config.distributed().partitions();
            LOG.info("distributed: {} round(s), {} samples in {} s of rounds ({} samples/s); synchronisation {} % of the"
                    + " round time", rounds, samples, Math.round(wallSum / 1000),
                    Math.round(samples / (wallSum / 1000)), String.format("%.1f", 100 * syncSum / wallSum));
        }
        return run.finish(runDir, last, t0, cancelled);
    }

    /** Where the round starting at {@code from} ends: k iterations on, or sooner where something is due. */
    static long stop(long from, ExperimentConfig config) {
        long to = Math.min(config.training().steps(), next(from, config.distributed().averageEvery()));
        for (long every : new long[] {config.checkpoints().every(), config.samples().every(), config.evaluation().every()}) {
            if (every > 0) {
                to = Math.min(to, next(from, every));
            }
        }
        return to;
    }

    private static long next(long from, long every) {
        return (from / every + 1) * every;
    }

    /** Iteration i's metrics, averaged over the partitions. */
    private static Map<String, Double> mean(List<PartitionWork.Response> out, int i) {
        Map<String, Double> rec = new LinkedHashMap<>();
        for (PartitionWork.Response r : out) {
            r.records().get(i).forEach((k, v) -> rec.merge(k, v / out.size(), Double::sum));
        }
        return rec;
    }
}
