package org.gan4j.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * Callbacks from a training run, on the training thread. All methods have empty defaults; an exception thrown here
 * stops the run like a training failure.
 */
public interface TrainingListener {

    /**
     * The run is set up and about to train.
     *
     * @param run what runs and where
     */
    default void onStart(RunInfo run) {
    }

    /**
     * One iteration finished.
     *
     * @param step iterations completed
     * @param totalSteps iterations planned
     * @param metrics what the schedule recorded this iteration, plus {@code step_ms}
     */
    default void onStep(long step, long totalSteps, Map<String, Double> metrics) {
    }

    /**
     * A checkpoint was written.
     *
     * @param file the checkpoint file
     * @param step the step it holds
     */
    default void onCheckpoint(Path file, long step) {
    }

    /**
     * A sample picture was written.
     *
     * @param file the PNG file
     * @param step the step it shows
     */
    default void onSamples(Path file, long step) {
    }

    /**
     * A periodic evaluation finished ({@code evaluation.every}); its metrics are in metrics.jsonl too.
     *
     * @param evaluation the result
     */
    default void onEvaluation(org.gan4j.engine.eval.Evaluation evaluation) {
    }

    /**
     * Something the user should know that is not an error: a checkpoint skipped on resume because it failed its
     * checks (with the reason), for example.
     *
     * @param message one line
     */
    default void onNotice(String message) {
    }
}
