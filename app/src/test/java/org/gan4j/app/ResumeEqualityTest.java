package org.gan4j.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.gan4j.engine.Gan4j;
import org.gan4j.engine.RunResult;
import org.gan4j.engine.TrainingHandle;
import org.gan4j.engine.TrainingListener;
import org.gan4j.engine.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 2N steps straight equal N steps, stop, resume, N steps: weights, optimizer state, byte for byte. */
class ResumeEqualityTest {
    @TempDir
    Path tmp;

    private static final String CONFIG = """
            name: resume
            seed: 9
            data: {type: ring, size: 4000}
            networks:
              G: {type: mlp-generator, latent_dim: 4, hidden: [32, 32], output: linear}
              D: {type: mlp-discriminator, hidden: [32, 32]}
            loss: {type: minimax}
            schedule: {type: alternating, d_steps: 2}
            training: {steps: 60, batch_size: 32}
            checkpoints: {every: 30}
            samples: {every: 0, count: 10}
            metrics: {every: 10}
            """;

    private static Map<String, byte[]> arrays(Path ckpt) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (ZipFile z = new ZipFile(ckpt.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                if (e.getName().endsWith(".npy")) {
                    out.put(e.getName(), z.getInputStream(e).readAllBytes());
                }
            }
        }
        return out;
    }

    @Test
    void resumedRunEqualsUninterruptedRun() throws Exception {
        Gan4j gan = Gan4j.create((Path) null);
        TrainingListener quiet = new TrainingListener() { };
        ExperimentConfig full = gan.parseConfig(CONFIG, List.of());
        RunResult straight = gan.train(full, tmp.resolve("straight"), quiet, new TrainingHandle());

        ExperimentConfig half = gan.parseConfig(CONFIG, List.of("training.steps=30"));
        gan.train(half, tmp.resolve("split"), quiet, new TrainingHandle());
        RunResult resumed = gan.resume(tmp.resolve("split"), 60L, quiet, new TrainingHandle());

        assertThat(resumed.steps()).isEqualTo(60);
        Map<String, byte[]> a = arrays(straight.checkpoint());
        Map<String, byte[]> b = arrays(resumed.checkpoint());
        assertThat(a.keySet()).containsExactly("networks/D/params.npy", "networks/G/params.npy", "optimizers/D.npy",
                "optimizers/G.npy");
        for (String k : a.keySet()) {
            assertThat(b.get(k)).as(k).isEqualTo(a.get(k));
        }
        // and the first half really did move the weights: the test would pass vacuously otherwise
        Map<String, byte[]> mid = arrays(tmp.resolve("split/checkpoints/step-00000030.ckpt"));
        assertThat(mid.get("networks/G/params.npy")).isNotEqualTo(a.get("networks/G/params.npy"));
    }

    /** Four networks, four optimizers and two image pools (size 2, so they fill and start swapping). */
    private static final String CYCLEGAN = """
            name: resume-cyclegan
            seed: 5
            data: {type: synthetic, shape: [6, 16, 16], size: 8}
            networks:
              G: {type: resnet-generator, blocks: 1, ngf: 4}
              F: {type: resnet-generator, blocks: 1, ngf: 4}
              D_A: {type: patchgan-discriminator, in_channels: 3, ndf: 4, layers: 2, norm: instance}
              D_B: {type: patchgan-discriminator, in_channels: 3, ndf: 4, layers: 2, norm: instance}
            loss: {type: least-squares}
            schedule: {type: cyclegan, pool_size: 2}
            training: {steps: 8, batch_size: 1}
            checkpoints: {every: 4}
            samples: {every: -1}
            metrics: {every: 4}
            """;

    /**
     * A U-Net with dropout (its mask counter is checkpoint state) and BatchNorm running statistics; the learning rates
     * start decaying at step 3, before the split at 4.
     */
    private static final String PIX2PIX = """
            name: resume-pix2pix
            seed: 6
            data: {type: synthetic, shape: [2, 64, 64], size: 8}
            networks:
              G: {type: unet-generator, in_channels: 1, out_channels: 1, ngf: 4, levels: 6, dropout: 0.5}
              D: {type: patchgan-discriminator, ndf: 4, layers: 2}
            schedule: {type: pix2pix}
            training: {steps: 8, batch_size: 2, lr_decay_from: 3}
            checkpoints: {every: 4}
            samples: {every: -1}
            metrics: {every: 4}
            """;

    @Test
    void translationSchedulesResumeExactlyWithPoolsDropoutAndRunningStatistics() throws Exception {
        Gan4j gan = Gan4j.create((Path) null);
        TrainingListener quiet = new TrainingListener() { };
        for (String config : List.of(CYCLEGAN, PIX2PIX)) {
            String name = config.substring(config.indexOf("name: ") + 6, config.indexOf('\n'));
            RunResult straight = gan.train(gan.parseConfig(config, List.of()), tmp.resolve(name + "-straight"), quiet,
                    new TrainingHandle());
            gan.train(gan.parseConfig(config, List.of("training.steps=4")), tmp.resolve(name + "-split"), quiet,
                    new TrainingHandle());
            RunResult resumed = gan.resume(tmp.resolve(name + "-split"), 8L, quiet, new TrainingHandle());
            Map<String, byte[]> a = arrays(straight.checkpoint());
            Map<String, byte[]> b = arrays(resumed.checkpoint());
            assertThat(b.keySet()).as(name).isEqualTo(a.keySet());
            for (String k : a.keySet()) {
                assertThat(b.get(k)).as(name + " " + k).isEqualTo(a.get(k));
            }
            if (name.contains("cyclegan")) {
                assertThat(a).containsKeys("schedule/pool_a.images.npy", "schedule/pool_b.count.npy",
                        "networks/F/params.npy", "optimizers/D_B.npy");
            } else {
                assertThat(a.keySet().stream().filter(k -> k.contains("calls"))).as("dropout counters").isNotEmpty();
            }
        }
    }

    /**
     * Every shipped schedule with two workers: a run stopped halfway and resumed equals the uninterrupted run, byte for
     * byte (with BatchNorm running statistics, dropout counters and CycleGAN's pools, all of them worker 0's).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"alternating", "cgan", "wgan", "pix2pix", "cyclegan"})
    void resumeEqualsAnUninterruptedRunWithTwoWorkers(String schedule) throws Exception {
        String config = switch (schedule) {
            case "alternating" -> CONFIG;
            case "pix2pix" -> PIX2PIX;
            case "cyclegan" -> CYCLEGAN.replace("batch_size: 1", "batch_size: 2");
            default -> WorkersTest.BN_FREE.get(schedule);
        };
        Gan4j gan = Gan4j.create((Path) null);
        TrainingListener quiet = new TrainingListener() { };
        // metrics every step, so the split's last interval ends where the straight run's does
        ExperimentConfig full = gan.parseConfig(config, List.of("training.workers=2", "metrics.every=1"));
        long total = full.training().steps();
        RunResult straight = gan.train(full, tmp.resolve(schedule + "-straight"), quiet, new TrainingHandle());
        gan.train(gan.parseConfig(config, List.of("training.workers=2", "metrics.every=1", "training.steps=" + total / 2)),
                tmp.resolve(schedule + "-split"), quiet, new TrainingHandle());
        RunResult resumed = gan.resume(tmp.resolve(schedule + "-split"), total, quiet, new TrainingHandle());
        assertThat(java.nio.file.Files.readString(resumed.runDir().resolve("config.yaml"))).contains("workers: 2");
        Map<String, byte[]> a = arrays(straight.checkpoint());
        Map<String, byte[]> b = arrays(resumed.checkpoint());
        assertThat(b.keySet()).as(schedule).isEqualTo(a.keySet());
        for (String k : a.keySet()) {
            assertThat(b.get(k)).as(schedule + " " + k).isEqualTo(a.get(k));
        }
        assertThat(java.nio.file.Files.readAllLines(resumed.runDir().resolve("metrics.jsonl")).stream()
                .map(l -> l.replaceAll(",\"step_ms\":[^,}]*", "")).toList())
                .as(schedule + " metrics").isEqualTo(java.nio.file.Files.readAllLines(straight.runDir()
                        .resolve("metrics.jsonl")).stream().map(l -> l.replaceAll(",\"step_ms\":[^,}]*", "")).toList());
    }

    @Test
    void cancellingStopsAfterTheCurrentStepWithACheckpoint() throws Exception {
        Gan4j gan = Gan4j.create((Path) null);
        TrainingHandle handle = new TrainingHandle();
        RunResult r = gan.train(gan.parseConfig(CONFIG, List.of()), tmp.resolve("cancel"), new TrainingListener() {
            @Override
            public void onStep(long step, long totalSteps, Map<String, Double> metrics) {
                if (step == 7) {
                    handle.cancel();
                }
            }
        }, handle);
        assertThat(r.cancelled()).isTrue();
        assertThat(r.steps()).isEqualTo(7);
        assertThat(r.checkpoint().getFileName().toString()).isEqualTo("step-00000007.ckpt");
    }
}
