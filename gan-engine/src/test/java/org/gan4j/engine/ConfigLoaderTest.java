package org.gan4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.api.ConfigException;
import org.gan4j.api.registry.Registry;
import org.gan4j.engine.builtin.ToyDataSource;
import org.gan4j.engine.config.ConfigBinder;
import org.gan4j.engine.config.ConfigLoader;
import org.gan4j.engine.config.TrainingConfig;
import org.gan4j.engine.config.ExperimentConfig;
import org.gan4j.engine.optim.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** YAML binding: defaults, overrides, and one clear message with a path for every kind of mistake. */
class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader(Registry.standard());

    /** Networks resolve against no provider here, so these configs use data/schedule/optimizer keys only. */
    private ExperimentConfig bind(String yaml, String... overrides) {
        return loader.bind(ConfigLoader.parse(yaml, "test.yaml"), List.of(overrides));
    }

    @Test
    void malformedYamlReportsLineAndColumn(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, "name: x\ndata: {type: ring\ntraining:\n  steps: 3\n");
        assertThatThrownBy(() -> loader.load(f, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageMatching("(?s).*bad\\.yaml:\\d+:\\d+: malformed YAML: .*");
        Path g = tmp.resolve("tabs.yaml");
        Files.writeString(g, "name: x\n  seed: 1\n");
        assertThatThrownBy(() -> loader.load(g, List.of())).hasMessageStartingWith(g + ":2:");
    }

    @Test
    void missingFileIsBadInput(@TempDir Path tmp) {
        assertThatThrownBy(() -> loader.load(tmp.resolve("nope.yaml"), List.of()))
                .isInstanceOf(ConfigException.class).hasMessageEndingWith("nope.yaml: no such config file");
    }

    @Test
    void unknownKeysFailWithTheirPathAndTheKnownKeys() {
        assertThatThrownBy(() -> bind("data: {type: ring, radios: 3}\nnetworks: {}"))
                .hasMessage("data.radios: unknown key; known keys: modes, radius, std, size, seed");
        assertThatThrownBy(() -> ConfigBinder.bind(ConfigLoader.parse("stpes: 3", "x"), TrainingConfig.class, "training"))
                .hasMessage("training.stpes: unknown key; known keys: steps, batch_size, lr_decay_from, workers, threads, ema_decay, ema_start");
        assertThatThrownBy(() -> bind("data: {type: ring}\nnetworks: {}\nepochs: 3"))
                .hasMessageStartingWith("epochs: unknown key; known keys: name, seed, device, compute, data, networks,");
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        assertThatThrownBy(() -> bind("data: {type: cifar10}\nnetworks: {}"))
                .hasMessage("data.type: unknown data 'cifar10'; known: fashion-mnist, grid, image-folder, in-memory, mnist, paired-images, ring, synthetic, unpaired-images");
        assertThatThrownBy(() -> bind("data: {type: ring}\nnetworks: {G: {type: dcgan-generator}}"))
                .hasMessageStartingWith("networks.G.type: unknown generator or discriminator 'dcgan-generator'; known: ");
        assertThatThrownBy(() -> bind("data: {type: ring}\nnetworks: {}\nloss: {type: wasserstein}"))
                .hasMessage("loss.type: unknown loss 'wasserstein'; known: (none installed)");
    }

    @Test
    void wrongValueTypesSayWhatWasExpected() {
        assertThatThrownBy(() -> bind("data: {type: ring, modes: many}\nnetworks: {}"))
                .hasMessage("data.modes: expected a number, got 'many'");
        assertThatThrownBy(() -> ConfigBinder.bind(ConfigLoader.parse("steps: -3", "x"), TrainingConfig.class, "training"))
                .hasMessage("training.steps: must be in [0, 1000000000000], got -3");
        assertThatThrownBy(() -> bind("networks: {}")).hasMessageStartingWith("data: required key is missing");
        assertThatThrownBy(() -> ConfigBinder.bind(ConfigLoader.parse("reuse_fake: 1", "x"),
                org.gan4j.engine.builtin.AlternatingSchedule.Config.class, "schedule"))
                .hasMessage("schedule.reuse_fake: expected true or false, got '1'");
    }

    @Test
    void absentKeysTakeTheirDocumentedDefaults() {
        ToyDataSource.RingConfig ring = ConfigBinder.bind(
                ConfigLoader.parse("radius: 3.5", "x"), ToyDataSource.RingConfig.class, "data");
        assertThat(ring).isEqualTo(new ToyDataSource.RingConfig(8, 3.5, 0.02, 100000, 0));
        Adam.Settings adam = ConfigBinder.bind(null, Adam.Settings.class, "o");
        assertThat(adam).isEqualTo(new Adam.Settings(2e-4, 0.5, 0.999, 1e-8));
    }

    @Test
    void badOverrideSyntaxIsReported() {
        assertThatThrownBy(() -> bind("data: {type: ring}\nnetworks: {}", "training.steps"))
                .hasMessage("--set training.steps: expected key.path=value");
    }
}
