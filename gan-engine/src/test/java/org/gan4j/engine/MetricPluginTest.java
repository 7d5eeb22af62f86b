package org.gan4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanException;
import org.gan4j.engine.config.ConfigLoader;
import org.gan4j.engine.config.ExperimentConfig;
import org.gan4j.engine.eval.Evaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A metric from a plugin jar: not used until a config lists it (installing a jar changes no run's figures), then in
 * training and in {@code gan evaluate} beside the built-in one, with the data it asked for; a metric that does not
 * apply, an unknown name and a figure reported twice are refused by name.
 */
class MetricPluginTest {
    @TempDir
    Path tmp;

    /** Reports what it was given: the training split's rows, the samples' count, and 'modes' when asked to clash. */
    private static final String METRIC = """
            package counting;
            import java.util.Map;
            import org.gan4j.api.*;
            public final class CountingMetric extends Provider<CountingMetric.Config> implements Metric<CountingMetric.Config> {
                public record Config(@Param(value = "false", doc = "clash") boolean clash) { }
                public CountingMetric() { super("counting", Config.class, GanApi.VERSION, "test"); }
                public boolean appliesTo(MetricData d) { return d.sampleShape().length == 1; }
                public Scorer create(Config c, MetricData d) {
                    double rows = d.open("train").size();
                    return (x, labels) -> c.clash() ? Map.of("modes", 1.0)
                            : Map.of("train_rows", rows, "scored", (double) x.size(0));
                }
            }
            """;

    private static final String CONFIG = """
            name: counting
            seed: 5
            data: {type: ring, size: 2000}
            networks:
              G: {type: tiny-generator, width: 8}
              D: {type: tiny-discriminator}
            loss: {type: test-hinge}
            schedule: {type: alternating}
            training: {steps: 10, batch_size: 32}
            checkpoints: {every: 10}
            samples: {every: 0, count: 50}
            metrics: {every: 5}
            evaluation: {every: 10, samples: 200METRICS}
            """;

    private Gan4j engine() throws Exception {
        Path plugins = TestPlugin.standardPlugins(tmp);
        PluginJars.build(tmp, plugins.resolve("counting.jar"), Map.of("counting/CountingMetric.java", METRIC),
                Map.of("META-INF/services/org.gan4j.api.Metric", "counting.CountingMetric\n"));
        return Gan4j.create(PluginLoader.load(plugins));
    }

    private static ExperimentConfig config(Gan4j gan, String metrics) {
        return gan.parseConfig(CONFIG.replace("METRICS", metrics), List.of());
    }

    private JsonNode lastEvaluation(Path run) throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        JsonNode last = null;
        for (String line : lines) {
            JsonNode n = new ObjectMapper().readTree(line);
            last = n.has("eval_modes_covered") || n.has("eval_scored") ? n : last;
        }
        return last;
    }

    @Test
    void aPluginMetricRunsOnlyWhenListedAndThenBesideTheBuiltIns() throws Exception {
        Gan4j gan = engine();
        gan.train(config(gan, ""), tmp.resolve("plain"), new TrainingListener() { }, new TrainingHandle());
        JsonNode plain = lastEvaluation(tmp.resolve("plain"));
        assertThat(plain.has("eval_modes_covered")).isTrue();
        assertThat(plain.has("eval_scored")).isFalse();

        ExperimentConfig listed = config(gan, ", metrics: [mode-coverage, counting]");
        assertThat(listed.evaluation().metrics()).extracting(c -> c.type()).containsExactly("mode-coverage", "counting");
        // the saved config states the list, and reads back the same
        assertThat(gan.parseConfig(ConfigLoader.toYaml(listed), List.of()).evaluation()).isEqualTo(listed.evaluation());
        gan.train(listed, tmp.resolve("listed"), new TrainingListener() { }, new TrainingHandle());
        JsonNode both = lastEvaluation(tmp.resolve("listed"));
        assertThat(both.get("eval_train_rows").asDouble()).isEqualTo(2000);
        assertThat(both.get("eval_scored").asDouble()).isEqualTo(200);
        // the same training, so the built-in figure is the plain run's
        assertThat(both.get("eval_reverse_kl").asDouble()).isEqualTo(plain.get("eval_reverse_kl").asDouble());

        Evaluation e = gan.evaluate(tmp.resolve("listed"), 300, 1, s -> { });
        assertThat(e.metric("scored")).isEqualTo(300);
        assertThat(e.metric("modes_covered")).isNotNaN();
        assertThat(e.histogram()).hasSize(8);
        assertThat(e.report().summary()).contains("scored 300");

        ExperimentConfig alone = config(gan, ", metrics: [counting]");
        gan.train(alone, tmp.resolve("alone"), new TrainingListener() { }, new TrainingHandle());
        JsonNode only = lastEvaluation(tmp.resolve("alone"));
        assertThat(only.has("eval_modes_covered")).isFalse();
        assertThat(only.get("eval_scored").asDouble()).isEqualTo(200);
    }

    @Test
    void metricsThatCannotWorkAreRefusedByName() throws Exception {
        Gan4j gan = engine();
        assertThatThrownBy(() -> gan.train(config(gan, ", metrics: [classifier]"), tmp.resolve("a"),
                new TrainingListener() { }, new TrainingHandle()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("evaluation.metrics[0]: 'classifier' does not apply to data 'ring' (samples [2], 8 classes)");
        assertThatThrownBy(() -> config(gan, ", metrics: [nope]"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("evaluation.metrics[0].type: unknown metric 'nope'; known: classifier, counting, mode-coverage");
        assertThatThrownBy(() -> gan.train(config(gan, ", metrics: [mode-coverage, {type: counting, clash: true}]"),
                tmp.resolve("b"), new TrainingListener() { }, new TrainingHandle()))
                .isInstanceOf(GanException.class)
                .hasMessageContaining("metric 'counting' reports 'modes', which another metric of this evaluation already does");
    }
}
