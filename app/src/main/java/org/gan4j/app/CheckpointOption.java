package org.gan4j.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --checkpoint CKPT|RUN_DIR}, shared by the commands that read a trained model (export, generate, translate). */
final class CheckpointOption {
    @Option(names = "--checkpoint", required = true, paramLabel = "CKPT|RUN_DIR",
            description = "a checkpoint file, or a run directory (its newest checkpoint)")
    Path path;
}
