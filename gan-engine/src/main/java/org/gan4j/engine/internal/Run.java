package org.gan4j.engine.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gan4j.api.CheckpointException;
import org.gan4j.api.ConfigException;
import org.gan4j.api.DataSource;
import org.gan4j.api.GanException;
import org.gan4j.api.TrainingException;
import org.gan4j.api.data.Dataset;
import org.gan4j.api.nn.Network;
import org.gan4j.api.registry.Registry;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.api.train.StepRunner;
import org.gan4j.engine.RunInfo;
import org.gan4j.engine.RunResult;
import org.gan4j.engine.Samples;
import org.gan4j.engine.TrainingHandle;
import org.gan4j.engine.TrainingListener;
import org.gan4j.engine.config.ConfigLoader;
import org.gan4j.engine.config.ExperimentConfig;
import org.gan4j.engine.eval.Evaluation;
import org.gan4j.engine.optim.NetworkOptimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One experiment's live state (networks, optimizers, loss, schedule, data stream) and the training loop over it.
 * Everything here is generic: the schedule performs the variant-specific step.
 */
public final class Run {
    private static final Logger LOG = LoggerFactory.getLogger(Run.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExperimentConfig config;
    private final Map<String, Network> networks = new LinkedHashMap<>();
    private final Map<String, NetworkOptimizer> optimizers = new LinkedHashMap<>();
    private final StepRunner runner;
    private final Dataset dataset;
    private final BatchStream batches;
    private final AdversarialLoss loss;
    private final Backend backend;
    private final long[] sampleShape;
    private final int numClasses;
    private final MetricsLog metrics = new MetricsLog();
    private final Registry registry;
    private final RunEvaluation evaluation;
    private final Ema ema;
    private long step;

    /**
     * Builds a run for training: opens the dataset, then builds everything else.
     *
     * @param config the experiment
     * @param registry the providers
     * @return the run, at step 0
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Run forTraining(ExperimentConfig config, Registry registry) {
        return forTraining(config, registry, open(config, registry));
    }

    /**
     * Builds a run for training on given data (a partition of a distributed run trains on its shard).
     *
     * @param config the experiment
     * @param registry the providers
     * @param ds the data
     * @return the run, at step 0
     */
    public static Run forTraining(ExperimentConfig config, Registry registry, Dataset ds) {
        return new Run(config, registry, ds, ds.sampleShape(), ds.numClasses());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Dataset open(ExperimentConfig config, Registry registry) {
        DataSource source = registry.require(DataSource.class, config.data().type());
        return (Dataset) Components.create("data", config.data().type(), () -> source.open(config.data().settings()));
    }

    /**
     * Builds a run for sampling only, without opening the dataset; the checkpoint says the sample shape.
     *
     * @param ckpt the checkpoint
     * @param registry the providers
     * @param loader binds the checkpoint's config
     * @param overrides {@code KEY=VALUE} settings over the saved config (callers allow only what cannot change the
     *     networks: the evaluation block)
     * @return the restored run
     */
    public static Run forSampling(Checkpoint ckpt, Registry registry, ConfigLoader loader, List<String> overrides) {
        ExperimentConfig config = loader.bind(ConfigLoader.parse(ckpt.configYaml(), "checkpoint config"), overrides);
        Run run = new Run(config, registry, null, ckpt.sampleShape(), ckpt.numClasses());
        run.restore(ckpt);
        if (run.ema != null) {
            // a run restored to sample or evaluate never trains: its generators are the averages
            run.ema.apply(run.networks);
        }
        return run;
    }

    /**
     * Resolves every provider, builds and initialises networks and optimizers.
     *
     * @param config the experiment
     * @param registry the providers
     * @param ds the dataset, or null for sampling only
     * @param sampleShape one sample's shape
     * @param numClasses the label count
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Run(ExperimentConfig config, Registry registry, Dataset ds, long[] sampleShape, int numClasses) {
        this.config = config;
        this.registry = registry;
        this.backend = Backend.detect();
        this.config = config.withCompute(backend.enter(config.device(), config.compute()).word());
        this.dataset = ds;
        this.sampleShape = sampleShape.clone();
        this.numClasses = numClasses;
        // the runner comes first: whether it conditions on labels decides the networks' input shapes
        runner = Components.runner(config, registry);
        networks.putAll(Components.networks(config, registry, runner, sampleShape, numClasses));
        networks.forEach((name, net) -> optimizers.put(name,
                new NetworkOptimizer(net, config.optimizers().get(name), registry)));
        loss = Components.loss(config, registry);
        evaluation = new RunEvaluation(registry, runner, this.sampleShape, numClasses);
        // the schedule's generators; a schedule that names none gets the sampled network averaged
        ema = Ema.of(config.training().emaDecay(), config.training().emaStart(), networks,
                runner.generators().isEmpty() ? java.util.Set.of(config.samples().network()) : runner.generators());
        batches = ds == null ? null : new BatchStream(ds, config.training().batchSize(), config.seed());
    }

    /**
     * The workers this run trains with, built now that the networks hold their restored state; the effective config
     * records the numbers {@code auto} resolved to.
     */
    WorkerGroup workers() {
        WorkerGroup group = Parallelism.group(config, backend, registry, networks, optimizers, runner, loss, batches,
                numClasses);
        config = config.withTraining(config.training().withParallelism(group.workers(), group.threads()));
        if (config.compute().equals("native")) {
            // libnd4j's custom ops (the native kernels) take their threads from its own pool, not OpenMP's team
            org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(group.threads());
        }
        return group;
    }

    /**
     * Restores the full training state from a checkpoint.
     *
     * @param ckpt the checkpoint
     * @throws CheckpointException when it does not fit these networks
     */
    public void restore(Checkpoint ckpt) {
        install(ckpt);
        metrics.restore(ckpt.metrics(), ckpt.pendingSums(), ckpt.pendingCount());
    }

    /** Restores everything but the metrics: networks, optimizers, schedule, averages, step and data cursor. */
    void install(Checkpoint ckpt) {
        RunState.restore(ckpt, networks, optimizers);
        runner.restore(ckpt.scheduleState());
        if (ema != null) {
            ema.restore(ckpt.ema(), networks);
        }
        step = ckpt.step();
        if (batches != null) {
            batches.seek(ckpt.batchCursor());
        }
    }

    /**
     * Trains until {@code training.steps}, writing metrics, samples and checkpoints into {@code runDir}.
     *
     * @param runDir the run directory
     * @param listener progress callbacks
     * @param handle cancellation
     * @return how the run ended
     */
    public RunResult train(Path runDir, TrainingListener listener, TrainingHandle handle) {
        try (WorkerGroup group = workers()) {
            return train(runDir, listener, handle, group);
        }
    }

    private RunResult train(Path runDir, TrainingListener listener, TrainingHandle handle, WorkerGroup group) {
        long t0 = System.nanoTime();
        long total = config.training().steps();
        begin(runDir, listener, group.workers(), group.threads());
        Path lastCheckpoint = null;
        boolean cancelled = false;
        while (step < total && !cancelled) {
            Map<String, Double> rec = iterate(group, runDir);
            step++;
            if (ema != null) {
                ema.update(step, networks);
            }
            record(listener, rec);
            // after onStep: a listener that cancels at this step stops the run here
            cancelled = handle.isCancelled();
            Path written = afterStep(runDir, listener, step == total || cancelled, cancelled);
            lastCheckpoint = written != null ? written : lastCheckpoint;
        }
        return finish(runDir, lastCheckpoint, t0, cancelled);
    }

    /** Before the first step: the run directory, metrics.jsonl, the start line, the evaluation's preparation. */
    void begin(Path runDir, TrainingListener listener, int workers, int threads) {
        long total = config.training().steps();
        RunFiles.prepare(runDir, config, backend, Provenance.of(config, registry));
        try {
            metrics.open(runDir);
        } catch (IOException e) {
            throw new GanException(runDir + ": cannot write metrics.jsonl: " + e.getMessage(), e);
        }
        RunInfo info = new RunInfo(runDir, step, total, backend.summary(), dataset.describe(), parameterSummary(),
                workers, threads, config.compute());
        LOG.info("run {}: steps {} → {}; {}; compute {}; data {}; parameters {}; {} worker(s) × {} thread(s)", runDir,
                step, total, info.backend(), info.compute(), info.data(), info.parameters(), info.workers(), info.threads());
        if (config.evaluation().every() > 0) {
            evaluation.prepare(config, LOG::info);
        }
        listener.onStart(info);
    }

    /** Step {@link #step}'s metrics, recorded and reported; {@link #afterStep} does what is then due. */
    void record(TrainingListener listener, Map<String, Double> rec) {
        metrics.add(rec);
        listener.onStep(step, config.training().steps(), rec);
    }

    /** After the last step: the result, with the newest checkpoint when this session wrote none. */
    RunResult finish(Path runDir, Path lastCheckpoint, long t0, boolean cancelled) {
        if (lastCheckpoint == null) {
            lastCheckpoint = Checkpoint.latest(runDir);
        }
        try {
            Plots.metrics(runDir.resolve("metrics.jsonl"), runDir.resolve("metrics.png"));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not plot metrics: {}", e.toString());
        }
        return new RunResult(runDir, step, lastCheckpoint, (System.nanoTime() - t0) / 1e9, cancelled);
    }

    /**
     * One iteration on every worker, with its metrics; a metric that is not finite stops the run before it saves.
     * {@code runDir} is null on a partition of a distributed run, which has no run directory.
     */
    Map<String, Double> iterate(WorkerGroup group, Path runDir) {
        double lrScale = config.training().learningRateScale(step);
        optimizers.values().forEach(o -> o.setLearningRateScale(lrScale));
        long s0 = System.nanoTime();
        Map<String, Double> rec = new LinkedHashMap<>(group.step(step));
        double ms = (System.nanoTime() - s0) / 1e6;
        if (config.training().lrDecayFrom() > 0) {
            rec.put("lr_scale", lrScale);
        }
        for (Map.Entry<String, Double> e : rec.entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                throw stopped(runDir, e.getKey() + " became " + e.getValue() + " at step " + (step + 1)
                        + "; training stopped without writing a checkpoint");
            }
        }
        rec.put("step_ms", ms);
        return rec;
    }

    /**
     * The error that stops a run, naming its newest good checkpoint.
     *
     * @param runDir the run directory, or null (a partition of a distributed run has none)
     * @param why what happened
     */
    static TrainingException stopped(Path runDir, String why) {
        Path good = runDir == null ? null : Checkpoint.newestGood(runDir).file();
        return new TrainingException(why + (good == null ? "" : "; last good checkpoint: " + good));
    }

    /**
     * What is due after a step: metrics on disk, evaluation, samples, a checkpoint. A cancelled run (a signal,
     * TrainingHandle.cancel) goes straight to its checkpoint: no end-of-run evaluation or picture keeps the user
     * waiting.
     *
     * @return the checkpoint written, or null
     */
    Path afterStep(Path runDir, TrainingListener listener, boolean end, boolean cancelled) {
        long every = config.metrics().every();
        if (every > 0 && step % every == 0) {
            metrics.flush(step, batches.epoch());
        }
        if (end) {
            // the partial interval is on disk before the final checkpoint, which keeps it pending
            metrics.flushPartial(step, batches.epoch());
        }
        long evalEvery = config.evaluation().every();
        if (evalEvery > 0 && (step % evalEvery == 0 || end && !cancelled)) {
            listener.onEvaluation(evaluateInto(step % evalEvery == 0));
        }
        long samplesEvery = config.samples().every();
        if (end && !cancelled && samplesEvery >= 0 || samplesEvery > 0 && step % samplesEvery == 0) {
            writeSamples(runDir, listener);
        }
        long ckptEvery = config.checkpoints().every();
        if (end && ckptEvery >= 0 || ckptEvery > 0 && step % ckptEvery == 0) {
            Path written = checkpoint(runDir);
            listener.onCheckpoint(written, step);
            return written;
        }
        return null;
    }

    private String parameterSummary() {
        return networks.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().numParams())
                .collect(Collectors.joining(", "));
    }

