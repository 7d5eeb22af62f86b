package org.gan4j.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.gan4j.api.ConfigException;
import org.gan4j.engine.Gan4j;
import org.gan4j.engine.ResumeRequest;
import org.gan4j.engine.RunResult;
import org.gan4j.engine.TrainingHandle;
import org.gan4j.engine.TrainingListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Data-parallel training ({@code training.workers}): on networks without BatchNorm two workers make the one-worker
 * update (to float rounding), for every shipped schedule; with BatchNorm and dropout two runs of two workers are
 * byte-identical; and a checkpoint of two workers resumes with one.
 */
class WorkersTest {
    @TempDir
    Path tmp;

    private static final TrainingListener QUIET = new TrainingListener() { };

    /**
     * Schedules on networks whose loss is a mean over independent samples: no BatchNorm, no dropout. The image
     * schedules use SGD: their instance-normalised layers have conv biases whose true gradient is zero (the norm
     * removes them), and Adam's first step turns the rounding noise of such a gradient into a full ±lr step, so
     * Adam would compare rounding noise rather than the reduction.
     */
    static final Map<String, String> BN_FREE = Map.of(
            "alternating", """
                    name: w-alternating
                    seed: 3
                    data: {type: ring, size: 2000}
                    networks:
                      G: {type: mlp-generator, latent_dim: 4, hidden: [32, 32], output: linear}
                      D: {type: mlp-discriminator, hidden: [32, 32], spectral_norm: true}
                    schedule: {type: alternating, d_steps: 2}
                    training: {steps: 6, batch_size: 32}
                    """,
            "cgan", """
                    name: w-cgan
                    seed: 4
                    data: {type: synthetic, shape: [1, 8, 8], size: 64, classes: 3}
                    networks:
                      G: {type: mlp-generator, latent_dim: 8, hidden: [32]}
                      D: {type: mlp-discriminator, hidden: [32]}
                    schedule: {type: cgan}
                    training: {steps: 6, batch_size: 16}
                    """,
            "wgan", """
                    name: w-wgan
                    seed: 5
                    data: {type: ring, size: 2000}
                    networks:
                      G: {type: mlp-generator, latent_dim: 4, hidden: [32], output: linear}
                      D: {type: mlp-discriminator, hidden: [32]}
                    loss: {type: wasserstein}
                    schedule: {type: wgan, n_critic: 3, clip: 0.05}
                    optimizers: {G: {type: rmsprop, lr: 5e-4}, D: {type: rmsprop, lr: 5e-4}}
                    training: {steps: 6, batch_size: 32}
                    """,
            "pix2pix", """
                    name: w-pix2pix
                    seed: 6
                    data: {type: synthetic, shape: [2, 32, 32], size: 8}
                    networks:
                      G: {type: unet-generator, in_channels: 1, out_channels: 1, ngf: 4, levels: 5, dropout: 0, norm: instance}
                      D: {type: patchgan-discriminator, ndf: 4, layers: 2, norm: instance}
                    schedule: {type: pix2pix}
                    optimizers: {G: {type: sgd, lr: 0.01, momentum: 0.5}, D: {type: sgd, lr: 0.01, momentum: 0.5}}
                    training: {steps: 4, batch_size: 4}
                    """,
            "cyclegan", """
                    name: w-cyclegan
                    seed: 7
                    data: {type: synthetic, shape: [6, 16, 16], size: 8}
                    networks:
                      G: {type: resnet-generator, blocks: 1, ngf: 4}
                      F: {type: resnet-generator, blocks: 1, ngf: 4}
                      D_A: {type: patchgan-discriminator, in_channels: 3, ndf: 4, layers: 2, norm: instance}
                      D_B: {type: patchgan-discriminator, in_channels: 3, ndf: 4, layers: 2, norm: instance}
                    loss: {type: least-squares}
                    schedule: {type: cyclegan, pool_size: 2}
                    # two steps: the pool fills in the first and swaps in the second; over more steps the rounding
                    # differences of the two reductions grow through instance norm on 2×2 maps (2e-5 at step 3)
                    optimizers:
                      G: {type: sgd, lr: 0.01}
                      F: {type: sgd, lr: 0.01}
                      D_A: {type: sgd, lr: 0.01}
                      D_B: {type: sgd, lr: 0.01}
                    training: {steps: 2, batch_size: 2}
                    """);

