package org.gan4j.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A conditional GAN end to end: class grids, gan generate --label with labels.npy, periodic and CLI evaluation (and
 * mode coverage for a 2-D mixture).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConditionalCliTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path run;

    @BeforeAll
    static void setUp() throws Exception {
        data = Cli.tinyMnist(tmp.resolve("data"), 300);
        run = tmp.resolve("run");
    }

    static Path config(String name, String schedule, String dataBlock) throws Exception {
        return Files.writeString(tmp.resolve(name + ".yaml"), """
                name: %s
                seed: 3
                data: %s
                networks:
                  G: {type: mlp-generator, latent_dim: 8, hidden: [32]}
                  D: {type: mlp-discriminator, hidden: [32]}
                schedule: %s
                training: {steps: 40, batch_size: 16}
                checkpoints: {every: 0}
                samples: {every: 0, count: 20}
                metrics: {every: 10}
                evaluation: {every: 20, samples: 100}
                """.formatted(name, dataBlock, schedule));
    }

    static int pngHeight(Path png) throws Exception {
        return java.nio.ByteBuffer.wrap(Files.readAllBytes(png), 20, 4).getInt();
    }

    @Test
    @Order(1)
    void trainingDrawsOneRowPerClassAndEvaluatesItselfIntoTheMetrics() throws Exception {
        Path cfg = config("cond", "{type: cgan}", "{type: mnist, dir: " + data + "}");
        Cli c = Cli.run("train", cfg.toString(), "--run-dir", run.toString(), "--progress", "log");
        assertThat(c.code).as(c.toString()).isZero();
        assertThat(c.err).contains("evaluation at step 20: fd ").contains("label_accuracy");
        Path grid = run.resolve("samples/step-00000040.png");
        // 20 samples over 10 classes: 2 columns, 10 rows of 28 px tiles with 2 px gaps
        assertThat(CliEndToEndTest.pngWidth(grid)).isEqualTo(2 * 30 + 2);
        assertThat(pngHeight(grid)).isEqualTo(10 * 30 + 2);
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        List<String> eval = lines.stream().filter(l -> l.contains("eval_fd")).toList();
        assertThat(eval).hasSize(2);
        JsonNode last = new ObjectMapper().readTree(eval.get(1));
        assertThat(last.path("step").asInt()).isEqualTo(40);
        assertThat(last.path("eval_fd").asDouble()).isGreaterThan(0);
        assertThat(last.path("eval_label_accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(run.resolve("evaluation.png")).exists();
        assertThat(data.resolve("gan4j-cache/classifier-v" + org.gan4j.engine.eval.Classifier.FORMAT + ".npy")).exists();
    }

    @Test
    @Order(2)
    void generateDrawsTheAskedClassAndWritesLabelsBesideTheSamples() throws Exception {
        Path out = tmp.resolve("gen/samples.npy");
        Cli c = Cli.run("generate", "--checkpoint", run.toString(), "--n", "12", "--label", "3", "--out", out.toString());
        assertThat(c.code).as(c.toString()).isZero();
        assertThat(c.out).contains("labels.npy");
        assertThat(Nd4j.createFromNpyFile(out.toFile()).shape()).containsExactly(12, 1, 28, 28);
        INDArray labels = Nd4j.createFromNpyFile(out.resolveSibling("labels.npy").toFile());
        assertThat(labels.toLongVector()).hasSize(12).containsOnly(3L);
        Cli all = Cli.run("generate", "--checkpoint", run.toString(), "--n", "20", "--out", out.toString());
        assertThat(all.code).isZero();
        assertThat(Nd4j.createFromNpyFile(out.resolveSibling("labels.npy").toFile()).toLongVector())
                .containsExactly(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9);
        Cli bad = Cli.run("generate", "--checkpoint", run.toString(), "--label", "10", "--out", out.toString());
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.err).contains("--label: 10 is outside [0, 10)");
    }

    @Test
    @Order(3)
    void evaluateReportsTheDistanceBesideTheFloorAndTheLabelAccuracy() throws Exception {
        Cli c = Cli.run("evaluate", run.toString(), "--samples", "200");
        assertThat(c.code).as(c.toString()).isZero();
        assertThat(c.out).contains("fd ").contains("fd_floor").contains("label_accuracy").contains("class histogram");
        JsonNode report = new ObjectMapper().readTree(run.resolve("evaluation-step-00000040.json").toFile());
        assertThat(report.path("samples").asInt()).isEqualTo(200);
        assertThat(report.path("class_histogram")).hasSize(10);
        assertThat(report.path("fd_floor").asDouble()).isLessThan(report.path("fd").asDouble());
    }

    @Test
    @Order(4)
    void labelsForUnconditionalModelsAndConditioningOnUnlabelledDataAreOneLineErrors() throws Exception {
        Path plain = config("plain", "{type: alternating}", "{type: ring}");
        Path plainRun = tmp.resolve("plain-run");
        assertThat(Cli.run("train", plain.toString(), "--run-dir", plainRun.toString(), "--set", "evaluation.every=0")
                .code).isZero();
        Cli label = Cli.run("generate", "--checkpoint", plainRun.toString(), "--label", "1", "--out",
                tmp.resolve("x.npy").toString());
        assertThat(label.code).isEqualTo(2);
        assertThat(label.err.strip()).startsWith("gan: error: --label: this model is not conditional");
        Cli eval = Cli.run("evaluate", plainRun.toString(), "--samples", "500");
        assertThat(eval.code).as(eval.toString()).isZero();
        assertThat(eval.out).contains("modes_covered").contains("hq_share").contains("reverse_kl").contains("mode histogram");
        Cli cond = Cli.run("train", config("c2", "{type: cgan}", "{type: synthetic, shape: [2], size: 64}").toString(),
                "--run-dir", tmp.resolve("c2").toString(), "--set", "evaluation.every=0");
        assertThat(cond.code).isEqualTo(2);
        assertThat(cond.err.strip()).contains("conditions on labels, but data 'synthetic' has none");
        // evaluation that cannot work fails before the first step, not after the first interval
        Cli early = Cli.run("train", config("early", "{type: alternating}", "{type: synthetic, shape: [2], size: 64}")
                .toString(), "--run-dir", tmp.resolve("early").toString());
        assertThat(early.code).isEqualTo(2);
        assertThat(early.err).contains("evaluation: no metric applies to data 'synthetic' (samples [2], no labels)")
                .doesNotContain("step 1/");
    }
}
