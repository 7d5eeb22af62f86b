package org.gan4j.engine.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanException;
import org.gan4j.api.TrainingException;
import org.gan4j.api.data.Batch;
import org.gan4j.api.nn.Network;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.api.train.Optimizer;
import org.gan4j.api.train.StepRunner;
import org.gan4j.engine.optim.NetworkOptimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Data-parallel training on one machine: N workers run the schedule's step at the same time, each on its share of
 * the batch, with its own replicas of the networks (shared parameters, own activations, gradients and buffers) and
 * its own runner; optimizer steps are collective ({@link WorkerOptimizer}). Worker 0 trains the run's own networks
 * and runner, so with one worker this is the plain loop, on a thread of its own.
 *
 * <p>Each worker runs on one fixed thread for the life of the group: ND4J's intra-op thread count (OpenMP) and the
 * Java kernels' scratch arrays are per thread.
 */
final class WorkerGroup implements AutoCloseable {
    private final org.gan4j.nn.Compute.Mode mode;
    private final java.util.function.IntConsumer bind;
    private final int workers;
    private final int threads;
    private final int batchSize;
    private final int numClasses;
    private final long seed;
    private final int[] shares;
    private final int[] offsets;
    private final float[] weights;
    private final BatchStream stream;
    private final List<Map<String, Network>> networks = new ArrayList<>();
    private final List<StepRunner> runners = new ArrayList<>();
    private final List<WorkerContext> contexts = new ArrayList<>();
    private final List<Map<String, INDArray>> masterBuffers = new ArrayList<>();
    private final List<List<Map<String, INDArray>>> replicaBuffers = new ArrayList<>();
    private final List<String> names;
    private final List<ExecutorService> executors = new ArrayList<>();
    private final List<ExecutorService> helpers = new ArrayList<>();
    private final Collective collective;
    private final List<Batch> stepBatches = new ArrayList<>();