    /** BatchNorm in both networks and dropout in G (its innermost level - 5 = 1 decoder block): per-worker state. */
    static final String BATCH_NORM = """
            name: w-bn
            seed: 8
            data: {type: synthetic, shape: [2, 64, 64], size: 8}
            networks:
              G: {type: unet-generator, in_channels: 1, out_channels: 1, ngf: 4, levels: 6, dropout: 0.5}
              D: {type: patchgan-discriminator, ndf: 4, layers: 2}
            schedule: {type: pix2pix}
            training: {steps: 4, batch_size: 4}
            """;

    private RunResult train(String yaml, String dir, String... extra) {
        Gan4j gan = Gan4j.create((Path) null);
        List<String> sets = new java.util.ArrayList<>(List.of(extra));
        sets.add("checkpoints.every=0");
        sets.add("samples.every=-1");
        sets.add("metrics.every=1");
        return gan.train(gan.parseConfig(yaml, sets), tmp.resolve(dir), QUIET, new TrainingHandle());
    }

    static Map<String, INDArray> arrays(Path ckpt) throws Exception {
        Map<String, INDArray> out = new TreeMap<>();
        try (ZipFile z = new ZipFile(ckpt.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                if (e.getName().endsWith(".npy")) {
                    out.put(e.getName(), Nd4j.createNpyFromByteArray(z.getInputStream(e).readAllBytes()));
                }
            }
        }
        return out;
    }

