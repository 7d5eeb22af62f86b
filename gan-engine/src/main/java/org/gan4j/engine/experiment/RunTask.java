package org.gan4j.engine.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.gan4j.api.GanException;
import org.gan4j.engine.ForwardingListener;
import org.gan4j.engine.Gan4j;
import org.gan4j.engine.RunResult;
import org.gan4j.engine.TrainingHandle;
import org.gan4j.engine.TrainingListener;
import org.gan4j.engine.board.RunBoard;
import org.gan4j.engine.config.ExperimentConfig;
import org.gan4j.engine.eval.Evaluation;
import org.gan4j.engine.eval.EvaluationFile;
import org.gan4j.engine.internal.Checkpoint;
import org.gan4j.engine.internal.ExecutorRegistries;

/**
 * One run of an experiment, wherever it runs: trains it (or continues it from its newest checkpoint), evaluates its
 * final checkpoint into {@code evaluation-step-N.json}, and answers with its outcome. A run that is already trained
 * and evaluated is only read back, so running a task again is harmless.
 *
 * @param experiment the experiment's id (which registry a task in the driver's JVM uses)
 * @param id the run's directory name
 * @param seed its seed
 * @param label its sweep point
 * @param configYaml its effective config: seed, sweep values and parallelism set
 * @param runDir its directory, absolute
 * @param evalSamples samples for the final evaluation
 * @param evalSeed the evaluation's noise seed
 */
