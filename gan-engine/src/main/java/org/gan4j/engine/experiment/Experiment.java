package org.gan4j.engine.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanException;
import org.gan4j.engine.Gan4j;
import org.gan4j.engine.TrainingHandle;
import org.gan4j.engine.TrainingListener;
import org.gan4j.engine.cluster.Cluster;
import org.gan4j.engine.config.ExperimentConfig;
import org.gan4j.engine.config.TrainingConfig;
import org.gan4j.engine.eval.ImageEvaluator;
import org.gan4j.engine.internal.AtomicFiles;
import org.gan4j.engine.internal.Backend;
import org.gan4j.engine.internal.ExecutorRegistries;

/**
 * Repeated runs as one experiment: one run per seed (× sweep point) in one directory, each evaluated at its end, and
 * {@code summary.json}, {@code summary.md} and an {@code index.html} board over them all.
 *
 * <pre>{@code
 * ExperimentPlan plan = Experiment.plan(gan, Path.of("configs/vanilla-ring.yaml"), List.of(), List.of(1L, 2L, 3L),
 *         Map.of(), 10_000, 0);
 * Experiment.Result r = Experiment.run(gan, plan, Path.of("runs/ring-3-seeds"), null, new Experiment.Listener() { },
 *         new TrainingHandle());
 * System.out.println(r.summary().table());
 * }</pre>
 *
 * <p>Layout: {@code experiment.json} (the plan), {@code config.yaml} (the base config), one run directory per run
 * ({@code seed-1}, or {@code optimizers.G.lr=1e-3_seed-1} with a sweep), {@code summary.json}, {@code summary.md},
 * {@code index.html}. Running the same plan into the same directory again continues it: finished runs are read back,
 * a run with checkpoints resumes from its newest, the rest train.
 */
public final class Experiment {
    /** The plan, in the experiment directory. */
    public static final String PLAN = "experiment.json";
    /** The summary, in the experiment directory. */
    public static final String SUMMARY = "summary.json";
    /** The summary as Markdown tables. */
    public static final String TABLE = "summary.md";

    private Experiment() {
    }

    /** What an experiment reports while it runs; every method has an empty default. */
    public interface Listener {
        /**
         * A run starts (or continues) here.
         *
         * @param run the run
         * @param index its position, from 0
         * @param total the runs in the plan
         * @return the listener for its training
         */
        default TrainingListener onRunStart(ExperimentPlan.PlannedRun run, int index, int total) {
            return new TrainingListener() { };
        }

        /**
         * A run ended (or was read back, finished).
         *
         * @param outcome how
         * @param index its position, from 0
         * @param total the runs in the plan
         */
        default void onRunEnd(RunOutcome outcome, int index, int total) {
        }

        /**
         * Something the user should know.
         *
         * @param message one line
         */
        default void onNotice(String message) {
        }
    }

    /**
     * How an experiment ended.
     *
     * @param dir the experiment directory
     * @param summary the figures of its finished runs
     * @param complete true when every run finished; false when it was stopped (continue it with the same plan)
     */
    public record Result(Path dir, Summary summary, boolean complete) {
    }

    /**
     * Plans an experiment from a config file, checking that every run's config binds.
     *
     * @param gan the engine
     * @param config the base config file
     * @param overrides settings for every run
     * @param seeds the seeds
     * @param sweep key → values, or empty
     * @param evalSamples samples of each run's final evaluation
     * @param evalSeed its noise seed
     * @return the plan, with the parallelism every run gets fixed here ({@code auto} resolved on this machine)
     * @throws ConfigException when a run's config is wrong
     */
    public static ExperimentPlan plan(Gan4j gan, Path config, List<String> overrides, List<Long> seeds,
                                      Map<String, List<String>> sweep, int evalSamples, long evalSeed) {
        String yaml;
        try {
            yaml = Files.readString(config);
        } catch (IOException e) {
            throw new ConfigException(config + ": cannot read: " + e.getMessage(), e);
        }
        ExperimentConfig base = gan.loadConfig(config, overrides);
        TrainingConfig t = base.training();
        int workers = t.workerCount() > 0 ? t.workerCount()
                : Math.max(1, Math.min(Backend.detect().autoWorkers(base.device()), t.batchSize()));
        int threads = t.threadCount() > 0 ? t.threadCount() : Math.max(1, Backend.cores() / workers);
        ExperimentPlan plan = new ExperimentPlan(base.name(), yaml, overrides, seeds, sweep, evalSamples, evalSeed,
                workers, threads);
        for (ExperimentPlan.PlannedRun r : plan.runs()) {
            runConfig(gan, plan, r);
        }
        return plan;
    }