    static Map<String, byte[]> bytes(Path ckpt) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (ZipFile z = new ZipFile(ckpt.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                if (e.getName().endsWith(".npy") || e.getName().equals("config.yaml")) {
                    out.put(e.getName(), z.getInputStream(e).readAllBytes());
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"alternating", "cgan", "wgan", "pix2pix", "cyclegan"})
    void twoWorkersMakeTheOneWorkerUpdateOnNetworksWithoutBatchNorm(String schedule) throws Exception {
        String yaml = BN_FREE.get(schedule);
        RunResult one = train(yaml, schedule + "-1", "training.workers=1", "training.threads=1");
        RunResult two = train(yaml, schedule + "-2", "training.workers=2", "training.threads=1");
        assertThat(Files.readString(two.runDir().resolve("config.yaml"))).contains("workers: 2");
        Map<String, INDArray> a = arrays(one.checkpoint());
        Map<String, INDArray> b = arrays(two.checkpoint());
        assertThat(b.keySet()).isEqualTo(a.keySet());
        int params = 0;
        for (String k : a.keySet()) {
            if (!k.startsWith("networks/") && !k.startsWith("optimizers/")) {
                continue;
            }
            INDArray x = a.get(k).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
            INDArray y = b.get(k).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
            double scale = Math.max(x.amaxNumber().doubleValue(), 1e-12);
            double diff = x.sub(y).amaxNumber().doubleValue();
            // optimizer states are raw gradient moments: entries whose true value cancels to about zero (biases
            // before instance norm) keep the rounding noise of large sums, so they get a looser bound than weights.
            // Weights: oneDNN picks its convolution kernels by CPU, and on some CPUs the native pass puts CycleGAN's G
            // at 1.09e-5 (deterministically) — float rounding, where a wrong reduction is off by 1e-2 and more
            double bound = k.startsWith("optimizers/") ? 1e-4 : 3e-5;
            assertThat(diff / scale).as(schedule + " " + k + ": max |1 worker - 2 workers| / max |1 worker|")
                    .isLessThan(bound);
            params++;
        }
        assertThat(params).isGreaterThanOrEqualTo(4);
        // the metrics are the workers' means weighted by their shares: the one-worker values
        List<String> m1 = Files.readAllLines(one.runDir().resolve("metrics.jsonl"));
        List<String> m2 = Files.readAllLines(two.runDir().resolve("metrics.jsonl"));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var l1 = json.readTree(m1.get(0));
        var l2 = json.readTree(m2.get(0));
        assertThat(l2.get("loss_d").asDouble()).isCloseTo(l1.get("loss_d").asDouble(),
                org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, Math.abs(l1.get("loss_d").asDouble()))));
        // and training moved the parameters, so the comparison means something
        assertThat(bytes(one.checkpoint()).get("networks/G/params.npy")).isNotEqualTo(
                bytes(train(yaml, schedule + "-0", "training.steps=1", "training.workers=1").checkpoint())
                        .get("networks/G/params.npy"));
    }

    @Test
    void twoRunsWithTwoWorkersAreByteIdenticalWithBatchNormAndDropout() throws Exception {
        Map<String, byte[]> a = bytes(train(BATCH_NORM, "bn-a", "training.workers=2").checkpoint());
        Map<String, byte[]> b = bytes(train(BATCH_NORM, "bn-b", "training.workers=2").checkpoint());
        assertThat(a.keySet()).contains("networks/G/params.npy");
        assertThat(a.keySet()).anyMatch(k -> k.startsWith("networks/D/buffers/")
                && k.endsWith("running_mean.npy")).anyMatch(k -> k.contains("calls"));
        for (String k : a.keySet()) {
            assertThat(b.get(k)).as(k).isEqualTo(a.get(k));
        }
        // BatchNorm sees each worker's shard alone, so two workers are not one: a test of the per-shard statistics
        Map<String, byte[]> one = bytes(train(BATCH_NORM, "bn-1", "training.workers=1").checkpoint());
        assertThat(one.get("networks/D/params.npy")).isNotEqualTo(a.get("networks/D/params.npy"));
    }

    @Test
    void aCheckpointOfTwoWorkersResumesWithOne() throws Exception {
        Gan4j gan = Gan4j.create((Path) null);
        String yaml = BN_FREE.get("alternating");
        gan.train(gan.parseConfig(yaml, List.of("training.workers=2", "training.steps=3")), tmp.resolve("n-to-m"),
                QUIET, new TrainingHandle());
        RunResult r = gan.resume(ResumeRequest.of(tmp.resolve("n-to-m")).steps(6L).set("training.workers=1").listener(QUIET));
        assertThat(r.steps()).isEqualTo(6);
        assertThat(Files.readString(r.runDir().resolve("config.yaml"))).contains("workers: 1");
        // the same as two workers throughout, to float rounding (this network has no BatchNorm)
        Map<String, INDArray> straight = arrays(train(yaml, "n-straight", "training.workers=2").checkpoint());
        Map<String, INDArray> resumed = arrays(r.checkpoint());
        INDArray x = straight.get("networks/G/params.npy");
        assertThat(x.sub(resumed.get("networks/G/params.npy")).amaxNumber().doubleValue())
                .isLessThan(1e-5 * x.amaxNumber().doubleValue());
    }

    @Test
    void workersAreCheckedAgainstTheBatch() {
        Gan4j gan = Gan4j.create((Path) null);
        assertThatThrownBy(() -> gan.parseConfig(BN_FREE.get("cyclegan"), List.of("training.workers=3")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("training.workers: 3 workers cannot split a batch of 2");
        assertThatThrownBy(() -> gan.parseConfig(BN_FREE.get("cyclegan"), List.of("training.workers=two")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("training.workers: expected auto or a whole number");
        assertThatThrownBy(() -> gan.parseConfig(BN_FREE.get("cyclegan"), List.of("training.threads=0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("training.threads: must be auto or from 1 to 256");
    }
}