record RunTask(String experiment, String id, long seed, String label, String configYaml, String runDir,
               int evalSamples, long evalSeed) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Beside the run's files: its training time over all sessions. */
    static final String TIME_FILE = "repeat.json";

    byte[] encode() {
        ObjectNode o = JSON.createObjectNode().put("experiment", experiment).put("id", id).put("seed", seed)
                .put("label", label).put("config", configYaml).put("run_dir", runDir).put("eval_samples", evalSamples)
                .put("eval_seed", evalSeed);
        return o.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static RunTask decode(byte[] bytes) {
        try {
            JsonNode o = JSON.readTree(bytes);
            return new RunTask(o.path("experiment").asText(), o.path("id").asText(), o.path("seed").asLong(),
                    o.path("label").asText(), o.path("config").asText(), o.path("run_dir").asText(),
                    o.path("eval_samples").asInt(), o.path("eval_seed").asLong());
        } catch (IOException e) {
            throw new GanException("repeat: unreadable run task (" + e.getMessage() + ")", e);
        }
    }

    /** What an executor runs: the task with no listener, answered as JSON. */
    static byte[] execute(byte[] task) {
        RunTask t = decode(task);
        Gan4j gan = Gan4j.create(ExecutorRegistries.forJob(t.experiment()));
        RunOutcome o = t.run(gan, new TrainingListener() { }, new TrainingHandle());
        return encode(o);
    }

    /**
     * Trains (or continues) and evaluates the run.
     *
     * @param gan the engine
     * @param listener progress of the training
     * @param handle cancellation: a cancelled run answers unfinished, its checkpoint written
     * @return the outcome
     */
    RunOutcome run(Gan4j gan, TrainingListener listener, TrainingHandle handle) {
        Path dir = Path.of(runDir);
        ExperimentConfig config = gan.parseConfig(configYaml, java.util.List.of());
        long steps = config.training().steps();
        Path evalFile = dir.resolve(EvaluationFile.name(steps));
        double seconds = seconds(dir);
        Path latest = Checkpoint.latest(dir);
        long at = latest == null ? -1 : step(latest);
        if (at >= steps && Files.isRegularFile(evalFile)) {
            return new RunOutcome(id, seed, label, at, seconds, true, figures(evalFile));
        }
        if (at < steps) {
            RunResult r;
            TrainingListener timed = timing(listener, dir, seconds);
            if (latest == null) {
                clear(dir);
                r = gan.train(config, dir, timed, handle);
            } else {
                r = gan.resume(dir, null, timed, handle);
            }
            seconds += r.seconds();
            writeSeconds(dir, seconds);
            if (r.cancelled() || r.steps() < steps) {
                return new RunOutcome(id, seed, label, r.steps(), seconds, false, Map.of());
            }
        }
        Evaluation e = gan.load(dir).evaluate(evalSamples, evalSeed, listener::onNotice);
        Path ckpt = Checkpoint.latest(dir);
        EvaluationFile.write(EvaluationFile.json(e, String.valueOf(ckpt), evalSeed), evalFile);
        RunBoard.write(dir, null);
        listener.onEvaluation(e);
        return new RunOutcome(id, seed, label, e.step(), seconds, true, e.metrics());
    }

    private static long step(Path ckpt) {
        String n = ckpt.getFileName().toString();
        return Long.parseLong(n.substring("step-".length(), n.length() - ".ckpt".length()));
    }

    /** A run directory without a checkpoint holds nothing worth keeping (a run stopped before its first one). */
    private static void clear(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new GanException(dir + ": cannot clear a run stopped before its first checkpoint: " + e.getMessage(), e);
        }
    }

    /**
     * Forwards to the experiment's listener and records, at every checkpoint, the time the run has spent so far (the
     * sessions before plus this one's wall time): a process that dies keeps the time of the work its checkpoint kept,
     * and the session that resumes adds its own. A session that returns writes its exact training time instead.
     */
    private static TrainingListener timing(TrainingListener to, Path dir, double before) {
        long start = System.nanoTime();
        return new ForwardingListener(to) {
            @Override
            public void onCheckpoint(Path file, long step) {
                writeSeconds(dir, before + (System.nanoTime() - start) / 1e9);
                super.onCheckpoint(file, step);
            }
        };
    }

    private static double seconds(Path dir) {
        try {
            Path f = dir.resolve(TIME_FILE);
            return Files.isRegularFile(f) ? JSON.readTree(f.toFile()).path("seconds").asDouble() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void writeSeconds(Path dir, double seconds) {
        try {
            Files.writeString(dir.resolve(TIME_FILE), JSON.createObjectNode().put("seconds", seconds) + "\n");
        } catch (IOException e) {
            // the time is a report, not state: losing it loses nothing of the run
        }
    }

    static Map<String, Double> figures(Path evalFile) {
        try {
            JsonNode o = JSON.readTree(evalFile.toFile());
            Map<String, Double> out = new LinkedHashMap<>();
            o.fields().forEachRemaining(f -> {
                if (f.getValue().isNumber() && !java.util.List.of("step", "samples", "seed").contains(f.getKey())) {
                    out.put(f.getKey(), f.getValue().asDouble());
                }
            });
            return out;
        } catch (IOException e) {
            throw new GanException(evalFile + ": unreadable evaluation (" + e.getMessage() + ")", e);
        }
    }

    static byte[] encode(RunOutcome o) {
        ObjectNode j = JSON.createObjectNode().put("id", o.id()).put("seed", o.seed()).put("label", o.label())
                .put("step", o.step()).put("seconds", o.seconds()).put("finished", o.finished());
        ObjectNode f = j.putObject("figures");
        o.figures().forEach(f::put);
        return j.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static RunOutcome decodeOutcome(byte[] bytes) {
        try {
            JsonNode j = JSON.readTree(bytes);
            Map<String, Double> f = new LinkedHashMap<>();
            j.path("figures").fields().forEachRemaining(e -> f.put(e.getKey(), e.getValue().asDouble()));
            return new RunOutcome(j.path("id").asText(), j.path("seed").asLong(), j.path("label").asText(),
                    j.path("step").asLong(), j.path("seconds").asDouble(), j.path("finished").asBoolean(), f);
        } catch (IOException e) {
            throw new GanException("repeat: unreadable run outcome (" + e.getMessage() + ")", e);
        }
    }
}
