package org.gan4j.engine.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.engine.board.RunBoard;
import org.gan4j.engine.internal.AtomicFiles;

/**
 * An experiment's {@code index.html}: every training metric with one curve per run on one chart, the summary table
 * (mean ± sd, min, max, each seed), and links to the runs' own boards. Works from {@code file://}: plotly.js lies
 * beside it in {@code board/}.
 */
final class ExperimentBoard {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rows of a run's metrics.jsonl drawn at most: a long run's curves are thinned evenly. */
    private static final int MAX_ROWS = 600;

    private ExperimentBoard() {
    }

    /** Writes the page; a problem is returned, never thrown: the summary files are what counts. */
    static String write(Path dir, Summary summary) {
        try {
            RunBoard.installPlotly(dir);
            ObjectNode data = JSON.createObjectNode();
            data.put("name", summary.name());
            data.set("summary", summary.toJson());
            ArrayNode runs = data.putArray("runs");
            for (Summary.Group g : summary.groups()) {
                for (RunOutcome r : g.runs()) {
                    ObjectNode run = runs.addObject().put("id", r.id()).put("seed", r.seed()).put("label", r.label());
                    run.set("metrics", metrics(dir.resolve(r.id()).resolve("metrics.jsonl")));
                }
            }
            String page = RunBoard.page("experiment.html", data, RunBoard.PLOTLY);
            AtomicFiles.write(dir.resolve(RunBoard.PAGE), page.getBytes(StandardCharsets.UTF_8));
            return null;
        } catch (IOException | RuntimeException e) {
            return "experiment board: could not write " + dir.resolve(RunBoard.PAGE) + ": " + e.getMessage();
        }
    }

    private static ArrayNode metrics(Path file) throws IOException {
        ArrayNode out = JSON.createArrayNode();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        int every = Math.max(1, (lines.size() + MAX_ROWS - 1) / MAX_ROWS);
        for (int i = 0; i < lines.size(); i++) {
            if (i % every == 0 || i == lines.size() - 1) {
                try {
                    JsonNode row = JSON.readTree(lines.get(i));
                    out.add(row);
                } catch (IOException e) {
                    // a line cut short by a stopped run: the rest of the curve is still worth drawing
                }
            }
        }
        return out;
    }
}
