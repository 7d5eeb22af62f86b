package org.gan4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.api.DataSource;
import org.gan4j.api.Generator;
import org.gan4j.api.Loss;
import org.gan4j.api.PluginException;
import org.gan4j.api.registry.ProviderInfo;
import org.gan4j.api.registry.Registry;
import org.gan4j.engine.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A variant built outside the reactor is found from a plugins directory and trains, both ways of loading. */
class PluginLoaderTest {
    @TempDir
    Path tmp;

    private static final String CONFIG = """
            name: external
            seed: 3
            data: {type: ring, size: 2000}
            networks:
              G: {type: tiny-generator, width: 8}
              D: {type: tiny-discriminator}
            loss: {type: test-hinge}
            training: {steps: 20, batch_size: 32}
            checkpoints: {every: 10}
            samples: {every: 0, count: 50}
            metrics: {every: 5}
            """;

    @Test
    void jarsLoadAsModuleLayersAndTrainTogether() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        TestPlugin.lossJar(tmp, plugins);
        TestPlugin.networksJar(tmp, plugins);
        Registry registry = PluginLoader.load(plugins);
        ProviderInfo loss = registry.find(Loss.class, "test-hinge");
        assertThat(loss.module()).isEqualTo("test.loss");
        assertThat(loss.provider().getClass().getModule().getLayer()).isNotEqualTo(ModuleLayer.boot());
        assertThat(loss.location()).endsWith("test-loss.jar");
        ProviderInfo gen = registry.find(Generator.class, "tiny-generator");
        // a jar without module-info becomes an automatic module of its own layer
        assertThat(gen.module()).isEqualTo("tiny.networks");
        assertThat(gen.location()).endsWith("tiny-networks.jar");
        trainsWithHingeLoss(registry);
    }

    @Test
    void modularJarAlsoLoadsOnTheClassPathAndTrains() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        TestPlugin.lossJar(tmp, plugins);
        TestPlugin.networksJar(tmp, plugins);
        Registry registry = PluginLoader.load(plugins, PluginLoader.Mode.CLASS_PATH);
        assertThat(registry.find(Loss.class, "test-hinge").module()).isEqualTo("test.loss (class path)");
        trainsWithHingeLoss(registry);
    }

    private void trainsWithHingeLoss(Registry registry) throws Exception {
        Gan4j gan = Gan4j.create(registry);
        ExperimentConfig config = gan.parseConfig(CONFIG, List.of());
        RunResult r = gan.train(config, tmp.resolve("run"), new TrainingListener() { }, new TrainingHandle());
        assertThat(r.steps()).isEqualTo(20);
        assertThat(r.checkpoint()).exists();
        // the hinge D loss starts near 2 (relu(1 - r) + relu(1 + f) with r, f ≈ 0); a BCE loss would start near 1.39
        String first = Files.readAllLines(tmp.resolve("run/metrics.jsonl")).get(0);
        double lossD = new com.fasterxml.jackson.databind.ObjectMapper().readTree(first).get("loss_d").asDouble();
        assertThat(lossD).isBetween(1.7, 2.3);
    }

    @Test
    void brokenThrowingAndIncompatiblePluginsAreSkippedAndReported() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        TestPlugin.lossJar(tmp, plugins);
        TestPlugin.networksJar(tmp, plugins);
        TestPlugin.garbage(plugins);
        TestPlugin.loss(tmp, plugins, "thrower.jar", "Thrower",
                " public Thrower() { throw new IllegalStateException(\"boom\"); }\n"
                + " public String name() { return \"thrower\"; }\n public String apiVersion() { return GanApi.VERSION; }");
        TestPlugin.loss(tmp, plugins, "future.jar", "Future",
                " public String name() { return \"future-loss\"; }\n public String apiVersion() { return \"2.0\"; }");
        TestPlugin.loss(tmp, plugins, "badname.jar", "BadName",
                " public String name() { return \"Bad_Name\"; }\n public String apiVersion() { return GanApi.VERSION; }");
        Registry registry = PluginLoader.load(plugins);
        assertThat(registry.names(Generator.class)).contains("tiny-generator");
        assertThat(registry.names(Loss.class)).contains("test-hinge").doesNotContain("thrower", "future-loss");
        assertThat(registry.problems()).hasSize(4);
        assertThat(String.join("\n", registry.problems()))
                .contains("broken.jar: not a readable jar")
                .contains("boom")
                .contains("'future-loss'").contains("built for gan4j API 2.0")
                .contains("'Bad_Name', which is not kebab-case");
    }

    @Test
    void twoProvidersWithOneNameAreAnError() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        String src = """
                package dup;
                import org.gan4j.api.*;
                import org.gan4j.api.data.Dataset;
                public final class Ring implements DataSource<NoConfig> {
                    public String name() { return "ring"; }
                    public Class<NoConfig> configType() { return NoConfig.class; }
                    public String apiVersion() { return GanApi.VERSION; }
                    public Dataset open(NoConfig c) { return null; }
                }
                """;
        PluginJars.build(tmp, plugins.resolve("dup.jar"), java.util.Map.of("dup/Ring.java", src),
                java.util.Map.of("META-INF/services/org.gan4j.api.DataSource", "dup.Ring\n"));
        assertThatThrownBy(() -> PluginLoader.load(plugins)).isInstanceOf(PluginException.class)
                .hasMessageContaining("two data providers are named 'ring'").hasMessageContaining("dup.jar");
    }

    @Test
    void unknownNamesListWhatExists() {
        Registry registry = Registry.standard();
        assertThatThrownBy(() -> registry.require(DataSource.class, "cifar"))
                .isInstanceOf(PluginException.class)
                .hasMessage("unknown data 'cifar'; known: fashion-mnist, grid, image-folder, in-memory, mnist, paired-images, ring, synthetic, unpaired-images");
    }

    @Test
    void aPluginWhoseCreateFailsOrReturnsNothingIsNamedAsBadInput() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        TestPlugin.networksJar(tmp, plugins);
        TestPlugin.loss(tmp, plugins, "null.jar", "NullLoss",
                " public String name() { return \"null-loss\"; }\n public String apiVersion() { return GanApi.VERSION; }");
        String throwing = "package bad;\nimport org.gan4j.api.*;\nimport org.gan4j.api.train.AdversarialLoss;\n"
                + "public final class ThrowingLoss implements Loss<NoConfig> {\n"
                + " public String name() { return \"throwing-loss\"; }\n public String apiVersion() { return GanApi.VERSION; }\n"
                + " public Class<NoConfig> configType() { return NoConfig.class; }\n"
                + " public AdversarialLoss create(NoConfig c) { throw new IllegalStateException(\"no GPU\"); }\n}\n";
        PluginJars.build(tmp, plugins.resolve("throwing.jar"), java.util.Map.of("bad/ThrowingLoss.java", throwing),
                java.util.Map.of("META-INF/services/org.gan4j.api.Loss", "bad.ThrowingLoss\n"));
        Gan4j gan = Gan4j.create(PluginLoader.load(plugins));
        assertThatThrownBy(() -> gan.validate(gan.parseConfig(CONFIG.replace("test-hinge", "null-loss"), List.of())))
                .isInstanceOf(org.gan4j.api.ConfigException.class)
                .hasMessage("loss: 'null-loss' created nothing (a bug in its plugin)");
        assertThatThrownBy(() -> gan.validate(gan.parseConfig(CONFIG.replace("test-hinge", "throwing-loss"), List.of())))
                .isInstanceOf(org.gan4j.api.ConfigException.class)
                .hasMessage("loss: 'throwing-loss' failed to start: java.lang.IllegalStateException: no GPU");
    }
}
