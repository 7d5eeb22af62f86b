package org.gan4j.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/** Lets another thread stop a run cleanly: the run finishes its current step, writes a checkpoint and returns. */
public final class TrainingHandle {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** Asks the run to stop after the current step. */
    public void cancel() {
        cancelled.set(true);
    }

    /**
     * Whether {@link #cancel()} was called.
     *
     * @return true once cancelled
     */
    public boolean isCancelled() {
        return cancelled.get();
    }
}