    /**
     * Evaluates the networks as they are now: the engine's evaluation (translation when the schedule declares one,
     * else samples against the data) plus the schedule's own figures.
     *
     * @param samples how many to generate
     * @param seed the noise seed
     * @param log receives progress lines (classifier training)
     * @return the evaluation
     */
    public Evaluation evaluate(int samples, long seed, java.util.function.Consumer<String> log) {
        return averaged(() -> evaluateNow(samples, seed, log));
    }

    /** Runs {@code action} with the generators' moving averages in place of their weights, when the run keeps them. */
    private <T> T averaged(java.util.function.Supplier<T> action) {
        return ema == null ? action.get() : ema.with(networks, action);
    }

    private Evaluation evaluateNow(int samples, long seed, java.util.function.Consumer<String> log) {
        return evaluation.evaluate(config, step, seed, n -> network(n, "schedule"), () -> generate(samples, seed, null),
                dataset != null ? () -> dataset : () -> open(config, registry), log);
    }

    private Evaluation evaluateInto(boolean onBoundary) {
        Evaluation e = evaluate(config.evaluation().samples(), config.seed() ^ 0x6576616CL, LOG::info);
        ObjectNode line = JSON.createObjectNode();
        line.put("step", step);
        e.metrics().forEach((k, v) -> line.put("eval_" + k, v));
        metrics.append(line, onBoundary);
        return e;
    }