    /**
     * The plan saved in an experiment directory, for continuing it.
     *
     * @param dir the experiment directory
     * @return its plan
     * @throws GanException when it holds none
     */
    public static ExperimentPlan load(Path dir) {
        Path f = dir.resolve(PLAN);
        if (!Files.isRegularFile(f)) {
            throw new ConfigException(dir + ": not an experiment (no " + PLAN + ")");
        }
        try {
            return ExperimentPlan.fromJson(Files.readAllBytes(f), f.toString());
        } catch (IOException e) {
            throw new GanException(f + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static ExperimentConfig runConfig(Gan4j gan, ExperimentPlan plan, ExperimentPlan.PlannedRun run) {
        List<String> all = new ArrayList<>(plan.overrides());
        all.addAll(run.settings());
        if (plan.workers() > 0) {
            all.add("training.workers=" + plan.workers());
        }
        if (plan.threads() > 0) {
            all.add("training.threads=" + plan.threads());
        }
        try {
            return gan.parseConfig(plan.configYaml(), all);
        } catch (ConfigException e) {
            throw new ConfigException("run " + run.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Trains the plan's runs into {@code dir} — here one after another, or with a cluster each run as one task, side
     * by side — evaluates each, and writes the summary and the board.
     *
     * @param gan the engine
     * @param plan the plan
     * @param dir the experiment directory: new, or holding this same plan (which is then continued)
     * @param cluster a cluster, closed by the caller; null trains here
     * @param listener progress
     * @param handle cancellation (here: the current run stops with a checkpoint and the experiment ends incomplete)
     * @return how it ended
     * @throws ConfigException when {@code dir} holds another experiment
     */
    public static Result run(Gan4j gan, ExperimentPlan plan, Path dir, Cluster cluster, Listener listener,
                             TrainingHandle handle) {
        prepare(plan, dir);
        List<ExperimentPlan.PlannedRun> runs = plan.runs();
        String id = UUID.randomUUID().toString();
        List<RunTask> tasks = new ArrayList<>();
        for (ExperimentPlan.PlannedRun r : runs) {
            tasks.add(new RunTask(id, r.id(), r.seed(), r.label(), gan.toYaml(runConfig(gan, plan, r)),
                    dir.resolve(r.id()).toAbsolutePath().normalize().toString(), plan.evalSamples(), plan.evalSeed()));
        }
        List<RunOutcome> outcomes = new ArrayList<>();
        if (cluster == null) {
            for (int i = 0; i < runs.size(); i++) {
                if (handle.isCancelled()) {
                    outcomes.add(new RunOutcome(runs.get(i).id(), runs.get(i).seed(), runs.get(i).label(), 0, 0, false,
                            Map.of()));
                    continue;
                }
                TrainingListener l = listener.onRunStart(runs.get(i), i, runs.size());
                RunOutcome o = tasks.get(i).run(gan, l, handle);
                outcomes.add(o);
                listener.onRunEnd(o, i, runs.size());
            }
        } else {
            ExecutorRegistries.offer(id, gan.registry());
            try {
                warmEvaluator(gan, tasks.get(0), listener);
                List<byte[]> answers = cluster.each(tasks.stream().map(RunTask::encode).toList());
                for (int i = 0; i < answers.size(); i++) {
                    RunOutcome o = RunTask.decodeOutcome(answers.get(i));
                    outcomes.add(o);
                    listener.onRunEnd(o, i, runs.size());
                }
            } finally {
                ExecutorRegistries.withdraw(id);
            }
        }
        Summary summary = Summary.of(plan.name(), outcomes);
        write(dir, summary);
        return new Result(dir, summary, outcomes.stream().allMatch(RunOutcome::finished));
    }

    /**
     * Trains one run task here; what a cluster's executor calls through
     * {@link org.gan4j.engine.cluster.RunTrainer#run}.
     *
     * @param task the encoded task
     * @return the encoded outcome
     */
    public static byte[] execute(byte[] task) {
        return RunTask.execute(task);
    }

    /**
     * Image evaluation trains its classifier on first use and caches it beside the data: done once here, before
     * tasks evaluating side by side would each train it.
     */
    private static void warmEvaluator(Gan4j gan, RunTask task, Listener listener) {
        ExperimentConfig c = gan.parseConfig(task.configYaml(), List.of());
        try {
            ImageEvaluator.forExperiment(c, gan.registry(), listener::onNotice);
        } catch (GanException e) {
            // not image data: its evaluator needs no cache
        }
    }

    private static void prepare(ExperimentPlan plan, Path dir) {
        Path f = dir.resolve(PLAN);
        try {
            if (Files.isRegularFile(f)) {
                ExperimentPlan saved = ExperimentPlan.fromJson(Files.readAllBytes(f), f.toString());
                if (!saved.equals(plan)) {
                    throw new ConfigException(dir + ": holds another experiment (" + saved.name() + ", seeds "
                            + saved.seeds() + "); continue it with gan repeat --resume " + dir + ", or choose another --run-dir");
                }
                return;
            }
            if (Files.isDirectory(dir)) {
                try (var s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        throw new ConfigException(dir + ": exists and is not an experiment; choose another --run-dir");
                    }
                }
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("config.yaml"), plan.configYaml());
            write(f, plan.toJson().toPrettyString() + "\n");
        } catch (IOException e) {
            throw new GanException(dir + ": cannot prepare the experiment: " + e.getMessage(), e);
        }
    }

    private static void write(Path dir, Summary summary) {
        try {
            write(dir.resolve(SUMMARY), summary.toJson().toPrettyString() + "\n");
            write(dir.resolve(TABLE), "# " + summary.name() + "\n\n" + summary.table());
        } catch (IOException e) {
            throw new GanException(dir + ": cannot write the summary: " + e.getMessage(), e);
        }
        String problem = ExperimentBoard.write(dir, summary);
        if (problem != null) {
            org.slf4j.LoggerFactory.getLogger(Experiment.class).warn(problem);
        }
    }

    private static void write(Path file, String text) throws IOException {
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
