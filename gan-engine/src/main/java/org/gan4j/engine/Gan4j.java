package org.gan4j.engine;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gan4j.api.CheckpointException;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanException;
import org.gan4j.api.registry.Registry;
import org.gan4j.engine.board.RunBoard;
import org.gan4j.engine.cluster.Cluster;
import org.gan4j.engine.config.ConfigLoader;
import org.gan4j.engine.config.ExperimentConfig;
import org.gan4j.engine.eval.Evaluation;
import org.gan4j.engine.internal.Checkpoint;
import org.gan4j.engine.internal.DistributedLoop;
import org.gan4j.engine.internal.Provenance;
import org.gan4j.engine.internal.Run;
import org.gan4j.engine.internal.RunFiles;
import org.gan4j.engine.internal.Sampling;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.LoggerFactory;

/**
 * The engine's entry point: load configs, train, resume, sample. One instance holds one registry of providers;
 * instances share no mutable state, so several can run in one JVM.
 *
 * <pre>{@code
 * Gan4j gan = Gan4j.create(Path.of("plugins"));
 * ExperimentConfig config = gan.loadConfig(Path.of("configs/vanilla-ring.yaml"), List.of("training.steps=2000"));
 * RunResult result = gan.train(config, Path.of("runs/ring"), new TrainingListener() { }, new TrainingHandle());
 * INDArray samples = gan.sample(result.checkpoint(), 1000, 0);
 * }</pre>
 */
public final class Gan4j {
    private final Registry registry;
    private final ConfigLoader loader;

    @Inject
    Gan4j(Registry registry, ConfigLoader loader) {
        this.registry = registry;
        this.loader = loader;
    }

    /** The most samples {@code gan generate} draws into one picture. */
    private static final int MAX_GRID = 100_000;

    /**
     * An engine with the providers on gan4j's own class path or module path.
     *
     * @return the engine
     */
    public static Gan4j create() {
        return create((Path) null);
    }

    /**
     * An engine with the built-in providers plus the plugin jars in {@code pluginsDir}.
     *
     * @param pluginsDir a directory of plugin jars; null or missing adds none
     * @return the engine
     */
    public static Gan4j create(Path pluginsDir) {
        return create(PluginLoader.load(pluginsDir));
    }

