package org.gan4j.engine.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's {@code metrics.jsonl}: a line of interval means every {@code metrics.every} steps, evaluation lines, and
 * the interval in progress. A run that ends between boundaries (its last step, a cancel, a signal) writes its partial
 * interval and an off-boundary evaluation to the file for the reader, but keeps them out of the history a checkpoint
 * saves, and saves the partial sums instead: a resumed run cuts the file back to the history and continues the
 * interval, so its file equals an uninterrupted run's, line for line (timings aside).
 */
final class MetricsLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> history = new ArrayList<>();
    private final Map<String, Double> sums = new LinkedHashMap<>();
    private int count;
    private Path file;

    /** Starts writing {@code metrics.jsonl} in a run directory, cut back to the history. */
    void open(Path runDir) throws IOException {
        file = runDir.resolve("metrics.jsonl");
        StringBuilder sb = new StringBuilder();
        history.forEach(l -> sb.append(l).append('\n'));
        Files.writeString(file, sb.toString());
    }

    /** Restores what a checkpoint saved. */
    void restore(List<String> lines, Map<String, Double> pendingSums, int pendingCount) {
        history.clear();
        history.addAll(lines);
        sums.clear();
        sums.putAll(pendingSums);
        count = pendingCount;
    }

    /** Adds one step's metrics to the interval in progress. */
    void add(Map<String, Double> step) {
        step.forEach((k, v) -> sums.merge(k, v, Double::sum));
        count++;
    }

    /** Writes the interval's means at a boundary and starts the next interval. */
    void flush(long step, double epoch) {
        if (count > 0) {
            write(means(step, epoch), true);
            sums.clear();
            count = 0;
        }
    }

    /** Writes the partial interval at a run's end, keeping it pending for a resumed run. */
    void flushPartial(long step, double epoch) {
        if (count > 0) {
            write(means(step, epoch), false);
        }
    }

    /**
     * Writes a line of other metrics (an evaluation).
     *
     * @param kept true to keep it in the history; false for a line only a run's end writes
     */
    void append(ObjectNode line, boolean kept) {
        write(line, kept);
    }

    private ObjectNode means(long step, double epoch) {
        ObjectNode line = JSON.createObjectNode();
        line.put("step", step);
        line.put("epoch", Math.round(epoch * 1000) / 1000.0);
        sums.forEach((k, v) -> line.put(k, v / count));
        return line;
    }

    private void write(ObjectNode line, boolean kept) {
        String text = line.toString();
        if (kept) {
            history.add(text);
        }
        try {
            Files.writeString(file, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> history() {
        return history;
    }

    Map<String, Double> pendingSums() {
        return sums;
    }

    int pendingCount() {
        return count;
    }
}
