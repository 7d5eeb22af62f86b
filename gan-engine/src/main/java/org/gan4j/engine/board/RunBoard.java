package org.gan4j.engine.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gan4j.engine.ForwardingListener;
import org.gan4j.engine.RunInfo;
import org.gan4j.engine.TrainingListener;
import org.gan4j.engine.internal.AtomicFiles;
import org.gan4j.engine.eval.Evaluation;

/**
 * A run directory's {@code index.html}: config and environment, loss and evaluation curves (plotly.js, zoom and
 * hover), the sample pictures over time on a slider, the evaluation table and the checkpoints. Everything the page
 * shows is embedded in it or lies beside it in the run directory (plotly.js is copied to {@code board/}), so it
 * works from {@code file://} with no network; served by {@code gan board}, the same page re-reads {@code data.json}
 * and follows a run while it trains. The engine rewrites it while training ({@link #refreshing}) and when the run
 * ends.
 */
public final class RunBoard {
    /** The page, in the run directory. */
    public static final String PAGE = "index.html";
    /** plotly.js beside the page (MIT licence; the npm package plotly.js-basic-dist-min 4.1.1, vendored). */
    public static final String PLOTLY = "board/plotly-basic.min.js";
    private static final String RESOURCES = "/org/gan4j/engine/board/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STEP = Pattern.compile("(\\d{8})");
    /** While training, the page is rewritten at most this often on steps alone. */
    private static final long REFRESH_NANOS = 15_000_000_000L;

    private RunBoard() {
    }

    /**
     * Writes (or rewrites) a run's page; never fails the run: a problem is returned as a message.
     *
     * @param runDir the run directory
     * @param status what the page says the run is doing, such as {@code training} or {@code finished}; null keeps
     *     the status last written
     * @return null when written, else why not
     */
    public static String write(Path runDir, String status) {
        try {
            installPlotly(runDir);
            if (status != null) {
                ObjectNode s = JSON.createObjectNode().put("status", status).put("updated", now());
                AtomicFiles.write(runDir.resolve("board/status.json"), JSON.writeValueAsBytes(s));
            }
            AtomicFiles.write(runDir.resolve(PAGE), html(data(runDir), PLOTLY).getBytes(StandardCharsets.UTF_8));
            return null;
        } catch (IOException | RuntimeException e) {
            return "run board: could not write " + runDir.resolve(PAGE) + ": " + e.getMessage();
        }
    }

    /**
     * What the page shows, as the JSON it embeds and {@code gan board} serves as {@code data.json}.
     *
     * @param runDir the run directory
     * @return name, status, step, updated, config, environment, metrics (the rows of metrics.jsonl), samples,
     *     pictures, evaluations (gan evaluate's JSON files), checkpoints; file names relative to the run directory
     * @throws IOException when a file cannot be read
     */
    public static ObjectNode data(Path runDir) throws IOException {
        ObjectNode d = JSON.createObjectNode();
        d.put("name", runDir.toAbsolutePath().normalize().getFileName().toString());
        JsonNode status = readJson(runDir.resolve("board/status.json"));
        d.put("status", status.path("status").asText("unknown"));
        d.put("updated", status.path("updated").asText(now()));
        ArrayNode metrics = d.putArray("metrics");
        long step = 0;
        Path m = runDir.resolve("metrics.jsonl");
        if (Files.isRegularFile(m)) {
            for (String line : Files.readAllLines(m)) {
                if (!line.isBlank()) {
                    try {
                        JsonNode row = JSON.readTree(line);
                        metrics.add(row);
                        step = Math.max(step, row.path("step").asLong());
                    } catch (IOException e) {
                        // a line being written while we read: the next refresh has it whole
                    }
                }
            }
        }
        d.put("step", step);
        Path config = runDir.resolve("config.yaml");
        d.put("config", Files.isRegularFile(config) ? Files.readString(config) : "");
        d.set("environment", readJson(runDir.resolve("environment.json")));
        ArrayNode samples = d.putArray("samples");
        for (Path p : list(runDir.resolve("samples"), ".png")) {
            samples.addObject().put("step", step(p)).put("file", "samples/" + p.getFileName());
        }
        ArrayNode pictures = d.putArray("pictures");
        for (String name : List.of("metrics.png", "evaluation.png")) {
            if (Files.isRegularFile(runDir.resolve(name))) {
                pictures.add(name);
            }
        }
        ArrayNode evaluations = d.putArray("evaluations");
        for (Path p : list(runDir, ".json")) {
            String name = p.getFileName().toString();
            if (name.startsWith("evaluation-step-")) {
                JsonNode e = readJson(p);
                ObjectNode row = evaluations.addObject().put("file", name).put("step", e.path("step").asLong(step(p)));
                ObjectNode values = row.putObject("metrics");
                e.fields().forEachRemaining(f -> {
                    if (f.getValue().isNumber() && !List.of("step", "seed", "samples").contains(f.getKey())) {
                        values.set(f.getKey(), f.getValue());
                    }
                });
            }
        }
        ArrayNode checkpoints = d.putArray("checkpoints");
        for (Path p : list(runDir.resolve("checkpoints"), ".ckpt")) {
            try {
                long bytes = Files.size(p);
                checkpoints.addObject().put("file", "checkpoints/" + p.getFileName()).put("step", step(p)).put("bytes", bytes);
            } catch (java.nio.file.NoSuchFileException e) {
                // pruned (checkpoints.keep) between the listing and now
            }
        }
        return d;
    }

