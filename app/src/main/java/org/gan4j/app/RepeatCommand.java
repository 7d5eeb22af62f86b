package org.gan4j.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gan4j.api.ConfigException;
import org.gan4j.engine.Gan4j;
import org.gan4j.engine.TrainingHandle;
import org.gan4j.engine.TrainingListener;
import org.gan4j.engine.cluster.Cluster;
import org.gan4j.engine.experiment.Experiment;
import org.gan4j.engine.experiment.ExperimentPlan;
import org.gan4j.engine.experiment.RunOutcome;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gan repeat CONFIG --seeds 1,2,3}: one run per seed (× sweep point), each evaluated, and their summary. */
@Command(name = "repeat", mixinStandardHelpOptions = true,
        description = {"Train one run per seed (and per combination of --sweep values) into one experiment directory, "
                + "evaluate each run's final checkpoint as gan evaluate does, and write summary.json, summary.md "
                + "(every figure's mean ± sd, min, max and per-seed values) and index.html (the runs' curves on "
                + "shared charts). A GAN run is one draw from a wide distribution: report the summary, not one run.",
            "Runs train one after another; with --spark each run is one Spark task. The same command with the same "
                + "--run-dir, or gan repeat --resume DIR, continues an interrupted experiment: finished runs are kept, "
                + "a stopped run resumes from its newest checkpoint."})
public class RepeatCommand implements Callable<Integer> {
    @ParentCommand
    GanCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG.yaml", description = "the experiment config")
    Path config;

    @Option(names = "--seeds", defaultValue = "1,2,3", paramLabel = "LIST",
            description = "the seeds: 1,2,3 or a range 1-5 (default: ${DEFAULT-VALUE})")
    String seeds;

    @Option(names = "--sweep", paramLabel = "KEY=V1,V2,…",
            description = "train every value of a config key, each with every seed, e.g. optimizers.G.lr=1e-3,2e-4 "
                    + "(repeatable: all combinations)")
    List<String> sweep = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config key for every run")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "the experiment directory (default: runs/<name>-x<seeds>-<timestamp>)")
    Path runDir;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue the experiment in DIR (no CONFIG)")
    Path resume;

    @Option(names = "--eval-samples", defaultValue = "10000", paramLabel = "N",
            description = "samples for each run's final evaluation (default: ${DEFAULT-VALUE})")
    int evalSamples;

    @Option(names = "--eval-seed", defaultValue = "0", paramLabel = "S",
            description = "noise seed of each run's final evaluation (default: ${DEFAULT-VALUE})")
    long evalSeed;

    @ArgGroup(exclusive = false, multiplicity = "0..1")
    SparkOptions spark;

    @picocli.CommandLine.Mixin
    ProgressOption progress;

    @Override
    public Integer call() {
        Gan4j gan = parent.engine();
        PrintWriter err = spec.commandLine().getErr();
        ExperimentPlan plan;
        Path dir;
        if (resume != null) {
            if (config != null || !sweep.isEmpty() || !overrides.isEmpty() || runDir != null) {
                throw new ConfigException("--resume " + resume + ": continues the saved plan; give no CONFIG, --sweep, "
                        + "--set or --run-dir with it");
            }
            plan = Experiment.load(resume);
            dir = resume;
        } else {
            if (config == null) {
                throw new ConfigException("CONFIG.yaml: missing (or continue an experiment with --resume DIR)");
            }
            plan = Experiment.plan(gan, config, overrides, ExperimentPlan.parseSeeds(seeds),
                    ExperimentPlan.parseSweep(sweep), evalSamples, evalSeed);
            dir = runDir != null ? runDir : Path.of("runs", plan.name() + "-x" + plan.seeds().size() + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        TrainingHandle handle = new TrainingHandle();
        int total = plan.runs().size();
        err.printf(Locale.ROOT, "experiment %s: %d runs (seeds %s%s) into %s%n", plan.name(), total, plan.seeds(),
                plan.sweep().isEmpty() ? "" : " × sweep " + plan.sweep(), dir);
        Experiment.Result r;
        try (Cluster cluster = spark == null ? null : spark.open(parent.pluginsDir);
             Signals signals = Signals.install(handle, err)) {
            if (cluster != null) {
                err.println("each run is one task on " + cluster.describe() + "; progress comes as runs end");
            }
            err.flush();
            r = Experiment.run(gan, plan, dir, cluster, listener(err), handle);
            PrintWriter out = spec.commandLine().getOut();
            out.println();
            out.print(r.summary().table());
            out.println("wrote " + dir.resolve(Experiment.SUMMARY) + ", " + dir.resolve(Experiment.TABLE) + " and "
                    + dir.resolve("index.html"));
            out.flush();
            if (!r.complete()) {
                err.println("gan: experiment stopped" + (signals.received() == null ? "" : " by " + signals.received())
                        + "; continue it with: gan repeat --resume " + dir);
                return signals.received() == null ? Main.FAILURE : Signals.code(signals.received());
            }
            return Main.OK;
        }
    }

    private Experiment.Listener listener(PrintWriter err) {
        return new Experiment.Listener() {
            private Progress current;

            @Override
            public TrainingListener onRunStart(ExperimentPlan.PlannedRun run, int index, int total) {
                err.printf(Locale.ROOT, "%n== run %d/%d: %s%s ==%n", index + 1, total, run.id(),
                        run.label().isEmpty() ? "" : " (" + run.label() + ")");
                err.flush();
                current = progress.create(err);
                return current;
            }

            @Override
            public void onRunEnd(RunOutcome o, int index, int total) {
                if (current != null) {
                    current.close();
                    current = null;
                }
                err.printf(Locale.ROOT, "run %d/%d %s: %s at step %d, %.1f s of training%n", index + 1, total, o.id(),
                        o.finished() ? "finished" : "stopped", o.step(), o.seconds());
                err.flush();
            }

            @Override
            public void onNotice(String message) {
                err.println(message);
                err.flush();
            }
        };
    }
}
