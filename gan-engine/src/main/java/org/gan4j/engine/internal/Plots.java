package org.gan4j.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Plots metrics.jsonl as PNG line charts: metrics.png with one series per loss-like metric over the steps, and
 * evaluation.png with the Fréchet distances when the run evaluated itself.
 */
public final class Plots {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Plots() {
    }

    /**
     * Plots every numeric metric except timing and bookkeeping.
     *
     * @param jsonl the metrics file
     * @param png the chart file
     * @throws IOException when reading or writing fails
     */
    public static void metrics(Path jsonl, Path png) throws IOException {
        // every series keeps its own steps: evaluation lines (eval_*) come at other steps than the loss means
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (String line : Files.readAllLines(jsonl)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            double step = n.path("step").asDouble();
            n.fields().forEachRemaining(e -> {
                String k = e.getKey();
                if (!k.equals("step") && !k.equals("epoch") && !k.endsWith("_ms") && e.getValue().isNumber()) {
                    series.computeIfAbsent(k, x -> new ArrayList<>()).add(new double[] {step, e.getValue().asDouble()});
                }
            });
        }
        chart(series, false, "metrics", png);
        Path eval = png.resolveSibling(png.getFileName().toString().replace("metrics", "evaluation"));
        if (!eval.equals(png)) {
            chart(series, true, "evaluation", eval);
        }
    }

    private static void chart(Map<String, List<double[]>> series, boolean evaluation, String title, Path png)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(450).title(title).xAxisTitle("step").build();
        int added = 0;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            // only distances on the evaluation chart: shares and counts have another scale
            boolean isEval = e.getKey().startsWith("eval_");
            boolean wanted = evaluation ? isEval && e.getKey().startsWith("eval_fd") : !isEval;
            if (!wanted || e.getValue().size() < 2) {
                continue;
            }
            List<Double> x = e.getValue().stream().map(p -> p[0]).toList();
            List<Double> y = e.getValue().stream().map(p -> p[1]).toList();
            chart.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.NONE);
            added++;
        }
        if (added > 0) {
            Images.write(BitmapEncoder.getBufferedImage(chart), png);
        }
    }
}
