package org.gan4j.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code gan evaluate --samples FILE.npy --data NAME}: samples made elsewhere get exactly the figures a run's own
 * evaluation gives, and bad files are one-line errors with exit 2.
 */
class ExternalSamplesCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void setUp() throws Exception {
        data = Cli.tinyMnist(tmp.resolve("data"), 300);
    }

    private static Path config(String name, String schedule, String dataBlock) throws Exception {
        return Files.writeString(tmp.resolve(name + ".yaml"), """
                name: %s
                seed: 5
                data: %s
                networks:
                  G: {type: mlp-generator, latent_dim: 8, hidden: [32]}
                  D: {type: mlp-discriminator, hidden: [32]}
                schedule: %s
                training: {steps: 30, batch_size: 16}
                checkpoints: {every: 0}
                samples: {every: 0}
                metrics: {every: 10}
                """.formatted(name, dataBlock, schedule));
    }

    private static JsonNode figures(Path json) throws Exception {
        return JSON.readTree(json.toFile());
    }

    /** Every figure of one report equals the other's (float32 files round the samples: within 1e-4 relative). */
    private static void sameFigures(JsonNode a, JsonNode b, String... keys) {
        for (String k : keys) {
            assertThat(a.has(k)).as(k).isTrue();
            double x = a.path(k).asDouble();
            assertThat(b.path(k).asDouble()).as(k).isCloseTo(x, org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(x))));
        }
    }

    @Test
    void aConditionalMnistRunsSamplesScoreAsTheRunDoes() throws Exception {
        Path run = tmp.resolve("cond");
        Cli t = Cli.run("train", config("cond", "{type: cgan}", "{type: mnist, dir: " + data + "}").toString(),
                "--run-dir", run.toString(), "--progress", "none");
        assertThat(t.code).as(t.toString()).isZero();
        Path npy = tmp.resolve("gen/cond.npy");
        assertThat(Cli.run("generate", "--checkpoint", run.toString(), "--n", "200", "--seed", "4", "--out",
                npy.toString()).code).isZero();
        Cli own = Cli.run("evaluate", run.toString(), "--samples", "200", "--seed", "4");
        assertThat(own.code).as(own.toString()).isZero();
        Cli ext = Cli.run("evaluate", "--samples", npy.toString(), "--labels", npy.resolveSibling("labels.npy").toString(),
                "--data", "mnist", "--set", "data.dir=" + data);
        assertThat(ext.code).as(ext.toString()).isZero();
        assertThat(ext.out).contains("wrote " + npy.resolveSibling("cond.json"));
        sameFigures(figures(run.resolve("evaluation-step-00000030.json")), figures(npy.resolveSibling("cond.json")),
                "fd", "fd_floor", "classes_covered", "class_kl", "label_accuracy", "parzen_ll", "parzen_sigma");
    }

    @Test
    void ringSamplesScoreAsTheRunDoesAndPointsOnTheModesCoverAll() throws Exception {
        Path run = tmp.resolve("ring");
        assertThat(Cli.run("train", config("ring", "{type: alternating}", "{type: ring}").toString(), "--run-dir",
                run.toString(), "--progress", "none").code).isZero();
        Path npy = tmp.resolve("ring.npy");
        assertThat(Cli.run("generate", "--checkpoint", run.toString(), "--n", "1000", "--out", npy.toString()).code).isZero();
        assertThat(Files.readString(run.resolve("index.html"))).doesNotContain("evaluation-step-00000030.json");
        assertThat(Cli.run("evaluate", run.toString(), "--samples", "1000").code).isZero();
        // the run's board lists the new report (it used to say "none yet" until the next training)
        assertThat(Files.readString(run.resolve("index.html"))).contains("evaluation-step-00000030.json");
        Cli ext = Cli.run("evaluate", "--samples", npy.toString(), "--data", "ring");
        assertThat(ext.code).as(ext.toString()).isZero();
        sameFigures(figures(run.resolve("evaluation-step-00000030.json")), figures(tmp.resolve("ring.json")),
                "modes_covered", "hq_share", "reverse_kl");
        // 100 points on each of the 8 modes (radius 2): all covered, all high quality, uniform
        double[] xy = new double[1600];
        for (int i = 0; i < 800; i++) {
            double a = 2 * Math.PI * (i % 8) / 8;
            xy[2 * i] = 2 * Math.cos(a);
            xy[2 * i + 1] = 2 * Math.sin(a);
        }
        Path perfect = tmp.resolve("perfect.npy");
        Nd4j.writeAsNumpy(Nd4j.createFromArray(xy).reshape(800, 2), perfect.toFile());
        Cli p = Cli.run("evaluate", "--samples", perfect.toString(), "--data", "ring", "--out", tmp.resolve("p.json").toString());
        assertThat(p.code).as(p.toString()).isZero();
        JsonNode f = figures(tmp.resolve("p.json"));
        assertThat(f.path("modes_covered").asDouble()).isEqualTo(8);
        assertThat(f.path("hq_share").asDouble()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.path("reverse_kl").asDouble()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    private static void oneLine(Cli c, String... fragments) {
        assertThat(c.code).as(c.toString()).isEqualTo(2);
        String[] lines = c.err.strip().split("\n");
        assertThat(lines).as(c.toString()).hasSize(1);
        assertThat(lines[0]).startsWith("gan: error: ").contains(fragments);
    }

    @Test
    void badFilesAndNamesAreOneLineErrors() throws Exception {
        Path wrong = tmp.resolve("wrong.npy");
        Nd4j.writeAsNumpy(Nd4j.rand(DataType.FLOAT, 10, 3), wrong.toFile());
        oneLine(Cli.run("evaluate", "--samples", wrong.toString(), "--data", "ring"), "samples of shape [10, 3] do not fit ring",
                "expected (N, 2)");
        INDArray nan = Nd4j.rand(DataType.FLOAT, 10, 2);
        nan.putScalar(3, 1, Double.NaN);
        Path nanFile = tmp.resolve("nan.npy");
        Nd4j.writeAsNumpy(nan, nanFile.toFile());
        oneLine(Cli.run("evaluate", "--samples", nanFile.toString(), "--data", "ring"), "1 values are NaN or infinite");
        oneLine(Cli.run("evaluate", "--samples", nanFile.toString(), "--data", "cifar"), "--data: unknown data 'cifar'",
                "known: ", "mnist", "ring");
        oneLine(Cli.run("evaluate", "--samples", nanFile.toString()), "needs --data NAME");
        oneLine(Cli.run("evaluate", "--samples", tmp.resolve("none.npy").toString(), "--data", "ring"), "no such file");
        Path text = Files.writeString(tmp.resolve("text.npy"), "hello");
        oneLine(Cli.run("evaluate", "--samples", text.toString(), "--data", "ring"), "text.npy: not a .npy array");
        Path images = tmp.resolve("tanh.npy");
        Nd4j.writeAsNumpy(Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28).muli(2).subi(1), images.toFile());
        oneLine(Cli.run("evaluate", "--samples", images.toString(), "--data", "mnist", "--set", "data.dir=" + data),
                "images must be in [0, 1]", "(x + 1) / 2");
        oneLine(Cli.run("evaluate", "--samples", images.toString(), "--data", "mnist", "--set", "evaluation.samples=3"),
                "only data.KEY=VALUE settings apply");
        oneLine(Cli.run("evaluate", "--data", "ring"), "--data: only with --samples FILE.npy");
        oneLine(Cli.run("evaluate"), "RUN_DIR|CKPT: missing");
    }
}