    /**
     * Builds the workers.
     *
     * @param workers how many
     * @param threads intra-op threads per worker
     * @param master the run's networks (worker 0's)
     * @param bind binds the calling thread to worker i's device (each worker's threads call it with their index)
     * @param optimizers the run's optimizers ({@link NetworkOptimizer}s when there is more than one worker)
     * @param runner the run's runner (worker 0's), already restored
     * @param newRunner makes a runner for another worker
     * @param loss the run's loss (worker 0's)
     * @param newLoss makes a loss for another worker
     * @param stream the run's batch stream
     * @param batchSize the whole batch
     * @param numClasses label count
     * @param seed the run seed
     */
    WorkerGroup(int workers, int threads, java.util.function.IntConsumer bind, Map<String, Network> master, Map<String, ? extends Optimizer> optimizers,
            StepRunner runner, Supplier<StepRunner> newRunner, AdversarialLoss loss,
            Supplier<AdversarialLoss> newLoss, BatchStream stream, int batchSize, int numClasses, long seed) {
        this.workers = workers;
        this.threads = threads;
        this.batchSize = batchSize;
        this.numClasses = numClasses;
        this.seed = seed;
        this.stream = stream;
        this.names = List.copyOf(master.keySet());
        // the run's kernels (compute: host | native), set on every thread that runs a part of a step
        this.mode = org.gan4j.nn.Compute.mode();
        this.bind = bind;
        this.collective = new Collective(workers);
        shares = new int[workers];
        offsets = new int[workers];
        weights = new float[workers];
        for (int i = 0, off = 0; i < workers; i++) {
            shares[i] = batchSize / workers + (i < batchSize % workers ? 1 : 0);
            offsets[i] = off;
            off += shares[i];
            weights[i] = (float) shares[i] / batchSize;
        }
        Map<String, INDArray> runnerState = runner.state();
        for (int w = 0; w < workers; w++) {
            Map<String, Network> nets = new LinkedHashMap<>();
            Map<String, Optimizer> opts = new LinkedHashMap<>();
            for (String name : names) {
                Network net = w == 0 ? master.get(name) : replica(master.get(name), name, w);
                nets.put(name, net);
                opts.put(name, workers == 1 ? optimizers.get(name)
                        : new WorkerOptimizer(this, w, name, (NetworkOptimizer) optimizers.get(name)));
            }
            networks.add(nets);
            StepRunner r = w == 0 ? runner : newRunner.get();
            if (w > 0 && !runnerState.isEmpty()) {
                Map<String, INDArray> copy = new LinkedHashMap<>();
                runnerState.forEach((k, v) -> copy.put(k, v.dup()));
                r.restore(copy);
            }
            runners.add(r);
            contexts.add(new WorkerContext(this, w, nets, opts, w == 0 ? loss : newLoss.get()));
        }
        for (String name : names) {
            masterBuffers.add(master.get(name).buffers());
            List<Map<String, INDArray>> perWorker = new ArrayList<>();
            for (int w = 1; w < workers; w++) {
                perWorker.add(networks.get(w).get(name).buffers());
            }
            replicaBuffers.add(perWorker);
        }
        for (int w = 0; w < workers; w++) {
            int index = w;
            ExecutorService e = Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, "gan4j-worker-" + index);
                t.setDaemon(true);
                return t;
            });
            executors.add(e);
            e.submit(() -> {
                Backend.setIntraOpThreads(threads);
                org.gan4j.nn.Compute.use(mode);
                bind.accept(index);
            });
            helpers.add(threads > 1 ? Executors.newFixedThreadPool(threads - 1, task -> {
                Thread t = new Thread(task, "gan4j-worker-" + index + "-part");
                t.setDaemon(true);
                return t;
            }) : null);
        }
    }

    /**
     * Runs a worker's independent parts at the same time: the first on the worker's thread, the others on its
     * helpers, each with an equal share of the worker's intra-op threads.
     */
    void parallel(int worker, Runnable[] parts) {
        int share = Math.max(1, threads / parts.length);
        List<Future<?>> others = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            Runnable part = parts[i];
            others.add(helpers.get(worker).submit(() -> {
                Backend.setIntraOpThreads(share);
                org.gan4j.nn.Compute.use(mode);
                bind.accept(worker);
                part.run();
            }));
        }
        Throwable failure = null;
        Backend.setIntraOpThreads(share);
        try {
            parts[0].run();
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            Backend.setIntraOpThreads(threads);
        }
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new TrainingException("interrupted", e);
                }
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new TrainingException(failure.toString(), failure);
        }
    }

    private static Network replica(Network net, String name, int worker) {
        Network r;
        try {
            r = net.workerReplica(worker);
        } catch (UnsupportedOperationException e) {
            throw new ConfigException("training.workers: network '" + name + "' cannot be replicated for a second "
                    + "worker (" + e.getMessage() + "); set training.workers: 1");
        }
        if (r.params().data() != net.params().data()) {
            throw new ConfigException("training.workers: network '" + name + "''s worker replica does not share its "
                    + "parameters; set training.workers: 1");
        }
        INDArray g = r.gradients();
        if (g.dataType() != DataType.FLOAT || g.offset() != 0 || g.length() != net.params().length()
                || g.data().length() != g.length()) {
            throw new ConfigException("training.workers: network '" + name + "' has no whole FLOAT gradient vector");
        }
        return r;
    }

    int workers() {
        return workers;
    }

    int threads() {
        return threads;
    }

    int batchSize() {
        return batchSize;
    }

    int numClasses() {
        return numClasses;
    }

    long seed() {
        return seed;
    }

    int share(int worker) {
        return shares[worker];
    }

    int offset(int worker) {
        return offsets[worker];
    }

    Collective collective() {
        return collective;
    }

    /** The step's j-th whole batch, drawn from the stream by whichever worker asks first. */
    Batch batch(int j) {
        synchronized (stepBatches) {
            while (stepBatches.size() <= j) {
                stepBatches.add(stream.next());
            }
            return stepBatches.get(j);
        }
    }

    /** Every worker's gradient vector of a network, in worker order. */
    INDArray[] gradients(String name) {
        INDArray[] g = new INDArray[workers];
        for (int w = 0; w < workers; w++) {
            g[w] = networks.get(w).get(name).gradients();
        }
        return g;
    }

    /** Each worker's share of the batch as a fraction: the weights of its gradient in the sum. */
    float[] weights() {
        return weights;
    }

    /**
     * Runs one iteration on every worker.
     *
     * @param step the 0-based iteration
     * @return the metrics the workers recorded, each the mean over workers weighted by their shares of the batch
     */
    Map<String, Double> step(long step) {
        stepBatches.clear();
        collective.reset();
        for (int n = 0; n < names.size(); n++) {
            Map<String, INDArray> from = masterBuffers.get(n);
            for (Map<String, INDArray> to : replicaBuffers.get(n)) {
                from.forEach((k, v) -> to.get(k).assign(v));
            }
        }
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            WorkerContext ctx = contexts.get(w);
            StepRunner runner = runners.get(w);
            int index = w;
            done.add(executors.get(w).submit(() -> {
                try {
                    ctx.begin(step);
                    runner.step(ctx);
                    if (workers > 1) {
                        collective.exchange(index, "end of step", null, null);
                    }
                } catch (RuntimeException | Error e) {
                    collective.abort(e instanceof RuntimeException re ? re : new TrainingException(e.toString(), e));
                    throw e;
                }
                return null;
            }));
        }
        Throwable failure = null;
        for (Future<?> f : done) {
            try {
                f.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (failure == null && !(cause instanceof Collective.Aborted)) {
                    failure = cause;
                }
            } catch (InterruptedException e) {
                collective.abort(new TrainingException("training was interrupted", e));
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new TrainingException("training was interrupted at step " + (step + 1), e);
                }
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new GanException(failure.toString(), failure);
        }
        return combine();
    }

    private Map<String, Double> combine() {
        if (workers == 1) {
            return contexts.get(0).recorded();
        }
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (int w = 0; w < workers; w++) {
            for (Map.Entry<String, Double> e : contexts.get(w).recorded().entrySet()) {
                double[] s = sums.computeIfAbsent(e.getKey(), k -> new double[2]);
                s[0] += (double) shares[w] * e.getValue();
                s[1] += shares[w];
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        sums.forEach((k, s) -> out.put(k, s[0] / s[1]));
        return out;
    }

    @Override
    public void close() {
        executors.forEach(ExecutorService::shutdownNow);
        helpers.stream().filter(java.util.Objects::nonNull).forEach(ExecutorService::shutdownNow);
    }
}