    private void writeSamples(Path runDir, TrainingListener listener) {
        Path file = runDir.resolve("samples").resolve(String.format("step-%08d.png", step));
        averaged(() -> {
            Sampling.writeProgress(file, runner.translation(), dataset, n -> network(n, "schedule"),
                    () -> generate(config.samples().count(), config.seed(), null), config.name() + " — step " + step);
            return null;
        });
        listener.onSamples(file, step);
    }

    /**
     * One of the run's networks by name.
     *
     * @param name the network's name
     * @param key the config key that named it, for the error
     * @return the network
     * @throws ConfigException when the run has no such network
     */
    public Network network(String name, String key) {
        Network n = networks.get(name);
        if (n == null) {
            throw new ConfigException(key + ": no network named '" + name + "'; networks: "
                    + String.join(", ", networks.keySet()));
        }
        return n;
    }

    /**
     * Tells whether the generator takes labels.
     *
     * @return true for conditional schedules
     */
    public boolean conditional() {
        return runner.conditional();
    }

    /**
     * The number of classes the networks were built for.
     *
     * @return K, 0 when unlabelled
     */
    public int numClasses() {
        return numClasses;
    }

    /**
     * Draws samples from the sampling network with noise fixed by {@code seed}.
     *
     * @param n how many
     * @param seed the noise seed; the same seed gives the same latent batch
     * @param label for a conditional generator, the class every sample is asked for; null spreads the classes
     *     evenly in order ({@link Samples#classGridColumns}), so a grid shows one class per row
     * @return the samples and, for a conditional generator, the labels asked for
     */
    public Samples generate(int n, long seed, Integer label) {
        return Sampling.generate(networks, config, runner.conditional(), numClasses, n, seed, label);
    }

