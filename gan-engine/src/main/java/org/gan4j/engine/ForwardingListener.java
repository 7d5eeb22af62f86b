package org.gan4j.engine;

import java.nio.file.Path;
import java.util.Map;
import org.gan4j.engine.eval.Evaluation;

/**
 * A listener that passes every event on to another; a wrapper overrides only the events it adds work to (and calls
 * {@code super} to pass them on).
 */
public abstract class ForwardingListener implements TrainingListener {
    private final TrainingListener inner;

    /**
     * Wraps a listener.
     *
     * @param inner the listener every event goes on to
     */
    protected ForwardingListener(TrainingListener inner) {
        this.inner = inner;
    }

    @Override
    public void onStart(RunInfo run) {
        inner.onStart(run);
    }

    @Override
    public void onStep(long step, long totalSteps, Map<String, Double> metrics) {
        inner.onStep(step, totalSteps, metrics);
    }

    @Override
    public void onCheckpoint(Path file, long step) {
        inner.onCheckpoint(file, step);
    }

    @Override
    public void onSamples(Path file, long step) {
        inner.onSamples(file, step);
    }

    @Override
    public void onEvaluation(Evaluation evaluation) {
        inner.onEvaluation(evaluation);
    }

    @Override
    public void onNotice(String message) {
        inner.onNotice(message);
    }
}
