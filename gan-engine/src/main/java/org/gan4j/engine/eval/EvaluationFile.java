package org.gan4j.engine.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.api.GanException;
import org.gan4j.engine.internal.AtomicFiles;

/**
 * The JSON report that {@code gan evaluate} and {@code gan repeat} write ({@code evaluation-step-N.json}): the
 * source, step, sample count and seed, every figure, and the histogram. The run board and experiment summaries read
 * it back.
 */
public final class EvaluationFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvaluationFile() {
    }

    /**
     * The report's name in a run directory.
     *
     * @param step the evaluated step
     * @return {@code evaluation-step-%08d.json}
     */
    public static String name(long step) {
        return String.format("evaluation-step-%08d.json", step);
    }

    /**
     * The report as JSON.
     *
     * @param e the evaluation
     * @param source what was evaluated: a checkpoint or a samples file
     * @param seed the noise seed (0 for external samples)
     * @return the object written by {@link #write}
     */
    public static ObjectNode json(Evaluation e, String source, long seed) {
        ObjectNode json = JSON.createObjectNode();
        json.put("checkpoint", source);
        json.put("step", e.step());
        json.put("samples", e.samples());
        json.put("seed", seed);
        e.metrics().forEach(json::put);
        if (e.histogram().length > 0) {
            ArrayNode hist = json.putArray(e.report().histogramName());
            for (double v : e.histogram()) {
                hist.add(v);
            }
        }
        return json;
    }

    /**
     * Writes a report whole or not at all (a temporary file renamed).
     *
     * @param json from {@link #json}
     * @param file where
     * @throws GanException when it cannot be written
     */
    public static void write(ObjectNode json, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFiles.write(file, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GanException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
