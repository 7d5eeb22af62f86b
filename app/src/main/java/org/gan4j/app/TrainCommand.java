package org.gan4j.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gan4j.engine.Gan4j;
import org.gan4j.engine.RunResult;
import org.gan4j.engine.TrainRequest;
import org.gan4j.engine.TrainingHandle;
import org.gan4j.engine.config.ExperimentConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gan train CONFIG.yaml}. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a new run from a YAML config.")
public class TrainCommand implements Callable<Integer> {
    @ParentCommand
    GanCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG.yaml", description = "the experiment config")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config key, e.g. training.steps=500")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--run-dir", paramLabel = "DIR", description = "run directory (default: runs/<name>-<timestamp>)")
    Path runDir;

    @picocli.CommandLine.ArgGroup(exclusive = false, multiplicity = "0..1")
    SparkOptions spark;

    @picocli.CommandLine.Mixin
    ProgressOption progress;

    @Override
    public Integer call() {
        Gan4j gan = parent.engine();
        ExperimentConfig cfg = gan.loadConfig(config, overrides);
        Path dir = runDir != null ? runDir : Gan4j.defaultRunDir(cfg);
        RunResult r;
        TrainingHandle handle = new TrainingHandle();
        // the cluster comes first: Spark's start must not swallow a Ctrl-C meant for the run
        try (org.gan4j.engine.cluster.Cluster cluster = spark == null ? null : spark.open(parent.pluginsDir);
             Progress p = progress.create(spec.commandLine().getErr());
             Signals signals = Signals.install(handle, spec.commandLine().getErr())) {
            r = gan.train(TrainRequest.of(cfg).runDir(dir).listener(p).handle(handle).cluster(cluster));
            p.close();
            return Progress.finish(spec.commandLine(), r, signals.received());
        }
    }
}