    private Path checkpoint(Path runDir) {
        return RunFiles.writeCheckpoint(runDir, snapshot(), config.checkpoints().keep());
    }

    /** The full training state now, as a checkpoint holds it (the arrays are the live ones, not copies). */
    Checkpoint snapshot() {
        RunState.Captured n = RunState.capture(networks, optimizers);
        return new Checkpoint(step, batches.cursor(), config.seed(), sampleShape, numClasses,
                ConfigLoader.toYaml(config), n.params(), n.buffers(), n.optimizerState(), n.iterations(), runner.state(),
                metrics.history(), metrics.pendingSums(), metrics.pendingCount(), Provenance.of(config, registry),
                ema == null ? Map.of() : ema.state());
    }

    /**
     * Trains {@code steps} iterations and writes nothing: a partition's share of a distributed round.
     *
     * @return each iteration's metrics, in order
     */
    List<Map<String, Double>> advance(long steps) {
        backend.enter(config.device(), config.compute());
        List<Map<String, Double>> out = new java.util.ArrayList<>();
        try (WorkerGroup group = workers()) {
            for (long i = 0; i < steps; i++) {
                out.add(iterate(group, null));
                step++;
                if (ema != null) {
                    ema.update(step, networks);
                }
            }
        }
        return out;
    }

    /** Sets the step a distributed round's iterations are reported at, one after another. */
    void at(long s) {
        step = s;
    }

    /** Replaces the config by one that differs only in what a distributed run resolves (its partition count). */
    void reconfigure(ExperimentConfig resolved) {
        this.config = resolved;
    }

    /**
     * The experiment config.
     *
     * @return the config
     */
    public ExperimentConfig config() {
        return config;
    }

    /**
     * The networks by name.
     *
     * @return live networks
     */
    public Map<String, Network> networks() {
        return networks;
    }

    /**
     * The dataset, or null when the run was built without data.
     *
     * @return the dataset
     */
    public Dataset dataset() {
        return dataset;
    }

    /**
     * Iterations completed.
     *
     * @return the step
     */
    public long step() {
        return step;
    }
}
