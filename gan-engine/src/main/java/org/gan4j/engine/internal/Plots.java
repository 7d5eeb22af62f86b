package org.gan4j.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
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
 * Plots metrics.jsonl as PNG line charts: metrics.png with one panel per training metric over the steps, and
 * evaluation.png with one panel per evaluation metric when the run evaluated itself. Each metric gets its own panel
 * because their scales differ by orders of magnitude (a WGAN generator loss next to its Earth-Mover estimate would
 * flatten the estimate into a line); a reference series ({@code eval_fd_floor}, {@code eval_hq_share_real}) shares
 * the panel of the metric it bounds.
 */
public final class Plots {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PANEL_WIDTH = 520;
    private static final int PANEL_HEIGHT = 280;
    private static final int COLUMNS = 2;
    private static final List<String> REFERENCE_SUFFIXES = List.of("_floor", "_real");

    private Plots() {
    }

    /**
     * Plots every numeric metric except timing and bookkeeping.
     *
     * @param jsonl the metrics file
     * @param png the chart file; evaluation.png goes beside it
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
        write(panels(series, false), png);
        Path eval = png.resolveSibling(png.getFileName().toString().replace("metrics", "evaluation"));
        if (!eval.equals(png)) {
            write(panels(series, true), eval);
        }
    }

    /** Groups the wanted series into panels: a metric, plus its reference series when there is one. */
    private static Map<String, Map<String, List<double[]>>> panels(Map<String, List<double[]>> series,
            boolean evaluation) {
        Map<String, Map<String, List<double[]>>> panels = new LinkedHashMap<>();
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("eval_") != evaluation || e.getValue().size() < 2 || referenceBase(key, series) != null) {
                continue;
            }
            // a constant evaluation figure (the number of modes a data set has) is a fact, not a curve
            if (evaluation && e.getValue().stream().allMatch(p -> p[1] == e.getValue().get(0)[1])) {
                continue;
            }
            Map<String, List<double[]>> panel = new LinkedHashMap<>();
            panel.put(key, e.getValue());
            for (String suffix : REFERENCE_SUFFIXES) {
                List<double[]> ref = series.get(key + suffix);
                if (ref != null && ref.size() >= 2) {
                    panel.put(key + suffix, ref);
                }
            }
            panels.put(key, panel);
        }
        return panels;
    }

    private static String referenceBase(String key, Map<String, List<double[]>> series) {
        for (String suffix : REFERENCE_SUFFIXES) {
            if (key.endsWith(suffix)) {
                String base = key.substring(0, key.length() - suffix.length());
                if (series.containsKey(base)) {
                    return base;
                }
            }
        }
        return null;
    }

    private static void write(Map<String, Map<String, List<double[]>>> panels, Path png) throws IOException {
        if (panels.isEmpty()) {
            return;
        }
        int columns = Math.min(COLUMNS, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        BufferedImage sheet = new BufferedImage(columns * PANEL_WIDTH, rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        int i = 0;
        for (Map.Entry<String, Map<String, List<double[]>>> panel : panels.entrySet()) {
            XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(panel.getKey())
                    .xAxisTitle("step").build();
            chart.getStyler().setLegendVisible(panel.getValue().size() > 1);
            // plain step numbers, spaced so that five-digit steps do not run into each other
            chart.getStyler().setXAxisDecimalPattern("#");
            chart.getStyler().setXAxisTickMarkSpacingHint(90);
            for (Map.Entry<String, List<double[]>> s : panel.getValue().entrySet()) {
                List<Double> x = s.getValue().stream().map(p -> p[0]).toList();
                List<Double> y = s.getValue().stream().map(p -> p[1]).toList();
                chart.addSeries(s.getKey(), x, y).setMarker(SeriesMarkers.NONE);
            }
            g.drawImage(BitmapEncoder.getBufferedImage(chart), (i % columns) * PANEL_WIDTH, (i / columns) * PANEL_HEIGHT,
                    null);
            i++;
        }
        g.dispose();
        Images.write(sheet, png);
    }
}