    /**
     * An engine over a given registry.
     *
     * @param registry the providers
     * @return the engine
     */
    public static Gan4j create(Registry registry) {
        return Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                bind(Registry.class).toInstance(registry);
                bind(ConfigLoader.class).toInstance(new ConfigLoader(registry));
            }
        }).getInstance(Gan4j.class);
    }

    /**
     * The providers this engine knows.
     *
     * @return the registry
     */
    public Registry registry() {
        return registry;
    }

    /**
     * Reads and binds a YAML config file.
     *
     * @param yaml the file
     * @param overrides {@code key.path=value} pairs
     * @return the bound config
     */
    public ExperimentConfig loadConfig(Path yaml, List<String> overrides) {
        return loader.load(yaml, overrides);
    }

    /**
     * Parses and binds YAML text.
     *
     * @param yaml the YAML
     * @param overrides {@code key.path=value} pairs
     * @return the bound config
     */
    public ExperimentConfig parseConfig(String yaml, List<String> overrides) {
        return loader.bind(ConfigLoader.parse(yaml, "config"), overrides);
    }

    /**
     * Starts a config in Java instead of YAML; binding, defaults and errors are those of a YAML file.
     *
     * @param name the run's name
     * @return a builder
     */
    public ExperimentBuilder experiment(String name) {
        return new ExperimentBuilder(loader, name);
    }

    /**
     * The effective config as YAML, every default filled in.
     *
     * @param config the config
     * @return YAML text
     */
    public String toYaml(ExperimentConfig config) {
        return ConfigLoader.toYaml(config);
    }

    /**
     * Checks a config the way training would (providers, networks, data), without training.
     *
     * @param config the config
     * @return a one-line summary: data and parameter counts
     */
    public String validate(ExperimentConfig config) {
        Run run = Run.forTraining(config, registry);
        StringBuilder sb = new StringBuilder(run.dataset().describe()).append("; parameters");
        run.networks().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v.numParams()));
        return sb.toString();
    }

    /**
     * A fresh run directory under {@code runs/}: {@code runs/<name>-<yyyyMMdd-HHmmss>}.
     *
     * @param config the config
     * @return the path (not created)
     */
    public static Path defaultRunDir(ExperimentConfig config) {
        return Path.of("runs", config.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    /**
     * Trains a new run from step 0: shorthand for {@link #train(TrainRequest)} on this machine.
     *
     * @param config the experiment
     * @param runDir the run directory; must not hold checkpoints already
     * @param listener progress callbacks
     * @param handle cancellation
     * @return how it ended
     */
    public RunResult train(ExperimentConfig config, Path runDir, TrainingListener listener, TrainingHandle handle) {
        return train(TrainRequest.of(config).runDir(runDir).listener(listener).handle(handle));
    }

    /**
     * Trains a new run from step 0, here or on the request's cluster.
     *
     * @param request what to train, where, and how to report
     * @return how it ended
     * @throws ConfigException when the run directory already holds checkpoints
     */
    public RunResult train(TrainRequest request) {
        Path runDir = request.runDir() != null ? request.runDir() : defaultRunDir(request.config());
        if (Checkpoint.latest(runDir) != null) {
            throw new ConfigException(runDir + ": already holds checkpoints; use resume, or another --run-dir");
        }
        return RunBoard.around(runDir, request.listener(), l -> trainOn(Run.forTraining(request.config(), registry),
                request.cluster(), runDir, l, request.handle()));
    }

    private RunResult trainOn(Run run, Cluster cluster, Path runDir, TrainingListener listener, TrainingHandle handle) {
        return cluster == null ? run.train(runDir, listener, handle)
                : DistributedLoop.train(run, registry, cluster, runDir, listener, handle);
    }

    /**
     * Continues a run from its newest checkpoint, exactly as if it had never stopped: shorthand for
     * {@link #resume(ResumeRequest)} on this machine.
     *
     * @param runDirOrCheckpoint a run directory or a checkpoint file inside one
     * @param totalSteps a new {@code training.steps}, or null to keep the config's
     * @param listener progress callbacks
     * @param handle cancellation
     * @return how it ended
     */
    public RunResult resume(Path runDirOrCheckpoint, Long totalSteps, TrainingListener listener, TrainingHandle handle) {
        return resume(ResumeRequest.of(runDirOrCheckpoint).steps(totalSteps).listener(listener).handle(handle));
    }

    /**
     * Continues a run from its newest checkpoint (or a given checkpoint file), exactly as if it had never stopped,
     * with other parallelism or hardware if the request says so (its {@link ResumeRequest#overrides}).
     *
     * @param request what to continue, how far, and how to report
     * @return how it ended
     * @throws ConfigException for an override of a key a resumed run may not change
     */
    public RunResult resume(ResumeRequest request) {
        for (String o : request.overrides()) {
            String key = o.contains("=") ? o.substring(0, o.indexOf('=')).trim() : o;
            if (!Set.of("training.workers", "training.threads", "device", "compute").contains(key)) {
                throw new ConfigException(key + ": cannot change on resume (only training.workers, "
                        + "training.threads, device and compute can; a run with other settings would not be the run it "
                        + "continues)");
            }
        }
        TrainingListener listener = request.listener();
        Checkpoint.Newest found = Checkpoint.find(request.from());
        found.skipped().forEach(listener::onNotice);
        Path file = found.file();
        Path runDir = file.toAbsolutePath().getParent().getParent();
        Checkpoint ckpt = found.checkpoint();
        String edited = RunFiles.editedConfig(runDir, ckpt.configYaml());
        if (edited != null) {
            listener.onNotice(edited);
        }
        List<String> all = new ArrayList<>(request.overrides());
        if (request.steps() != null) {
            all.add("training.steps=" + request.steps());
        }
        ExperimentConfig config = loader.bind(ConfigLoader.parse(ckpt.configYaml(), file + " config"), all);
        Provenance.differences(ckpt.provenance(), Provenance.of(config, registry)).forEach(listener::onNotice);
        Run run = Run.forTraining(config, registry);
        run.restore(ckpt);
        return RunBoard.around(runDir, listener, l -> trainOn(run, request.cluster(), runDir, l, request.handle()));
    }

    /**
     * What this process computes with, for {@code gan env}: the ND4J backend and its devices, the helper libraries
     * libnd4j was built with, and what {@code compute: auto} and {@code training.workers: auto} resolve to here.
     *
     * @return labelled lines, in order
     */
    public java.util.Map<String, String> environment() {
        return org.gan4j.engine.internal.Backend.detect().environment();
    }

    /**
     * Draws samples from a checkpoint's generator.
     *
     * @param runDirOrCheckpoint a checkpoint file, or a run directory (its newest checkpoint)
     * @param n how many samples
     * @param seed the noise seed
     * @return generator output {@code [n, ...sampleShape]} (images in [-1, 1])
     */
    public INDArray sample(Path runDirOrCheckpoint, int n, long seed) {
        return sample(runDirOrCheckpoint, n, seed, null).x();
    }

    /**
     * Draws samples from a checkpoint's generator, for a conditional model asked for one class or all in turn.
     *
     * @param runDirOrCheckpoint a checkpoint file, or a run directory (its newest checkpoint)
     * @param n how many samples
     * @param seed the noise seed
     * @param label the class every sample is asked for (conditional models only); null for all classes in order
     * @return the samples and the labels they were asked for
     * @throws ConfigException when a label is given to an unconditional model or is out of range
     */
    public Samples sample(Path runDirOrCheckpoint, int n, long seed, Integer label) {
        return load(runDirOrCheckpoint).sample(n, seed, label);
    }

    /**
     * Runs one of a checkpoint's networks on given inputs in inference mode (running BatchNorm statistics, no
     * dropout): image-to-image translation with a pix2pix generator, or either CycleGAN generator ({@code G}: A→B,
     * {@code F}: B→A). Inputs go through in chunks of 16, so a large batch needs no more activation memory.
     *
     * @param runDirOrCheckpoint a checkpoint file, or a run directory (its newest checkpoint)
     * @param network the network's name in the run's config, e.g. {@code G}
     * @param input {@code [n, ...the network's input shape]}; images in [-1, 1]
     * @return the outputs {@code [n, ...the network's output shape]}; {@link Samples#images(INDArray)} turns images
     *     into pictures
     * @throws ConfigException when the run has no such network or the input has the wrong shape
     */
    public INDArray translate(Path runDirOrCheckpoint, String network, INDArray input) {
        return load(runDirOrCheckpoint).translate(network, input);
    }

    /**
     * Loads a trained model once, to sample, translate, evaluate or export it without re-reading the checkpoint.
     *
     * @param runDirOrCheckpoint a checkpoint file, or a run directory (its newest good checkpoint)
     * @return the model
     * @throws CheckpointException when no readable checkpoint is there
     */
    public GanModel load(Path runDirOrCheckpoint) {
        return load(runDirOrCheckpoint, List.of());
    }

    private GanModel load(Path runDirOrCheckpoint, List<String> overrides) {
        Checkpoint.Newest found = Checkpoint.find(runDirOrCheckpoint);
        found.skipped().forEach(s -> LoggerFactory.getLogger(Gan4j.class).warn("skipped {}", s));
        return new GanModel(Run.forSampling(found.checkpoint(), registry, loader, overrides), found.file());
    }

    /**
     * Translates pictures with one of a checkpoint's networks: each picture is scaled to the network's input size
     * (transparent pixels over {@code background}, grey when the network takes one channel), translated in inference
     * mode, and returned as a picture of the network's output size.
     *
     * @param runDirOrCheckpoint a checkpoint file, or a run directory (its newest checkpoint)
     * @param network the network's name, e.g. {@code G} (pix2pix; CycleGAN A→B) or {@code F} (CycleGAN B→A)
     * @param pictures the inputs
     * @param background the colour under transparent pixels
     * @return one output picture per input
     * @throws ConfigException when the run has no such network or it does not map images to images
     */
    public List<java.awt.image.BufferedImage> translateImages(Path runDirOrCheckpoint, String network,
            List<java.awt.image.BufferedImage> pictures, java.awt.Color background) {
        return load(runDirOrCheckpoint).translate(network, pictures, background);
    }

    /**
     * Writes samples from a checkpoint: {@code .png} as a grid (one row per class for a conditional model, a scatter
     * plot for 2-D data), {@code .npy} as a float32 array (images {@code (N, C, H, W)} in [0, 1]) with
     * {@code labels.npy} beside it for a conditional model.
     *
     * @param runDirOrCheckpoint a checkpoint file or a run directory
     * @param n how many samples
     * @param seed the noise seed
     * @param label the class to draw (conditional models), or null
     * @param out the output file, .png or .npy
     * @return the files written
     */
    public List<Path> writeSamples(Path runDirOrCheckpoint, int n, long seed, Integer label, Path out) {
        String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".npy")) {
            throw new ConfigException(out + ": the output must end in .png or .npy");
        }
        if (name.endsWith(".png") && n > MAX_GRID) {
            throw new ConfigException("--n " + n + ": a .png grid holds at most " + MAX_GRID
                    + " samples; write the rest to .npy");
        }
        GanModel model = load(runDirOrCheckpoint);
        // the size first, as training checks its batch: an unbounded --n would grow memory for minutes, then fail
        long per = model.sample(1, seed, label).x().length();
        long bytes = (long) n * per * Float.BYTES * 3;
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max / 2) {
            throw new ConfigException(String.format(java.util.Locale.ROOT, "--n %d: about %.1f GB of "
                    + "samples (%d values each, held three times while written) where this JVM may use %.1f GB; write "
                    + "fewer per file (other --seed values draw other samples), or give it more with "
                    + "GAN4J_JAVA_OPTS=-Xmx…", n, bytes / 1e9, per, max / 1e9));
        }
        Samples samples = model.sample(n, seed, label);
        try {
            if (name.endsWith(".npy")) {
                return Sampling.writeNpy(samples, out);
            }
            Sampling.writePicture(samples, null, out, "samples");
            return List.of(out);
        } catch (IOException e) {
            throw new GanException(out + ": cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * Evaluates a checkpoint's generator on its labelled image data: Fréchet distance of classifier features to the
     * real test split next to the real-data floor, the class histogram and, for conditional models, label accuracy.
     * On 2-D mixtures: mode coverage. On paired images (pix2pix): L1, PSNR and SSIM of the translated test inputs
     * against their targets, beside the identity baseline, and {@link Evaluation#picture()} shows the first test
     * pairs. On unpaired images (CycleGAN): the cycle-reconstruction errors and, when the test domains share file
     * names, L1, PSNR and SSIM of both translations against the namesakes
     * ({@link org.gan4j.engine.eval.CycleTranslationEvaluator});
     * {@code samples} and {@code seed} are then unused.
     * The first call for a dataset trains the classifier and caches it beside the data.
     *
     * @param runDirOrCheckpoint a checkpoint file, or a run directory (its newest checkpoint)
     * @param samples how many samples to generate
     * @param seed the noise seed
     * @param log receives progress lines (classifier training)
     * @return the evaluation
     * @throws ConfigException when the run's data is not labelled images with train/test splits
     */
    public Evaluation evaluate(Path runDirOrCheckpoint, int samples, long seed, java.util.function.Consumer<String> log) {
        return evaluate(runDirOrCheckpoint, samples, seed, List.of(), log);
    }

    /**
     * {@link #evaluate(Path, int, long, java.util.function.Consumer)} with the saved config's evaluation block
     * changed, e.g. {@code evaluation.judge=fashion-mnist} to judge a translation run trained without it.
     *
     * @param runDirOrCheckpoint a checkpoint file, or a run directory (its newest checkpoint)
     * @param samples how many samples to generate
     * @param seed the noise seed
     * @param evaluationOverrides {@code evaluation.KEY=VALUE} settings
     * @param log receives progress lines
     * @return the evaluation
     * @throws ConfigException for a key outside {@code evaluation.} or a bad value
     */
    public Evaluation evaluate(Path runDirOrCheckpoint, int samples, long seed, List<String> evaluationOverrides,
                               java.util.function.Consumer<String> log) {
        for (String o : evaluationOverrides) {
            if (!o.startsWith("evaluation.")) {
                throw new ConfigException("--set " + o + ": a checkpoint's evaluation may change only "
                        + "evaluation.* keys (samples, judge, judge_dir, judge_class_a, judge_class_b)");
            }
        }
        return load(runDirOrCheckpoint, evaluationOverrides).evaluate(samples, seed, log);
    }

    /**
     * Resolves a run directory to its newest checkpoint; a file is returned as is.
     *
     * @param path a run directory or a checkpoint file
     * @return the checkpoint file
     * @throws CheckpointException when there is none
     */
    public static Path checkpointFile(Path path) {
        return Checkpoint.file(path);
    }
}
