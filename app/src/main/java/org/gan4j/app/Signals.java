package org.gan4j.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.engine.TrainingHandle;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C and {@code kill} during training: the first SIGINT or SIGTERM asks the run to stop after its current step,
 * which writes a checkpoint, and the command then exits with 130 (SIGINT) or 143 (SIGTERM); a second signal exits at
 * once, keeping the checkpoints already on disk (a checkpoint being written is a {@code .tmp} file until it is whole).
 */
final class Signals implements AutoCloseable {
    private final TrainingHandle handle;
    private final PrintWriter err;
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile String received;

    private Signals(TrainingHandle handle, PrintWriter err) {
        this.handle = handle;
        this.err = err;
    }

    /**
     * Handles SIGINT and SIGTERM until closed.
     *
     * @param handle the run's handle, cancelled on the first signal
     * @param err where the one-line notices go
     * @return the installed handlers
     */
    static Signals install(TrainingHandle handle, PrintWriter err) {
        Signals s = new Signals(handle, err);
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal signal = new Signal(name);
                s.previous.add(Signal.handle(signal, s::received));
                s.signals.add(signal);
            } catch (IllegalArgumentException e) {
                // a platform without this signal (or the JVM keeps it): the default behaviour stays
            }
        }
        return s;
    }

    private void received(Signal signal) {
        String name = "SIG" + signal.getName();
        if (received != null) {
            err.println("gan: " + name + " again: stopping now; the checkpoints on disk are kept");
            err.flush();
            Runtime.getRuntime().halt(code(name));
        }
        received = name;
        err.println("gan: " + name + ": stopping after the current step and writing a checkpoint (send it again to stop now)");
        err.flush();
        handle.cancel();
    }

    /**
     * The signal that stopped the run.
     *
     * @return {@code SIGINT}, {@code SIGTERM}, or null when none came
     */
    String received() {
        return received;
    }

    /**
     * The exit code for a signal, as shells report a process killed by it.
     *
     * @param name {@code SIGINT} or {@code SIGTERM}
     * @return 130 or 143
     */
    static int code(String name) {
        return name.equals("SIGINT") ? 130 : 143;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
