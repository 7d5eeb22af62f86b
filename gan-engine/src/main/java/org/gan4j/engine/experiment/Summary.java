package org.gan4j.engine.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An experiment's figures over its seeds: for every evaluation figure, per sweep point, the mean, the sample standard
 * deviation (n − 1), the minimum, the maximum and each run's value.
 *
 * @param name the experiment's name
 * @param groups one per sweep point (one in all without a sweep), in plan order
 */
public record Summary(String name, List<Group> groups) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The summary of finished runs.
     *
     * @param name the experiment's name
     * @param runs the runs' outcomes, in plan order; unfinished ones are listed but not counted
     * @return the summary
     */
    public static Summary of(String name, List<RunOutcome> runs) {
        Map<String, List<RunOutcome>> byLabel = new LinkedHashMap<>();
        runs.forEach(r -> byLabel.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r));
        List<Group> groups = new ArrayList<>();
        byLabel.forEach((label, rs) -> {
            Set<String> keys = new LinkedHashSet<>();
            rs.stream().filter(RunOutcome::finished).forEach(r -> keys.addAll(r.figures().keySet()));
            Map<String, Stats> figures = new LinkedHashMap<>();
            for (String k : keys) {
                double[] v = rs.stream().filter(RunOutcome::finished).filter(r -> r.figures().containsKey(k))
                        .mapToDouble(r -> r.figures().get(k)).toArray();
                figures.put(k, Stats.of(v));
            }
            groups.add(new Group(label, List.copyOf(rs), figures));
        });
        return new Summary(name, List.copyOf(groups));
    }

    /**
     * One sweep point's runs and figures.
     *
     * @param label the sweep point, empty without a sweep
     * @param runs its runs, in seed order
     * @param figures figure name → its statistics over the finished runs
     */
    public record Group(String label, List<RunOutcome> runs, Map<String, Stats> figures) {
        /**
         * How many of the runs finished.
         *
         * @return the count
         */
        public long finished() {
            return runs.stream().filter(RunOutcome::finished).count();
        }
    }

    /**
     * A figure over the runs.
     *
     * @param n runs counted
     * @param mean the mean
     * @param sd the sample standard deviation (n − 1); 0 for one run
     * @param min the smallest value
     * @param max the largest value
     */
    public record Stats(int n, double mean, double sd, double min, double max) {
        /**
         * The statistics of values.
         *
         * @param v the values, at least one
         * @return them; NaN values make the mean and sd NaN
         */
        public static Stats of(double[] v) {
            int n = v.length;
            if (n == 0) {
                return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double mean = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                mean += x / n;
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            double ss = 0;
            for (double x : v) {
                ss += (x - mean) * (x - mean);
            }
            // equal values have no spread: not the rounding of their mean
            return new Stats(n, min == max ? min : mean, n > 1 && min != max ? Math.sqrt(ss / (n - 1)) : 0, min, max);
        }
    }

    /**
     * The summary as {@code summary.json} holds it.
     *
     * @return {@code {name, groups: [{label, runs: [{id, seed, step, seconds, finished, figures}], figures: {k:
     *     {n, mean, sd, min, max}}}]}}
     */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode().put("name", name);
        ArrayNode gs = o.putArray("groups");
        for (Group g : groups) {
            ObjectNode gj = gs.addObject().put("label", g.label());
            ArrayNode rs = gj.putArray("runs");
            for (RunOutcome r : g.runs()) {
                ObjectNode rj = rs.addObject().put("id", r.id()).put("seed", r.seed()).put("step", r.step())
                        .put("seconds", Math.round(r.seconds() * 10) / 10.0).put("finished", r.finished());
                ObjectNode f = rj.putObject("figures");
                r.figures().forEach(f::put);
            }
            ObjectNode fs = gj.putObject("figures");
            g.figures().forEach((k, s) -> fs.putObject(k).put("n", s.n()).put("mean", s.mean()).put("sd", s.sd())
                    .put("min", s.min()).put("max", s.max()));
        }
        return o;
    }

    /**
     * The summary as a Markdown table per sweep point: figure | mean ± sd | min | max | each seed's value; then the
     * training time.
     *
     * @return the text
     */
    public String table() {
        StringBuilder sb = new StringBuilder();
        for (Group g : groups) {
            sb.append(String.format(Locale.ROOT, "%s%s: %d of %d runs finished%n%n", name,
                    g.label().isEmpty() ? "" : " [" + g.label() + "]", g.finished(), g.runs().size()));
            List<RunOutcome> done = g.runs().stream().filter(RunOutcome::finished).toList();
            sb.append("| figure | mean ± sd | min | max |");
            done.forEach(r -> sb.append(" seed ").append(r.seed()).append(" |"));
            sb.append(System.lineSeparator()).append("|---|---|---|---|");
            done.forEach(r -> sb.append("---|"));
            sb.append(System.lineSeparator());
            g.figures().forEach((k, s) -> {
                sb.append("| ").append(k).append(" | ").append(num(s.mean())).append(" ± ").append(num(s.sd()))
                        .append(" | ").append(num(s.min())).append(" | ").append(num(s.max())).append(" |");
                done.forEach(r -> sb.append(' ').append(num(r.figures().getOrDefault(k, Double.NaN))).append(" |"));
                sb.append(System.lineSeparator());
            });
            if (!done.isEmpty()) {
                Stats t = Stats.of(done.stream().mapToDouble(RunOutcome::seconds).toArray());
                sb.append("| training s | ").append(num(t.mean())).append(" ± ").append(num(t.sd())).append(" | ")
                        .append(num(t.min())).append(" | ").append(num(t.max())).append(" |");
                done.forEach(r -> sb.append(' ').append(num(r.seconds())).append(" |"));
                sb.append(System.lineSeparator());
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** Four significant digits, no exponent below a million. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
