package org.gan4j.engine.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gan4j.api.CheckpointException;
import org.gan4j.api.ConfigException;
import org.gan4j.api.DataSource;
import org.gan4j.api.Discriminator;
import org.gan4j.api.GanException;
import org.gan4j.api.Generator;
import org.gan4j.api.Loss;
import org.gan4j.api.TrainingException;
import org.gan4j.api.TrainingSchedule;
import org.gan4j.api.data.Dataset;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;
import org.gan4j.api.registry.ProviderInfo;
import org.gan4j.api.registry.Registry;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.api.train.Labels;
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
import org.nd4j.linalg.api.ndarray.INDArray;
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
    private org.gan4j.engine.eval.TranslationEvaluator pairedEvaluator;
    private org.gan4j.engine.eval.CycleTranslationEvaluator cycleEvaluator;
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
        Dataset ds = (Dataset) create("data", config.data().type(), () -> source.open(config.data().settings()));
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
        runner = newRunner();
        if (runner.conditional() && numClasses < 1) {
            throw new ConfigException("schedule: '" + config.schedule().type() + "' conditions on labels, but data '"
                    + config.data().type() + "' has none; use a labelled dataset such as mnist or fashion-mnist");
        }
        for (Map.Entry<String, ComponentConfig> e : config.networks().entrySet()) {
            String name = e.getKey();
            ComponentConfig nc = e.getValue();
            long netSeed = Rng.mix(config.seed() ^ Rng.mix(name.hashCode()));
            NetworkContext ctx = new NetworkContext(name, sampleShape.clone(), numClasses, netSeed, runner.conditional());
            ProviderInfo gen = registry.find(Generator.class, nc.type());
            checkRole(name, nc.type(), gen != null);
            Network net;
            try {
                net = gen != null ? ((Generator) gen.provider()).build(nc.settings(), ctx)
                        : ((Discriminator) registry.require(Discriminator.class, nc.type())).build(nc.settings(), ctx);
            } catch (GanException ex) {
                throw ex;
            } catch (RuntimeException ex) {
                throw new ConfigException("networks." + name + ": " + nc.type() + " could not be built: " + ex.getMessage(), ex);
            }
            if (net == null) {
                throw new ConfigException("networks." + name + ": " + nc.type() + " built no network (a bug in its plugin)");
            }
            networks.put(name, net);
            optimizers.put(name, new NetworkOptimizer(net, config.optimizers().get(name)));
        }
        loss = newLoss();
        for (String needed : runner.networks()) {
            if (!networks.containsKey(needed)) {
                throw new ConfigException("schedule: '" + config.schedule().type() + "' needs a network named '" + needed
                        + "'; networks: " + String.join(", ", networks.keySet()));
            }
        }
        batches = ds == null ? null : new BatchStream(ds, config.training().batchSize(), config.seed());
    }

    /** A discriminator where the schedule wants a generator, or the other way round, fails before anything is built. */
    private void checkRole(String name, String type, boolean isGenerator) {
        java.util.Set<String> generators = runner.generators();
        if (generators.isEmpty() || !runner.networks().contains(name)) {
            return;
        }
        boolean wanted = generators.contains(name);
        if (wanted != isGenerator) {
            throw new ConfigException("networks." + name + ": '" + type + "' is a " + (isGenerator ? "generator" : "discriminator")
                    + ", but schedule '" + config.schedule().type() + "' uses " + name + " as a "
                    + (wanted ? "generator" : "discriminator"));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private AdversarialLoss newLoss() {
        Object loss = create("loss", config.loss().type(), () -> ((Loss) registry.require(Loss.class,
                config.loss().type())).create(config.loss().settings()));
        return (AdversarialLoss) loss;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private StepRunner newRunner() {
        return (StepRunner) create("schedule", config.schedule().type(), () -> ((TrainingSchedule) registry.require(
                TrainingSchedule.class, config.schedule().type())).create(config.schedule().settings()));
    }

    /** A provider's create(), whose failure or null is named as the plugin's, not an internal error. */
    private static Object create(String key, String type, java.util.function.Supplier<Object> create) {
        Object made;
        try {
            made = create.get();
        } catch (GanException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigException(key + ": '" + type + "' failed to start: " + e, e);
        }
        if (made == null) {
            throw new ConfigException(key + ": '" + type + "' created nothing (a bug in its plugin)");
        }
        return made;
    }

    /**
     * The workers this run trains with, built now that the networks hold their restored state; the effective config
     * records the numbers {@code auto} resolved to.
     */
    private WorkerGroup workers() {
        org.gan4j.engine.config.TrainingConfig t = config.training();
        int cores = Backend.cores();
        // auto: a worker per core on a CPU, a worker per visible GPU on CUDA (one when the config names a GPU)
        int units = !backend.device().equals("cuda") ? cores : config.device().startsWith("cuda:") ? 1 : backend.devices();
        int workers = t.workerCount() > 0 ? t.workerCount() : Math.max(1, Math.min(units, t.batchSize()));
        WorkerGroup group;
        try {
            group = group(workers, t);
        } catch (ConfigException e) {
            if (t.workerCount() > 0 || workers == 1) {
                throw e;
            }
            LOG.warn("{}; training with one worker", e.getMessage());
            workers = 1;
            group = group(workers, t);
        }
        config = config.withTraining(t.withParallelism(group.workers(), group.threads()));
        if (config.compute().equals("native")) {
            // libnd4j's custom ops (the native kernels) take their threads from its own pool, not OpenMP's team
            org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(group.threads());
        }
        return group;
    }

    private WorkerGroup group(int workers, org.gan4j.engine.config.TrainingConfig t) {
        int threads = t.threadCount() > 0 ? t.threadCount() : Math.max(1, Backend.cores() / workers);
        return new WorkerGroup(workers, threads, w -> backend.bindThread(backend.deviceOf(config.device(), w)), networks, optimizers, runner, this::newRunner, loss, this::newLoss,
                batches, t.batchSize(), numClasses, config.seed());
    }

    /**
     * Restores the full training state from a checkpoint.
     *
     * @param ckpt the checkpoint
     * @throws CheckpointException when it does not fit these networks
     */
    public void restore(Checkpoint ckpt) {
        for (Map.Entry<String, Network> e : networks.entrySet()) {
            INDArray p = ckpt.params().get(e.getKey());
            Network net = e.getValue();
            if (p == null || p.length() != net.params().length()) {
                throw new CheckpointException("checkpoint network '" + e.getKey() + "' has "
                        + (p == null ? "no" : String.valueOf(p.length())) + " parameters, the config builds "
                        + net.numParams());
            }
            net.params().assign(p.reshape(net.params().shape()).castTo(net.params().dataType()));
            Map<String, INDArray> saved = ckpt.buffers().getOrDefault(e.getKey(), Map.of());
            for (Map.Entry<String, INDArray> b : net.buffers().entrySet()) {
                INDArray v = saved.get(b.getKey());
                if (v == null) {
                    throw new CheckpointException("checkpoint lacks buffer " + b.getKey() + " of network " + e.getKey());
                }
                b.getValue().assign(v.reshape(b.getValue().shape()));
            }
            optimizers.get(e.getKey()).restore(ckpt.optimizerState().get(e.getKey()),
                    ckpt.optimizerIterations().getOrDefault(e.getKey(), 0L));
        }
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
            writeEnvironment(runDir);
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

    private void writeEnvironment(Path runDir) throws IOException {
        ObjectNode env = JSON.createObjectNode();
        env.put("gan4j_version", org.gan4j.api.GanApi.artifactVersion(Run.class));
        env.put("api_version", org.gan4j.api.GanApi.VERSION);
        env.put("java", System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("backend", backend.summary());
        env.put("device", config.device());
        env.put("devices", backend.devices());
        env.put("compute", config.compute());
        env.put("cudnn", Backend.built("HAVE_CUDNN"));
        env.put("onednn", Backend.built("HAVE_ONEDNN"));
        env.put("omp_num_threads", String.valueOf(System.getenv("OMP_NUM_THREADS")));
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("workers", config.training().workerCount());
        env.put("threads_per_worker", config.training().threadCount());
        Files.writeString(runDir.resolve("environment.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(env));
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
        return org.gan4j.engine.eval.TranslationEvaluator.applies(config)
                || org.gan4j.engine.eval.CycleTranslationEvaluator.applies(config);
    }

    /**
     * Scores the translation network(s) as they are now on the test split, when the run translates images
     * ({@code paired-images}: pix2pix; {@code unpaired-images}: CycleGAN); the test split is loaded on first use.
     *
     * @return the evaluation, or null when the run does not translate images
     */
    public Evaluation evaluateTranslation() {
        if (org.gan4j.engine.eval.TranslationEvaluator.applies(config)) {
            Network g = network(config.samples().network(), "samples.network");
            if (pairedEvaluator == null) {
                pairedEvaluator = org.gan4j.engine.eval.TranslationEvaluator.forExperiment(config, registry, g);
            }
            return pairedEvaluator.evaluate(g, step);
        }
        if (org.gan4j.engine.eval.CycleTranslationEvaluator.applies(config)) {
            Network g = network(config.samples().network(), "samples.network");
            Network f = network(config.samples().inverse(), "samples.inverse");
            if (cycleEvaluator == null) {
                cycleEvaluator = org.gan4j.engine.eval.CycleTranslationEvaluator.forExperiment(config, registry, g, f);
            }
            return cycleEvaluator.evaluate(g, f, step);
        }
        return null;
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
            if (org.gan4j.engine.eval.TranslationEvaluator.applies(config)) {
                Images.write(org.gan4j.engine.eval.TranslationEvaluator.preview(dataset,
                        network(config.samples().network(), "samples.network")), file);
            } else if (org.gan4j.engine.eval.CycleTranslationEvaluator.applies(config)) {
                Images.write(org.gan4j.engine.eval.CycleTranslationEvaluator.preview(dataset,
                        network(config.samples().network(), "samples.network"),
                        network(config.samples().inverse(), "samples.inverse")), file);
            } else {
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
        String name = config.samples().network();
        Network g = networks.get(name);
        if (g == null) {
            throw new ConfigException("samples.network: no network named '" + name + "'");
        }
        boolean cond = runner.conditional();
        if (label != null && !cond) {
            throw new ConfigException("--label: this model is not conditional (schedule '" + config.schedule().type()
                    + "'); it cannot be asked for a class");
        }
        if (label != null && (label < 0 || label >= numClasses)) {
            throw new ConfigException("--label: " + label + " is outside [0, " + numClasses + ")");
        }
        int[] labels = null;
        if (cond) {
            labels = new int[n];
            int columns = Samples.classGridColumns(n, numClasses);
            for (int i = 0; i < n; i++) {
                labels[i] = label != null ? label : Math.min(numClasses - 1, i / columns);
            }
        }
        List<INDArray> parts = new ArrayList<>();
        int chunk = 1024;
        for (int i = 0; i < n; i += chunk) {
            int m = Math.min(chunk, n - i);
            long[] shape = withBatch(m, cond ? Labels.noiseShape(g.inputShape(), numClasses) : g.inputShape());
            INDArray input = Rng.normal(Rng.of(seed, i / chunk, "sample-z"), shape);
            if (cond) {
                int[] part = java.util.Arrays.copyOfRange(labels, i, i + m);
                input = Labels.generatorInput(input, Labels.oneHot(Labels.of(part), numClasses), g.inputShape());
            }
            parts.add(g.forward(input, false).dup());
        }
        INDArray x = parts.size() == 1 ? parts.get(0) : org.nd4j.linalg.factory.Nd4j.concat(0, parts.toArray(new INDArray[0]));
        return new Samples(x, labels, numClasses);
    }

    private static long[] withBatch(long n, long[] shape) {
        long[] s = new long[shape.length + 1];
        s[0] = n;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    private Path checkpoint(Path runDir) {
        Map<String, INDArray> params = new LinkedHashMap<>();
        Map<String, Map<String, INDArray>> buffers = new LinkedHashMap<>();
        Map<String, INDArray> opt = new LinkedHashMap<>();
        Map<String, Long> its = new LinkedHashMap<>();
        for (Map.Entry<String, Network> e : networks.entrySet()) {
            params.put(e.getKey(), e.getValue().params());
            if (!e.getValue().buffers().isEmpty()) {
                buffers.put(e.getKey(), e.getValue().buffers());
            }
            NetworkOptimizer o = optimizers.get(e.getKey());
            if (o.state() != null) {
                opt.put(e.getKey(), o.state());
            }
            its.put(e.getKey(), o.iterations());
        }
        Checkpoint c = new Checkpoint(step, batches.cursor(), config.seed(), sampleShape, numClasses,
                ConfigLoader.toYaml(config), params, buffers, opt, its, runner.state(), metrics.history(),
                metrics.pendingSums(), metrics.pendingCount());
        Path file = runDir.resolve("checkpoints").resolve(Checkpoint.fileName(step));
        try {
            c.write(file);
        } catch (IOException e) {
            throw new GanException(file + ": cannot write checkpoint (earlier checkpoints are intact): " + e.getMessage(), e);
        }
        List<Path> all = Checkpoint.list(runDir);
        int keep = Math.max(1, config.checkpoints().keep());
        for (int i = 0; i < all.size() - keep; i++) {
            try {
                Files.deleteIfExists(all.get(i));
            } catch (IOException e) {
                LOG.warn("could not delete old checkpoint {}: {}", all.get(i), e.toString());
            }
        }
        return file;
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
