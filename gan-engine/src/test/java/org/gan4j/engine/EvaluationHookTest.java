package org.gan4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.api.GanException;
import org.gan4j.engine.config.ExperimentConfig;
import org.gan4j.engine.eval.Evaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin schedule adds its own figures to every evaluation through {@code StepRunner.evaluate}: in training
 * (metrics.jsonl) and in {@code gan evaluate}, beside the engine's mode coverage, with the probe's step, data and
 * noise as documented; a figure that clashes with the engine's is refused.
 */
class EvaluationHookTest {
    @TempDir
    Path tmp;

    /** An alternating schedule built on AdversarialRunner whose evaluation reports what its probe shows. */
    private static final String SCHEDULE = """
            package probing;
            import java.util.Map;
            import org.gan4j.api.*;
            import org.gan4j.api.nn.Network;
            import org.gan4j.api.train.*;
            import org.nd4j.linalg.api.ndarray.INDArray;
            public final class ProbingSchedule extends Provider<ProbingSchedule.Config>
                    implements TrainingSchedule<ProbingSchedule.Config> {
                public record Config(@Param(value = "false", doc = "clash") boolean clash) { }
                public ProbingSchedule() { super("probing", Config.class, GanApi.VERSION, "test"); }
                public StepRunner create(Config c) {
                    return new AdversarialRunner("G", "D") {
                        final DiscriminatorStep dStep = new DiscriminatorStep(false);
                        public void step(StepContext ctx) {
                            Network g = ctx.network(generator), d = ctx.network(discriminator);
                            INDArray real = ctx.nextBatch().x();
                            INDArray fake = g.forward(ctx.noise("z", org.gan4j.api.nn.Shapes.withBatch(real.size(0), g.inputShape())), true);
                            ctx.record("loss_d", dStep.backward(d, real, fake, ctx.loss()).loss());
                            ctx.optimizer(discriminator).step();
                            ctx.record("loss_g", generatorStep(ctx, g, d, g.forward(ctx.noise("zg",
                                    org.gan4j.api.nn.Shapes.withBatch(real.size(0), g.inputShape())), true)).value());
                        }
                        public Map<String, Double> evaluate(EvaluationProbe p) {
                            double noise = p.noise("n", new long[] {3, 2}).sumNumber().doubleValue();
                            double rows = p.data(7).x().size(0);
                            double score = p.network(discriminator).forward(p.data(7).x(), false).meanNumber().doubleValue();
                            return c.clash() ? Map.of("modes", 1.0)
                                    : Map.of("probe_step", (double) p.step(), "probe_rows", rows, "probe_noise", noise,
                                             "probe_d_real", score);
                        }
                    };
                }
            }
            """;

    private static final String CONFIG = """
            name: probing
            seed: 5
            data: {type: ring, size: 2000}
            networks:
              G: {type: tiny-generator, width: 8}
              D: {type: tiny-discriminator}
            loss: {type: test-hinge}
            schedule: {type: probing}
            training: {steps: 20, batch_size: 32}
            checkpoints: {every: 20}
            samples: {every: 0, count: 50}
            metrics: {every: 5}
            evaluation: {every: 10, samples: 200}
            """;

    private Gan4j engine() throws Exception {
        Path plugins = TestPlugin.standardPlugins(tmp);
        PluginJars.build(tmp, plugins.resolve("probing.jar"), Map.of("probing/ProbingSchedule.java", SCHEDULE),
                Map.of("META-INF/services/org.gan4j.api.TrainingSchedule", "probing.ProbingSchedule\n"));
        return Gan4j.create(PluginLoader.load(plugins));
    }

    @Test
    void aSchedulesFiguresJoinEveryEvaluationInTrainingAndAfterwards() throws Exception {
        Gan4j gan = engine();
        ExperimentConfig config = gan.parseConfig(CONFIG, List.of());
        gan.train(config, tmp.resolve("run"), new TrainingListener() { }, new TrainingHandle());
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> evals = new ArrayList<>();
        for (String line : Files.readAllLines(tmp.resolve("run/metrics.jsonl"))) {
            JsonNode n = json.readTree(line);
            if (n.has("eval_probe_step")) {
                evals.add(n);
            }
        }
        assertThat(evals).hasSize(2);
        assertThat(evals.get(0).get("eval_probe_step").asDouble()).isEqualTo(10);
        assertThat(evals.get(1).get("eval_probe_step").asDouble()).isEqualTo(20);
        assertThat(evals.get(0).get("eval_probe_rows").asDouble()).isEqualTo(7);
        // the engine's own figures stay beside the schedule's
        assertThat(evals.get(1).has("eval_modes_covered")).isTrue();
        // noise from the evaluation seed: the same draw at every evaluation; D moved between them
        assertThat(evals.get(1).get("eval_probe_noise").asDouble()).isEqualTo(evals.get(0).get("eval_probe_noise").asDouble());
        assertThat(evals.get(1).get("eval_probe_d_real").asDouble()).isNotEqualTo(evals.get(0).get("eval_probe_d_real").asDouble());

        // gan evaluate on the checkpoint: the networks restored, the data opened on demand
        Evaluation e = gan.evaluate(tmp.resolve("run"), 200, 1, s -> { });
        assertThat(e.metric("probe_step")).isEqualTo(20);
        assertThat(e.metric("probe_d_real")).isEqualTo(evals.get(1).get("eval_probe_d_real").asDouble());
        assertThat(e.metric("modes_covered")).isNotNaN();
        assertThat(e.report().summary()).contains("probe_step 20");
    }

    @Test
    void aFigureTheEngineAlreadyReportsIsRefusedByName() throws Exception {
        Gan4j gan = engine();
        ExperimentConfig config = gan.parseConfig(CONFIG.replace("{type: probing}", "{type: probing, clash: true}"), List.of());
        assertThatThrownBy(() -> gan.train(config, tmp.resolve("clash"), new TrainingListener() { }, new TrainingHandle()))
                .isInstanceOf(GanException.class)
                .hasMessageContaining("the schedule's evaluation reports 'modes', which the engine's evaluation already does");
    }
}
