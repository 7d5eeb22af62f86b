package org.gan4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.gan4j.engine.config.ExperimentConfig;
import org.gan4j.engine.internal.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The moving average of G's weights (training.ema_decay): the recurrence of its definition step by step, no effect
 * on training, the average in samples, and resume equal to an uninterrupted run.
 */
class EmaTest {
    @TempDir
    Path tmp;

    private static final String CONFIG = """
            name: ema
            seed: 4
            data: {type: ring, size: 2000}
            networks:
              G: {type: tiny-generator, width: 8}
              D: {type: tiny-discriminator}
            loss: {type: test-hinge}
            training: {steps: 6, batch_size: 32, ema_decay: 0.5, ema_start: 2}
            checkpoints: {every: 1, keep: 100}
            samples: {every: 0, count: 10}
            metrics: {every: 1}
            """;

    private Gan4j engine() throws Exception {
        return Gan4j.create(PluginLoader.load(TestPlugin.standardPlugins(tmp)));
    }

    private static final TrainingListener QUIET = new TrainingListener() { };

    private static Checkpoint at(Path run, long step) {
        return Checkpoint.read(run.resolve("checkpoints").resolve(Checkpoint.fileName(step)));
    }

    private static float[] floats(INDArray a) {
        return a.toFloatVector();
    }

    @Test
    void theAverageFollowsItsRecurrenceLeavesTrainingAloneAndIsWhatSamplesUse() throws Exception {
        Gan4j gan = engine();
        ExperimentConfig withEma = gan.parseConfig(CONFIG, List.of());
        ExperimentConfig without = gan.parseConfig(CONFIG, List.of("training.ema_decay=0"));
        gan.train(withEma, tmp.resolve("ema"), QUIET, new TrainingHandle());
        gan.train(without, tmp.resolve("plain"), QUIET, new TrainingHandle());

        for (long t = 1; t <= 6; t++) {
            Checkpoint c = at(tmp.resolve("ema"), t);
            // the average never feeds back: the weights are those of the run without it
            assertThat(floats(c.params().get("G"))).as("step %d", t)
                    .containsExactly(floats(at(tmp.resolve("plain"), t).params().get("G")));
            assertThat(at(tmp.resolve("plain"), t).ema()).isEmpty();
            float[] avg = floats(c.ema().get("G"));
            float[] p = floats(c.params().get("G"));
            if (t <= 2) {
                assertThat(avg).as("a copy up to ema_start").containsExactly(p);
            } else {
                float[] before = floats(at(tmp.resolve("ema"), t - 1).ema().get("G"));
                for (int i = 0; i < avg.length; i++) {
                    assertThat((double) avg[i]).isCloseTo(0.5 * before[i] + 0.5 * p[i], within(1e-6));
                }
            }
            assertThat(c.ema()).doesNotContainKey("D");
        }
        float[] avg = floats(at(tmp.resolve("ema"), 6).ema().get("G"));
        assertThat(avg).isNotEqualTo(floats(at(tmp.resolve("ema"), 6).params().get("G")));

        // samples come from the average: same weights, same noise, other samples than the run without it
        INDArray a = gan.sample(tmp.resolve("ema"), 50, 3);
        INDArray b = gan.sample(tmp.resolve("plain"), 50, 3);
        assertThat(a.equalsWithEps(b, 1e-6)).isFalse();
    }

    @Test
    void aResumedRunContinuesTheSameAverage() throws Exception {
        Gan4j gan = engine();
        ExperimentConfig full = gan.parseConfig(CONFIG, List.of());
        RunResult straight = gan.train(full, tmp.resolve("straight"), QUIET, new TrainingHandle());
        gan.train(gan.parseConfig(CONFIG, List.of("training.steps=4")), tmp.resolve("split"), QUIET, new TrainingHandle());
        RunResult resumed = gan.resume(tmp.resolve("split"), 6L, QUIET, new TrainingHandle());
        assertThat(floats(Checkpoint.read(resumed.checkpoint()).ema().get("G")))
                .containsExactly(floats(Checkpoint.read(straight.checkpoint()).ema().get("G")));
    }
}
