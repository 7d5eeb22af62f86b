package org.gan4j.engine.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
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
import org.gan4j.engine.config.ComponentConfig;
import org.gan4j.engine.config.ConfigLoader;
import org.gan4j.engine.config.ExperimentConfig;
import org.gan4j.engine.eval.Evaluation;
import org.gan4j.engine.eval.Evaluator;
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
    private Evaluator evaluator;
    private final Translations translations = new Translations();
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
        DataSource source = registry.require(DataSource.class, config.data().type());
        Dataset ds = (Dataset) Components.create("data", config.data().type(), () -> source.open(config.data().settings()));
        return new Run(config, registry, ds, ds.sampleShape(), ds.numClasses());
    }

    /**
     * Builds a run for sampling only, without opening the dataset; the checkpoint says the sample shape.
     *
     * @param ckpt the checkpoint
     * @param registry the providers
     * @param loader binds the checkpoint's config
     * @return the restored run
     */
    public static Run forSampling(Checkpoint ckpt, Registry registry, ConfigLoader loader) {
        ExperimentConfig config = loader.bind(ConfigLoader.parse(ckpt.configYaml(), "checkpoint config"), List.of());
        Run run = new Run(config, registry, null, ckpt.sampleShape(), ckpt.numClasses());
        run.restore(ckpt);
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
        backend.require(config.device());
        org.gan4j.nn.Compute.Mode compute = backend.compute(config.compute());
        // the run's thread computes with the config's kernels on the config's device; workers take both over
        org.gan4j.nn.Compute.use(compute);
        backend.bindThread(backend.deviceOf(config.device(), 0));
        this.config = config.withCompute(compute.word());
        if (backend.device().equals("cuda")) {
            LOG.warn("device: cuda is built but unverified: no gan4j session has run bench/gpu-check.sh on a GPU yet "
                    + "(see docs/performance.md)");
        }
        this.dataset = ds;
        this.sampleShape = sampleShape.clone();
        this.numClasses = numClasses;
        // the runner comes first: whether it conditions on labels decides the networks' input shapes
        runner = Components.runner(config, registry);
        if (runner.conditional() && numClasses < 1) {
            throw new ConfigException("schedule: '" + config.schedule().type() + "' conditions on labels, but data '"
                    + config.data().type() + "' has none; use a labelled dataset such as mnist or fashion-mnist");
        }
        for (Map.Entry<String, ComponentConfig> e : config.networks().entrySet()) {
            String name = e.getKey();
            Network net = Components.network(name, e.getValue(), config, registry, runner, sampleShape, numClasses);
            networks.put(name, net);
            optimizers.put(name, new NetworkOptimizer(net, config.optimizers().get(name)));
        }
        loss = Components.loss(config, registry);
        for (String needed : runner.networks()) {
            if (!networks.containsKey(needed)) {
                throw new ConfigException("schedule: '" + config.schedule().type() + "' needs a network named '" + needed
                        + "'; networks: " + String.join(", ", networks.keySet()));
            }
        }
        batches = ds == null ? null : new BatchStream(ds, config.training().batchSize(), config.seed());
    }

    /**
     * The workers this run trains with, built now that the networks hold their restored state; the effective config
     * records the numbers {@code auto} resolved to.
     */
    private WorkerGroup workers() {
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
        RunState.restore(ckpt, networks, optimizers);
        runner.restore(ckpt.scheduleState());
        step = ckpt.step();
        if (batches != null) {
            batches.seek(ckpt.batchCursor());
        }
        metrics.restore(ckpt.metrics(), ckpt.pendingSums(), ckpt.pendingCount());
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
        try {
            Files.createDirectories(runDir.resolve("checkpoints"));
            Files.createDirectories(runDir.resolve("samples"));
            Files.writeString(runDir.resolve("config.yaml"), ConfigLoader.toYaml(config));
            RunFiles.writeEnvironment(runDir, config, backend, Provenance.of(config, registry));
            metrics.open(runDir);
        } catch (IOException e) {
            throw new GanException(runDir + ": cannot write the run directory: " + e.getMessage(), e);
        }
        RunInfo info = new RunInfo(runDir, step, total, backend.summary(), dataset.describe(), parameterSummary(),
                group.workers(), group.threads(), config.compute());
        LOG.info("run {}: steps {} → {}; {}; compute {}; data {}; parameters {}; {} worker(s) × {} thread(s)", runDir,
                step, total, info.backend(), info.compute(), info.data(), info.parameters(), info.workers(), info.threads());
        if (config.evaluation().every() > 0 && !translation()) {
            evaluator();
        }
        listener.onStart(info);
        Path lastCheckpoint = null;
        boolean cancelled = false;
        long every = config.metrics().every();
        while (step < total) {
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
                    Path good = Checkpoint.newestGood(runDir).file();
                    throw new TrainingException(e.getKey() + " became " + e.getValue() + " at step " + (step + 1)
                            + "; training stopped without writing a checkpoint"
                            + (good == null ? "" : "; last good checkpoint: " + good));
                }
            }
            rec.put("step_ms", ms);
            step++;
            metrics.add(rec);
            listener.onStep(step, total, rec);
            if (every > 0 && step % every == 0) {
                metrics.flush(step, batches.epoch());
            }
            cancelled = handle.isCancelled();
            boolean end = step == total || cancelled;
            if (end) {
                // the partial interval is on disk before the final checkpoint, which keeps it pending
                metrics.flushPartial(step, batches.epoch());
            }
            // a cancelled run (a signal, TrainingHandle.cancel) goes straight to its checkpoint: no end-of-run
            // evaluation or picture keeps the user waiting
            long evalEvery = config.evaluation().every();
            if (evalEvery > 0 && (step % evalEvery == 0 || end && !cancelled)) {
                listener.onEvaluation(evaluateInto(step % evalEvery == 0));
            }
            long samplesEvery = config.samples().every();
            if (end && !cancelled && samplesEvery >= 0 || samplesEvery > 0 && step % samplesEvery == 0) {
                writeSamples(runDir, listener);
            }
            if (end && config.checkpoints().every() >= 0
                    || config.checkpoints().every() > 0 && step % config.checkpoints().every() == 0) {
                lastCheckpoint = checkpoint(runDir);
                listener.onCheckpoint(lastCheckpoint, step);
            }
            if (cancelled) {
                break;
            }
        }
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

    private String parameterSummary() {
        return networks.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().numParams())
                .collect(Collectors.joining(", "));
    }

    /**
     * The evaluator of this run's data, built on first use (it may train and cache the classifier).
     *
     * @return the evaluator
     */
    public Evaluator evaluator() {
        if (evaluator == null) {
            evaluator = Evaluator.forExperiment(config, registry, sampleShape, numClasses, LOG::info);
        }
        return evaluator;
    }

    /**
     * Evaluates the generator as it is now.
     *
     * @param samples how many to generate
     * @param seed the noise seed
     * @return the evaluation
     */
    public Evaluation evaluate(int samples, long seed) {
        Evaluation t = evaluateTranslation();
        return t != null ? t : evaluator().evaluate(generate(samples, seed, null), step);
    }

    private boolean translation() {
        return runner.translation() != null;
    }

    /**
     * Scores the translation network(s) as they are now on the test split, when the schedule declares a
     * {@link org.gan4j.api.train.Translation} (one-way: pix2pix on paired images; two-way: CycleGAN); the test split
     * is loaded on first use.
     *
     * @return the evaluation, or null when the run does not translate images
     */
    public Evaluation evaluateTranslation() {
        org.gan4j.api.train.Translation t = runner.translation();
        return t == null ? null : translations.evaluate(t, config, registry, n -> network(n, "schedule"), step);
    }

    private Evaluation evaluateInto(boolean onBoundary) {
        Evaluation e = evaluate(config.evaluation().samples(), config.seed() ^ 0x6576616CL);
        ObjectNode line = JSON.createObjectNode();
        line.put("step", step);
        e.metrics().forEach((k, v) -> line.put("eval_" + k, v));
        metrics.append(line, onBoundary);
        return e;
    }

    private void writeSamples(Path runDir, TrainingListener listener) {
        Path file = runDir.resolve("samples").resolve(String.format("step-%08d.png", step));
        try {
            // translation runs show what the networks do to their first training images; noise would mean nothing
            org.gan4j.api.train.Translation t = runner.translation();
            if (t != null) {
                Images.write(Translations.preview(t, dataset, n -> network(n, "schedule")), file);            } else {
                Samples s = generate(config.samples().count(), config.seed(), null);
                Sampling.writePicture(s, dataset, file, config.name() + " — step " + step);
            }
        } catch (IOException e) {
            throw new GanException(file + ": cannot write samples: " + e.getMessage(), e);
        }
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
        RunState.Captured n = RunState.capture(networks, optimizers);
        Checkpoint c = new Checkpoint(step, batches.cursor(), config.seed(), sampleShape, numClasses,
                ConfigLoader.toYaml(config), n.params(), n.buffers(), n.optimizerState(), n.iterations(), runner.state(),
                metrics.history(),
                metrics.pendingSums(), metrics.pendingCount(), Provenance.of(config, registry));
        return RunFiles.writeCheckpoint(runDir, c, config.checkpoints().keep());
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
     * The optimizers by network name.
     *
     * @return live optimizers
     */
    public Map<String, NetworkOptimizer> optimizers() {
        return optimizers;
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
