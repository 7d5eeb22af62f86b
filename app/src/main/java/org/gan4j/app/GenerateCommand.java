package org.gan4j.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gan generate --checkpoint CKPT --n N --out FILE}. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Sample from a checkpoint: .png writes a grid (a scatter plot for 2-D data; one row per class "
                + "for a conditional model), .npy all samples as float32 (images (N, C, H, W) in [0, 1]; 2-D data "
                + "(N, 2)) and, for a conditional model, labels.npy (int64) beside it.")
public class GenerateCommand implements Callable<Integer> {
    @ParentCommand
    GanCommand parent;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    CheckpointOption checkpoint;

    @Option(names = "--n", defaultValue = "64", description = "number of samples (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--seed", defaultValue = "0", description = "noise seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--label", paramLabel = "CLASS",
            description = "conditional models: draw every sample for this class (default: all classes in turn)")
    Integer label;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "output .png or .npy")
    Path out;

    @Override
    public Integer call() {
        if (n < 1) {
            throw new org.gan4j.api.ConfigException("--n: must be >= 1, got " + n);
        }
        java.util.List<Path> files = parent.engine().writeSamples(checkpoint.path, n, seed, label, out);
        spec.commandLine().getOut().println("wrote " + n + " samples to " + files.get(0)
                + (files.size() > 1 ? " and their labels to " + files.get(1) : ""));
        return Main.OK;
    }
}
