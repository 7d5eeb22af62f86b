package org.gan4j.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gan4j.engine.ResumeRequest;
import org.gan4j.engine.RunResult;
import org.gan4j.engine.TrainingHandle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gan resume RUN_DIR}. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a run from its newest checkpoint, exactly as if it had not stopped.")
public class ResumeCommand implements Callable<Integer> {
    @ParentCommand
    GanCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR|CKPT", description = "a run directory, or one of its checkpoints")
    Path run;

    @Option(names = "--steps", paramLabel = "N", description = "train to N steps in total (default: the config's)")
    Long steps;

    @picocli.CommandLine.ArgGroup(exclusive = false, multiplicity = "0..1")
    SparkOptions spark;

    @picocli.CommandLine.Mixin
    ProgressOption progress;

    @Option(names = "--workers", paramLabel = "N|auto",
            description = "data-parallel workers from here on (default: the checkpoint's; see docs/performance.md)")
    String workers;

    @Option(names = "--threads", paramLabel = "N|auto", description = "intra-op threads per worker from here on")
    String threads;

    @Option(names = "--device", paramLabel = "auto|cpu|cuda|cuda:N", description = "the device from here on")
    String device;

    @Option(names = "--compute", paramLabel = "auto|host|native", description = "the kernels from here on")
    String compute;

    @Override
    public Integer call() {
        RunResult r;
        TrainingHandle handle = new TrainingHandle();
        // the cluster comes first: Spark's start must not swallow a Ctrl-C meant for the run
        try (org.gan4j.engine.cluster.Cluster cluster = spark == null ? null : spark.open(parent.pluginsDir);
             Progress p = progress.create(spec.commandLine().getErr());
             Signals signals = Signals.install(handle, spec.commandLine().getErr())) {
            java.util.List<String> overrides = new java.util.ArrayList<>();
            if (workers != null) {
                overrides.add("training.workers=" + workers);
            }
            if (device != null) {
                overrides.add("device=" + device);
            }
            if (compute != null) {
                overrides.add("compute=" + compute);
            }
            if (threads != null) {
                overrides.add("training.threads=" + threads);
            }
            r = parent.engine().resume(ResumeRequest.of(run).steps(steps).set(overrides.toArray(String[]::new))
                    .listener(p).handle(handle).cluster(cluster));
            p.close();
            return Progress.finish(spec.commandLine(), r, signals.received());
        }
    }
}
