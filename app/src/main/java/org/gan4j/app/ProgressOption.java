package org.gan4j.app;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --progress auto|bar|log|none}, shared by the commands that train (train, resume, repeat). */
final class ProgressOption {
    @Option(names = "--progress", defaultValue = "auto", paramLabel = "MODE", description = "auto | bar | log | none (default: ${DEFAULT-VALUE})")
    String mode;

    /**
     * A progress reporter in the chosen mode.
     *
     * @param err where it writes
     * @return the reporter
     */
    Progress create(PrintWriter err) {
        return Progress.create(mode, err);
    }
}