    /**
     * Puts plotly.js (and its licence) at {@link #PLOTLY} under a directory, unless the same file is there already.
     *
     * @param dir the directory a page lies in
     * @throws IOException when it cannot be written
     */
    public static void installPlotly(Path dir) throws IOException {
        Path plotly = dir.resolve(PLOTLY);
        byte[] lib = resource("plotly-basic.min.js");
        if (!Files.isRegularFile(plotly) || Files.size(plotly) != lib.length) {
            Files.createDirectories(plotly.getParent());
            AtomicFiles.write(plotly, lib);
            AtomicFiles.write(dir.resolve("board/plotly-LICENSE.txt"), resource("plotly-LICENSE.txt"));
        }
    }

    /**
     * The page for given data.
     *
     * @param data from {@link #data}
     * @param plotlyUrl where the page loads plotly.js from, relative to it
     * @return the HTML
     */
    public static String html(ObjectNode data, String plotlyUrl) {
        return page("run.html", data, plotlyUrl);
    }

    /**
     * A board page: one of the board's templates with its data embedded.
     *
     * @param template the template's resource name, such as {@code run.html}
     * @param data the data the page renders; its {@code name} is the title
     * @param plotlyUrl where the page loads plotly.js from, relative to it
     * @return the HTML
     */
    public static String page(String template, ObjectNode data, String plotlyUrl) {
        String text = new String(resource(template), StandardCharsets.UTF_8);
        String json;
        try {
            json = JSON.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // inside <script>, "</" would end the element early and "<!--" change how it is parsed: no "<" at all
        String safe = json.replace("<", "\\u003c");
        String title = data.path("name").asText().replace("&", "&amp;").replace("<", "&lt;");
        Map<String, String> values = Map.of("TITLE", title, "PLOTLY", plotlyUrl, "DATA", safe);
        // one pass, so a run name or config holding "@DATA@" is not substituted again
        Matcher m = Pattern.compile("@(TITLE|PLOTLY|DATA)@").matcher(text);
        StringBuilder out = new StringBuilder(text.length() + safe.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * A file of the board's resources, such as {@code plotly-basic.min.js}.
     *
     * @param name the file name
     * @return its bytes
     */
    public static byte[] resource(String name) {
        try (InputStream in = RunBoard.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("gan4j is missing its resource " + RESOURCES + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Wraps a listener so that the run's page follows the run: written at the start, after samples, evaluations and
     * checkpoints, and at most every 15 s on steps alone. Problems are reported once through {@code onNotice}.
     *
     * @param runDir the run directory
     * @param inner the listener to pass every event on to
     * @return the wrapping listener
     */
    public static TrainingListener refreshing(Path runDir, TrainingListener inner) {
        return new ForwardingListener(inner) {
            private long last = System.nanoTime();
            private boolean warned;

            private void refresh() {
                last = System.nanoTime();
                String problem = write(runDir, "training");
                if (problem != null && !warned) {
                    warned = true;
                    inner.onNotice(problem);
                }
            }

            @Override
            public void onStart(RunInfo run) {
                super.onStart(run);
                refresh();
            }

            @Override
            public void onStep(long step, long totalSteps, Map<String, Double> metrics) {
                super.onStep(step, totalSteps, metrics);
                if (System.nanoTime() - last > REFRESH_NANOS) {
                    refresh();
                }
            }

            @Override
            public void onCheckpoint(Path file, long step) {
                super.onCheckpoint(file, step);
                refresh();
            }

            @Override
            public void onSamples(Path file, long step) {
                super.onSamples(file, step);
                refresh();
            }

            @Override
            public void onEvaluation(Evaluation evaluation) {
                super.onEvaluation(evaluation);
                refresh();
            }
        };
    }

    /**
     * Runs a training with the run's page following it ({@link #refreshing}) and written once more however the
     * training ends: finished, cancelled, or stopped by an error (which is rethrown).
     *
     * @param runDir the run directory
     * @param listener the caller's listener
     * @param training the training, given the listener to use
     * @return what the training returned
     */
    public static org.gan4j.engine.RunResult around(Path runDir, TrainingListener listener,
            java.util.function.Function<TrainingListener, org.gan4j.engine.RunResult> training) {
        String status = "stopped by an error";
        try {
            org.gan4j.engine.RunResult r = training.apply(refreshing(runDir, listener));
            status = r.cancelled() ? "cancelled" : "finished";
            return r;
        } finally {
            if (Files.isDirectory(runDir)) {
                String problem = write(runDir, status);
                if (problem != null) {
                    listener.onNotice(problem);
                }
            }
        }
    }

    private static JsonNode readJson(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static long step(Path p) {
        Matcher m = STEP.matcher(p.getFileName().toString());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String now() {
        return ZonedDateTime.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
