package org.gan4j.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gan4j.engine.RunInfo;
import org.gan4j.engine.RunResult;
import org.gan4j.engine.TrainingListener;

/**
 * Training progress on the console: a progress bar (step, losses, it/s, ETA) on a terminal, a line every few seconds
 * otherwise (CI logs), or nothing.
 */
abstract class Progress implements TrainingListener, AutoCloseable {
    protected final PrintWriter err;

    Progress(PrintWriter err) {
        this.err = err;
    }

    static Progress create(String mode, PrintWriter err) {
        String m = mode.toLowerCase(Locale.ROOT);
        if (m.equals("auto")) {
            m = System.console() != null ? "bar" : "log";
        }
        return switch (m) {
            case "bar" -> new Bar(err);
            case "log" -> new Log(err);
            case "none" -> new Progress(err) {
            };
            default -> throw new org.gan4j.api.ConfigException("--progress: expected auto, bar, log or none, got '" + mode + "'");
        };
    }

    @Override
    public void onStart(RunInfo run) {
        err.println("run dir:    " + run.runDir());
        err.println("backend:    " + run.backend());
        err.println("compute:    " + run.compute() + (run.backend().startsWith("cuda")
                ? " (CUDA is built but unverified: see docs/performance.md)" : ""));
        err.println("data:       " + run.data());
        err.println("parameters: " + run.parameters());
        err.println("workers:    " + workers(run));
        err.println("steps:      " + run.startStep() + " → " + run.totalSteps());
        err.flush();
    }

    @Override
    public void close() {
    }

    @Override
    public void onNotice(String message) {
        err.println("gan: warning: " + message);
        err.flush();
    }

    static String workers(RunInfo run) {
        return run.workers() + (run.workers() == 1 ? " worker" : " workers") + " × " + run.threads()
                + (run.threads() == 1 ? " thread" : " threads");
    }

    static String losses(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((k, v) -> {
            if (!k.endsWith("_ms")) {
                sb.append(k).append(' ').append(String.format(Locale.ROOT, "%.3f", v)).append("  ");
            }
        });
        return sb.toString().trim();
    }

    /**
     * The last lines of a training command and its exit code: 0, or for a run a signal stopped 130/143 with one line
     * on stderr naming the checkpoint it wrote.
     */
    static int finish(picocli.CommandLine cmd, RunResult r, String signal) {
        summary(cmd.getOut(), r);
        if (signal == null) {
            return Main.OK;
        }
        cmd.getErr().println("gan: stopped by " + signal + " at step " + r.steps() + "; checkpoint: "
                + (r.checkpoint() == null ? "none (checkpoints.every is -1)" : r.checkpoint()));
        cmd.getErr().flush();
        return Signals.code(signal);
    }

    static void summary(PrintWriter out, RunResult r) {
        out.printf(Locale.ROOT, "%s at step %d in %.1f s; checkpoint %s%n", r.cancelled() ? "stopped" : "finished",
                r.steps(), r.seconds(), r.checkpoint());
        out.flush();
    }

    /** The terminal progress bar. */
    private static final class Bar extends Progress {
        private ProgressBar bar;

        Bar(PrintWriter err) {
            super(err);
        }

        @Override
        public void onStart(RunInfo run) {
            super.onStart(run);
            // the bar never takes more than the terminal's width (80 columns when unknown); losses that do not fit are
            // cut rather than wrapped, which would scroll a new line per update
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(run.totalSteps())
                    .setStyle(ProgressBarStyle.ASCII).showSpeed().setUnit(" it", 1).setMaxRenderedLength(columns())
                    .setConsumer(new ConsoleProgressBarConsumer(System.err, columns())).build();
            bar.stepTo(run.startStep());
        }

        @Override
        public void onStep(long step, long totalSteps, Map<String, Double> metrics) {
            bar.stepTo(step);
            bar.setExtraMessage(" " + losses(metrics));
        }

        /** The terminal's width from {@code COLUMNS} (shells export it to children only when asked), else 80. */
        static int columns() {
            try {
                int c = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").trim());
                return Math.max(40, Math.min(c, 400));
            } catch (NumberFormatException e) {
                return 80;
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    /** A line every 10 s (and at the end), for logs. */
    private static final class Log extends Progress {
        private long start;
        private long startStep;
        private long last;
        private String parallel = "";

        Log(PrintWriter err) {
            super(err);
        }

        @Override
        public void onStart(RunInfo run) {
            super.onStart(run);
            start = System.nanoTime();
            last = start;
            startStep = run.startStep();
            parallel = run.workers() + "×" + run.threads();
        }

        @Override
        public void onStep(long step, long totalSteps, Map<String, Double> metrics) {
            long now = System.nanoTime();
            if (now - last < 10_000_000_000L && step != totalSteps) {
                return;
            }
            last = now;
            double secs = (now - start) / 1e9;
            double rate = (step - startStep) / Math.max(secs, 1e-9);
            double eta = (totalSteps - step) / Math.max(rate, 1e-9);
            err.printf(Locale.ROOT, "step %d/%d  %s  %.1f it/s  ETA %ds  [workers×threads %s]%n", step, totalSteps,
                    losses(metrics), rate, Math.round(eta), parallel);
            err.flush();
        }

        @Override
        public void onCheckpoint(Path file, long step) {
            err.println("checkpoint " + file);
            err.flush();
        }
    }

    @Override
    public void onEvaluation(org.gan4j.engine.eval.Evaluation evaluation) {
        err.println("evaluation at step " + evaluation.step() + ": " + EvaluateCommand.summary(evaluation));
        err.flush();
    }
}
