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
