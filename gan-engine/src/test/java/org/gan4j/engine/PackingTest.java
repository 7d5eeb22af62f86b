package org.gan4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.api.ConfigException;
import org.gan4j.engine.config.ExperimentConfig;
import org.gan4j.engine.internal.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pack: m} on a discriminator block: bound, saved, refused where it makes no sense, and trained with. */
class PackingTest {
    @TempDir
    Path tmp;

    private static final String CONFIG = """
            name: packing
            seed: 2
            data: {type: ring, size: 2000}
            networks:
              G: {type: tiny-generator, width: 8}
              D: {type: tiny-discriminator, pack: 4}
            loss: {type: test-hinge}
            training: {steps: 8, batch_size: 32, workers: 2}
            checkpoints: {every: 8}
            samples: {every: 0, count: 10}
            metrics: {every: 4}
            """;

    private Gan4j engine() throws Exception {
        return Gan4j.create(PluginLoader.load(TestPlugin.standardPlugins(tmp)));
    }

    @Test
    void aPackingDiscriminatorIsBuiltForMSamplesAndTrainsUnderWorkers() throws Exception {
        Gan4j gan = engine();
        ExperimentConfig config = gan.parseConfig(CONFIG, List.of());
        assertThat(config.networks().get("D").pack()).isEqualTo(4);
        assertThat(config.networks().get("G").pack()).isEqualTo(1);
        assertThat(gan.toYaml(config)).contains("pack: 4");
        // the tiny discriminator flattens its input into dense(16): 2·4 inputs packed instead of 2
        assertThat(gan.validate(config)).contains("D=161");
        assertThat(gan.validate(gan.parseConfig(CONFIG, List.of("networks.D.pack=1")))).contains("D=65");

        RunResult r = gan.train(config, tmp.resolve("run"), new TrainingListener() { }, new TrainingHandle());
        assertThat(r.steps()).isEqualTo(8);
        assertThat(Checkpoint.read(r.checkpoint()).params().get("D").length()).isEqualTo(161);
        // the saved config packs again when resumed
        assertThat(Files.readString(tmp.resolve("run/config.yaml"))).contains("pack: 4");
    }

    @Test
    void packingWhereItMeansNothingIsRefusedWithThePath() throws Exception {
        Gan4j gan = engine();
        assertThatThrownBy(() -> gan.parseConfig(CONFIG.replace("width: 8}", "width: 8, pack: 2}"), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("networks.G.pack: only a discriminator packs samples (PacGAN); 'tiny-generator' is a generator");
        assertThatThrownBy(() -> gan.parseConfig(CONFIG, List.of("networks.D.pack=0")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("networks.D.pack: expected a whole number from 1 to 64, got '0'");
        assertThat(gan.parseConfig(CONFIG, List.of("networks.D.pack=2")).networks().get("D").pack()).isEqualTo(2);
        ExperimentConfig odd = gan.parseConfig(CONFIG, List.of("training.batch_size=30"));
        assertThatThrownBy(() -> gan.train(odd, tmp.resolve("odd"), new TrainingListener() { }, new TrainingHandle()))
                .isInstanceOf(org.gan4j.api.TrainingException.class)
                .hasMessageContaining("does not split into groups of 4");
    }
}
