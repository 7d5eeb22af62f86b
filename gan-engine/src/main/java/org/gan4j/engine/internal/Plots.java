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

/** Plots metrics.jsonl as a PNG line chart: one series per loss-like metric over the steps. */
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
        List<Double> steps = new ArrayList<>();
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (String line : Files.readAllLines(jsonl)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            steps.add(n.path("step").asDouble());
            n.fields().forEachRemaining(e -> {
                String k = e.getKey();
                if (!k.equals("step") && !k.equals("epoch") && !k.endsWith("_ms") && e.getValue().isNumber()) {
                    series.computeIfAbsent(k, x -> new ArrayList<>()).add(e.getValue().asDouble());
                }
            });
        }
        if (steps.size() < 2) {
            return;
        }
        XYChart chart = new XYChartBuilder().width(800).height(450).title("metrics").xAxisTitle("step").build();
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            if (e.getValue().size() == steps.size()) {
                chart.addSeries(e.getKey(), steps, e.getValue()).setMarker(SeriesMarkers.NONE);
            }
        }
        Images.write(BitmapEncoder.getBufferedImage(chart), png);
    }
}
