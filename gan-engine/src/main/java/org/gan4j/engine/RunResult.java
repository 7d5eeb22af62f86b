package org.gan4j.engine;

import java.nio.file.Path;

/**
 * How a run ended.
 *
 * @param runDir the run directory
 * @param steps iterations completed in total
 * @param checkpoint the last checkpoint written
 * @param seconds wall time of this invocation
 * @param cancelled true when stopped through {@link TrainingHandle#cancel()}
 */
public record RunResult(Path runDir, long steps, Path checkpoint, double seconds, boolean cancelled) {
}
