package org.gan4j.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The gan CLI end to end on a tiny MNIST-format dataset: train, generate, resume, plugins, validate. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliEndToEndTest {
    @TempDir
    static Path tmp;
    static Path config;
    static Path run;

    @BeforeAll
    static void setUp() throws Exception {
        Path data = Cli.tinyMnist(tmp.resolve("data"), 200);
        config = tmp.resolve("tiny.yaml");
        Files.writeString(config, """
                name: tiny
                seed: 5
                data: {type: mnist, dir: %s}
                networks:
                  G: {type: mlp-generator, latent_dim: 8, hidden: [32]}
                  D: {type: mlp-discriminator, hidden: [32]}
                training: {steps: 30, batch_size: 16}
                checkpoints: {every: 10, keep: 2}
                samples: {every: 10, count: 16}
                metrics: {every: 5}
                """.formatted(data));
        run = tmp.resolve("run");
    }

    @Test
    @Order(1)
    void trainWritesCheckpointsSamplesAndMetrics() throws Exception {
        Cli c = Cli.run("train", config.toString(), "--run-dir", run.toString(), "--progress", "log");
        assertThat(c.code).as(c.toString()).isZero();
        assertThat(c.out).contains("finished at step 30");
        assertThat(c.err).contains("parameters: G=").contains("backend:    cpu");
        assertThat(run.resolve("config.yaml")).content().contains("beta2: 0.999").contains("latent_dim: 8");
        assertThat(Files.list(run.resolve("checkpoints")).map(p -> p.getFileName().toString()).sorted())
                .containsExactly("step-00000020.ckpt", "step-00000030.ckpt");
        assertThat(Files.list(run.resolve("samples")).map(p -> p.getFileName().toString()).sorted())
                .containsExactly("step-00000010.png", "step-00000020.png", "step-00000030.png");
        assertThat(pngWidth(run.resolve("samples/step-00000030.png"))).isEqualTo(4 * 30 + 2);
        assertThat(Files.readAllLines(run.resolve("metrics.jsonl"))).hasSize(6)
                .allSatisfy(l -> assertThat(l).contains("\"loss_d\"").contains("\"loss_g\"").contains("\"d_real\"")
                        .contains("\"d_fake\"").contains("\"step_ms\""));
        assertThat(run.resolve("metrics.png")).exists();
        assertThat(run.resolve("environment.json")).content().contains("OPENBLAS");
    }

    @Test
    @Order(2)
    void generateWritesNpyAndPng() throws Exception {
        Path npy = tmp.resolve("s.npy");
        Cli c = Cli.run("generate", "--checkpoint", run.toString(), "--n", "50", "--seed", "3", "--out", npy.toString());
        assertThat(c.code).as(c.toString()).isZero();
        INDArray s = Nd4j.createFromNpyFile(npy.toFile());
        assertThat(s.shape()).containsExactly(50, 1, 28, 28);
        assertThat(s.dataType().toString()).isEqualTo("FLOAT");
        assertThat(s.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(s.maxNumber().doubleValue()).isLessThanOrEqualTo(1);
        Path again = tmp.resolve("again.npy");
        Cli.run("generate", "--checkpoint", run.resolve("checkpoints/step-00000030.ckpt").toString(), "--n", "50",
                "--seed", "3", "--out", again.toString());
        assertThat(Nd4j.createFromNpyFile(again.toFile())).as("same seed, same samples").isEqualTo(s);
        Path png = tmp.resolve("grid.png");
        assertThat(Cli.run("generate", "--checkpoint", run.toString(), "--n", "10", "--out", png.toString()).code).isZero();
        assertThat(pngWidth(png)).isEqualTo(4 * 30 + 2);
    }

    /** The width field of a PNG's IHDR chunk (bytes 16–19), after checking the signature. */
    static int pngWidth(Path png) throws Exception {
        byte[] b = Files.readAllBytes(png);
        assertThat(b[1]).isEqualTo((byte) 'P');
        return java.nio.ByteBuffer.wrap(b, 16, 4).getInt();
    }

    @Test
    @Order(3)
    void resumeContinuesToTheNewStepCount() throws Exception {
        Cli c = Cli.run("resume", run.toString(), "--steps", "40", "--progress", "none");
        assertThat(c.code).as(c.toString()).isZero();
        assertThat(c.out).contains("finished at step 40");
        assertThat(run.resolve("checkpoints/step-00000040.ckpt")).exists();
        assertThat(Files.readAllLines(run.resolve("metrics.jsonl"))).hasSize(8);
    }

    @Test
    void pluginsListsEveryProviderWithItsModule() {
        Cli c = Cli.run("plugins");
        assertThat(c.code).as(c.toString()).isZero();
        assertThat(c.out).containsPattern("generator\\s+mlp-generator\\s+gan4j.plugin.vanilla")
                .containsPattern("loss\\s+non-saturating").containsPattern("loss\\s+minimax")
                .containsPattern("schedule\\s+alternating\\s+gan4j.engine").containsPattern("data\\s+mnist")
                .containsPattern("optimizer\\s+adam");
        Cli d = Cli.run("plugins", "--describe", "mlp-generator");
        assertThat(d.out).contains("latent_dim").contains("[256, 512, 1024]");
    }

    @Test
    void validatePrintsTheEffectiveConfigAndAppliesOverrides() {
        Cli c = Cli.run("validate", config.toString(), "--set", "training.steps=7", "--set", "optimizers.D.lr=0.001");
        assertThat(c.code).as(c.toString()).isZero();
        assertThat(c.out).contains("steps: 7").contains("lr: 0.001").contains("beta1: 0.5")
                .contains("# ok: mnist train: 200 × [1, 28, 28], 10 classes; parameters G=");
    }

    @Test
    void benchReportsThePeersKeysAndItsParameterCounts() throws Exception {
        Cli c = Cli.run("bench", "--cases", "mlp", "--steps", "3", "--warmup", "1");
        assertThat(c.code).as(c.toString()).isZero();
        var rec = new com.fasterxml.jackson.databind.ObjectMapper().readTree(c.out.lines().filter(l -> l.startsWith("{"))
                .findFirst().orElseThrow());
        // the peer's mlp case: G 100-256-512-1024-784 and D 784-512-256-1
        assertThat(rec.get("params_G").asLong()).isEqualTo(1_486_352);
        assertThat(rec.get("params_D").asLong()).isEqualTo(533_505);
        assertThat(rec.get("steps").asInt()).isEqualTo(3);
        for (String key : new String[] {"framework", "case", "batch", "median_s_per_iter", "mean_s_per_iter",
                                        "images_per_s", "peak_rss_mb", "final_loss_D", "final_loss_G"}) {
            assertThat(rec.has(key)).as(key).isTrue();
        }
        assertThat(Cli.run("bench", "--cases", "biggan").code).isEqualTo(2);
    }

    @Test
    void convolutionalBenchCasesBuildThePeersNetworks() throws Exception {
        // parameter counts printed by ../shared/bench/torch_gan_bench.py for the same architectures
        // (CycleGAN: the peer sums its two generators and its two discriminators)
        String[][] cases = {{"dcgan28", "G=771968, D=138689"}, {"dcgan64", "G=3576704, D=2765568"},
            {"wgan", "G=3576704, D=2765568"}, {"pix2pix_b1", "G=41828995, D=2768705"},
            {"cyclegan", "G=7837699, F=7837699, D_A=2764737, D_B=2764737"}};
        for (String[] c : cases) {
            Path yaml = tmp.resolve(c[0] + ".yaml");
            try (var in = Main.class.getResourceAsStream("bench/" + c[0] + ".yaml")) {
                Files.write(yaml, in.readAllBytes());
            }
            Cli v = Cli.run("validate", yaml.toString());
            assertThat(v.code).as(v.toString()).isZero();
            assertThat(v.out).contains("parameters " + c[1].replace(",", ""));
        }
    }

    @Test
    void helpAndVersion() {
        assertThat(Cli.run("--help").out).contains("train").contains("generate").contains("Exit codes");
        assertThat(Cli.run("--version").out).contains("API " + org.gan4j.api.GanApi.VERSION);
    }
}
