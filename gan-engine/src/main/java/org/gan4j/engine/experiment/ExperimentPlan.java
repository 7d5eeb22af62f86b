package org.gan4j.engine.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.CheckpointException;
import org.gan4j.api.ConfigException;

/**
 * What an experiment trains: a base config with overrides, the seeds, and optionally a sweep — every combination of
 * the sweep's values is trained once per seed. Saved as {@code experiment.json} so an interrupted experiment can be
 * continued exactly.
 *
 * @param name the experiment's name (the base config's)
 * @param configYaml the base config, as written by its author
 * @param overrides {@code key.path=value} settings applied to every run
 * @param seeds the seeds, each run's {@code seed}
 * @param sweep {@code key.path} → the values it takes, in order; empty for plain repetition
 * @param evalSamples samples generated for each run's final evaluation
 * @param evalSeed the noise seed of that evaluation
 * @param workers every run's {@code training.workers}, fixed when the experiment is planned so that a run trains the
 *     same wherever it runs; 0 leaves the config's
 * @param threads every run's {@code training.threads}, likewise; 0 leaves the config's
 */
public record ExperimentPlan(String name, String configYaml, List<String> overrides, List<Long> seeds,
                             Map<String, List<String>> sweep, int evalSamples, long evalSeed, int workers, int threads) {
    /** The version of {@code experiment.json}. */
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks the plan and copies its collections. */
    public ExperimentPlan {
        if (seeds == null || seeds.isEmpty()) {
            throw new ConfigException("--seeds: at least one seed is needed");
        }
        if (seeds.stream().distinct().count() != seeds.size()) {
            throw new ConfigException("--seeds: " + seeds + " repeats a seed");
        }
        if (evalSamples < 2) {
            throw new ConfigException("--eval-samples: must be >= 2, got " + evalSamples);
        }
        overrides = List.copyOf(overrides);
        seeds = List.copyOf(seeds);
        Map<String, List<String>> s = new LinkedHashMap<>();
        sweep.forEach((k, v) -> {
            if (v.isEmpty()) {
                throw new ConfigException("--sweep " + k + ": no values");
            }
            if (k.equals("seed")) {
                throw new ConfigException("--sweep seed: give seeds with --seeds");
            }
            s.put(k, List.copyOf(v));
        });
        sweep = java.util.Collections.unmodifiableMap(s);
    }

    /**
     * Parses {@code --seeds}: {@code 1,2,3}, a range {@code 1-5}, or both ({@code 1-3,7}).
     *
     * @param text the option's value
     * @return the seeds in order
     * @throws ConfigException when it is not such a list
     */
    public static List<Long> parseSeeds(String text) {
        List<Long> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            try {
                int dash = p.indexOf('-', 1);
                if (dash > 0) {
                    long a = Long.parseLong(p.substring(0, dash).strip());
                    long b = Long.parseLong(p.substring(dash + 1).strip());
                    if (b < a || b - a >= 1000) {
                        throw new ConfigException("--seeds " + text + ": range " + p + " must go up and hold at most 1000 seeds");
                    }
                    for (long s = a; s <= b; s++) {
                        out.add(s);
                    }
                } else {
                    out.add(Long.parseLong(p));
                }
            } catch (NumberFormatException e) {
                throw new ConfigException("--seeds " + text + ": expected seeds such as 1,2,3 or 1-5, got '" + p + "'");
            }
        }
        return out;
    }

    /**
     * Parses a {@code --sweep key.path=v1,v2,…} option into the sweep map.
     *
     * @param options the options, one key each
     * @return key → values, in the options' order
     * @throws ConfigException for a malformed option or a key given twice
     */
    public static Map<String, List<String>> parseSweep(List<String> options) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String o : options) {
            int eq = o.indexOf('=');
            if (eq <= 0 || eq == o.length() - 1) {
                throw new ConfigException("--sweep " + o + ": expected KEY=V1,V2,… such as optimizers.G.lr=1e-3,2e-4");
            }
            String key = o.substring(0, eq).strip();
            List<String> values = List.of(o.substring(eq + 1).split(",")).stream().map(String::strip).toList();
            if (out.put(key, values) != null) {
                throw new ConfigException("--sweep " + key + ": given twice");
            }
        }
        return out;
    }

    /**
     * The runs, sweep points in order, each point's seeds in order.
     *
     * @return the runs
     */
    public List<PlannedRun> runs() {
        List<Map<String, String>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> e : sweep.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : points) {
                for (String v : e.getValue()) {
                    Map<String, String> q = new LinkedHashMap<>(p);
                    q.put(e.getKey(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        List<PlannedRun> out = new ArrayList<>();
        for (Map<String, String> p : points) {
            for (long seed : seeds) {
                out.add(new PlannedRun(seed, p));
            }
        }
        return out;
    }

    /**
     * The plan as {@code experiment.json} holds it.
     *
     * @return the JSON
     */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", "gan4j-experiment").put("format_version", FORMAT_VERSION).put("name", name)
                .put("config", configYaml);
        overrides.forEach(o.putArray("overrides")::add);
        seeds.forEach(o.putArray("seeds")::add);
        ObjectNode s = o.putObject("sweep");
        sweep.forEach((k, v) -> v.forEach(s.withArray(k)::add));
        o.put("eval_samples", evalSamples).put("eval_seed", evalSeed).put("workers", workers).put("threads", threads);
        return o;
    }

    /**
     * Reads {@code experiment.json}.
     *
     * @param bytes the file
     * @param source its name, for errors
     * @return the plan
     * @throws CheckpointException when it is not an experiment of a version this gan4j reads
     */
    public static ExperimentPlan fromJson(byte[] bytes, String source) {
        try {
            JsonNode o = JSON.readTree(bytes);
            if (o == null || !"gan4j-experiment".equals(o.path("format").asText())) {
                throw new CheckpointException(source + ": not a gan4j experiment");
            }
            if (o.path("format_version").asInt() != FORMAT_VERSION) {
                throw new CheckpointException(source + ": experiment format " + o.path("format_version").asInt()
                        + "; this gan4j reads " + FORMAT_VERSION);
            }
            List<String> overrides = new ArrayList<>();
            o.path("overrides").forEach(n -> overrides.add(n.asText()));
            List<Long> seeds = new ArrayList<>();
            o.path("seeds").forEach(n -> seeds.add(n.asLong()));
            Map<String, List<String>> sweep = new LinkedHashMap<>();
            o.path("sweep").fields().forEachRemaining(f -> {
                List<String> v = new ArrayList<>();
                f.getValue().forEach(n -> v.add(n.asText()));
                sweep.put(f.getKey(), v);
            });
            return new ExperimentPlan(o.path("name").asText(), o.path("config").asText(), overrides, seeds, sweep,
                    o.path("eval_samples").asInt(), o.path("eval_seed").asLong(), o.path("workers").asInt(),
                    o.path("threads").asInt());
        } catch (IOException e) {
            throw new CheckpointException(source + ": unreadable experiment (" + e.getMessage() + ")", e);
        } catch (ConfigException e) {
            throw new CheckpointException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * One run of the plan.
     *
     * @param seed its seed
     * @param point its sweep values, key → value (empty without a sweep)
     */
    public record PlannedRun(long seed, Map<String, String> point) {
        /**
         * The sweep point as text.
         *
         * @return {@code key=value key2=value2}, or empty
         */
        public String label() {
            StringBuilder sb = new StringBuilder();
            point.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
            return sb.toString();
        }

        /**
         * The run's directory name inside the experiment.
         *
         * @return {@code seed-3}, or {@code optimizers.G.lr=1e-3_seed-3} with a sweep
         */
        public String id() {
            String l = label().replace(' ', '_').replaceAll("[^A-Za-z0-9._=+-]", "_");
            return (l.isEmpty() ? "" : l + "_") + "seed-" + seed;
        }

        /**
         * The settings that make this run out of the base config.
         *
         * @return {@code key=value} for each sweep value, then {@code seed=…}
         */
        public List<String> settings() {
            List<String> out = new ArrayList<>();
            point.forEach((k, v) -> out.add(k + "=" + v));
            out.add("seed=" + seed);
            return out;
        }
    }
}
