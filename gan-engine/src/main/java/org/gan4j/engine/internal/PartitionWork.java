package org.gan4j.engine.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gan4j.api.GanException;
import org.gan4j.api.data.Dataset;
import org.gan4j.api.registry.Registry;
import org.gan4j.engine.config.ConfigLoader;
import org.gan4j.engine.config.ExperimentConfig;
import org.gan4j.engine.config.TrainingConfig;

/**
 * One partition of a distributed run, on an executor: its own run over its shard, kept between rounds (per job and
 * partition, in this JVM), which each round puts into the averaged state it is sent, trains k iterations and returns.
 * Partition p draws noise and shuffles with its own seed; partition 0 keeps the run's, so a run of one partition
 * trains exactly as it would alone.
 */
public final class PartitionWork {
    private static final String JOB = "gan4j-job";
    private static final String REQUEST = "gan4j-round";
    private static final String RESPONSE = "gan4j-result";
    private static final Map<String, PartitionWork> LIVE = new ConcurrentHashMap<>();

    private final Run run;

    private PartitionWork(Run run) {
        this.run = run;
    }

    /**
     * A job message: the run's effective config and what the cluster offers each partition.
     *
     * @param id the job's id
     * @param configYaml the effective config
     * @param partitions the partition count
     * @param cores the cores one partition may use (its workers × threads when the config says auto)
     * @param registry the driver's providers, for partitions in its JVM
     * @return the message
     */
    static byte[] job(String id, String configYaml, int partitions, int cores, Registry registry) {
        ExecutorRegistries.offer(id, registry);
        return Wire.write(JOB, out -> {
            out.writeUTF(id);
            Wire.bytes(out, configYaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.writeInt(partitions);
            out.writeInt(cores);
        });
    }

    static byte[] request(long steps, RoundState state) {
        return Wire.write(REQUEST, state.size(), out -> {
            out.writeLong(steps);
            state.write(out);
        });
    }

    /**
     * One partition's round, from its job, its shard and the round's request to its response.
     *
     * @param job the job message
     * @param p the partition
     * @param shard its shard
     * @param request the round's request
     * @return the response: the state after the round, each iteration's metrics and the compute time, or an error
     */
    public static byte[] round(byte[] job, int p, byte[] shard, byte[] request) {
        String id;
        try (DataInputStream in = Wire.read(JOB, job)) {
            id = in.readUTF();
            String yaml = new String(Wire.bytes(in), java.nio.charset.StandardCharsets.UTF_8);
            in.readInt(); // the partition count: the shard already says which samples are this partition's
            int cores = in.readInt();
            PartitionWork work = LIVE.computeIfAbsent(id + "/" + p, k -> create(id, yaml, p, cores, shard));
            synchronized (work) {
                return work.run(request);
            }
        } catch (IOException e) {
            throw new GanException("distributed: unreadable job (" + e + ")", e);
        }
    }

    /**
     * Drops what this JVM keeps for a job.
     *
     * @param job the job message
     */
    public static void forget(byte[] job) {
        try (DataInputStream in = Wire.read(JOB, job)) {
            String id = in.readUTF();
            ExecutorRegistries.withdraw(id);
            LIVE.keySet().removeIf(k -> k.startsWith(id + "/"));
        } catch (IOException e) {
            throw new GanException("distributed: unreadable job (" + e + ")", e);
        }
    }

    private static PartitionWork create(String id, String yaml, int p, int cores, byte[] shard) {
        Registry registry = ExecutorRegistries.forJob(id);
        ExperimentConfig config = new ConfigLoader(registry).bind(ConfigLoader.parse(yaml, "distributed job"), List.of());
        if (p > 0) {
            config = config.withSeed(config.seed() ^ Rng.mix(0x5BA4C000L + p));
        }
        TrainingConfig t = config.training();
        if (t.workerCount() == 0 || t.threadCount() == 0) {
            int w = t.workerCount() > 0 ? t.workerCount() : Math.max(1, Math.min(cores, t.batchSize()));
            int th = t.threadCount() > 0 ? t.threadCount() : Math.max(1, cores / w);
            config = config.withTraining(t.withParallelism(w, th));
        }
        Dataset data = Shards.open(shard, config, registry);
        return new PartitionWork(Run.forTraining(config, registry, data));
    }


    private byte[] run(byte[] request) {
        long steps;
        RoundState start;
        try (DataInputStream in = Wire.read(REQUEST, request)) {
            steps = in.readLong();
            start = RoundState.read(in);
        } catch (IOException e) {
            throw new GanException("distributed: unreadable round request (" + e + ")", e);
        }
        long t0 = System.nanoTime();
        List<Map<String, Double>> records;
        try {
            run.install(start.checkpoint());
            records = run.advance(steps);
        } catch (GanException e) {
            // a diverged partition is not a lost executor: retrying it would diverge again
            return Wire.write(RESPONSE, out -> {
                out.writeBoolean(false);
                out.writeUTF(String.valueOf(e.getMessage()));
            });
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        RoundState end = RoundState.of(run.snapshot());
        return Wire.write(RESPONSE, end.size() + 64 * records.size() * 16, out -> {
            out.writeBoolean(true);
            end.write(out);
            out.writeDouble(ms);
            out.writeInt(records.size());
            for (Map<String, Double> r : records) {
                out.writeInt(r.size());
                for (Map.Entry<String, Double> e : r.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeDouble(e.getValue());
                }
            }
        });
    }

    /**
     * A partition's response.
     *
     * @param state the state after the round (null on error)
     * @param computeMs the time the partition trained
     * @param records each iteration's metrics
     * @param error why the partition stopped, or null
     */
    record Response(RoundState state, double computeMs, List<Map<String, Double>> records, String error) {
        static Response read(byte[] message) {
            try (DataInputStream in = Wire.read(RESPONSE, message)) {
                if (!in.readBoolean()) {
                    return new Response(null, 0, List.of(), in.readUTF());
                }
                RoundState s = RoundState.read(in);
                double ms = in.readDouble();
                List<Map<String, Double>> records = new ArrayList<>();
                for (int i = in.readInt(); i > 0; i--) {
                    Map<String, Double> r = new LinkedHashMap<>();
                    for (int j = in.readInt(); j > 0; j--) {
                        r.put(in.readUTF(), in.readDouble());
                    }
                    records.add(r);
                }
                return new Response(s, ms, records, null);
            } catch (IOException e) {
                throw new GanException("distributed: unreadable round result (" + e + ")", e);
            }
        }
    }
}
