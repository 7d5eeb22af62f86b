package org.gan4j.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Sources of small third-party plugins, compiled into jars by {@link PluginJars}. */
final class TestPlugin {
    private TestPlugin() {
    }

    static final String GENERATOR = """
            package testplugin;
            import org.gan4j.api.*;
            import org.gan4j.api.nn.*;
            import org.gan4j.nn.Sequential;
            public final class TinyGenerator implements Generator<TinyGenerator.Config> {
                public record Config(@Param(value = "16", doc = "hidden width") int width) { }
                public String name() { return "tiny-generator"; }
                public Class<Config> configType() { return Config.class; }
                public String apiVersion() { return GanApi.VERSION; }
                public Network build(Config c, NetworkContext ctx) {
                    return Sequential.builder(2).dense(c.width()).leakyRelu(0.2).dense(ctx.sampleSize())
                            .reshape(ctx.sampleShape()).build(ctx.seed());
                }
            }
            """;

    static final String DISCRIMINATOR = """
            package testplugin;
            import org.gan4j.api.*;
            import org.gan4j.api.nn.*;
            import org.gan4j.nn.Sequential;
            public final class TinyDiscriminator implements Discriminator<NoConfig> {
                public String name() { return "tiny-discriminator"; }
                public Class<NoConfig> configType() { return NoConfig.class; }
                public String apiVersion() { return GanApi.VERSION; }
                public Network build(NoConfig c, NetworkContext ctx) {
                    return Sequential.builder(ctx.sampleShape()).flatten().dense(16).leakyRelu(0.2).dense(1).build(ctx.seed());
                }
            }
            """;

    /** Hinge loss: D minimises mean relu(1 - r) + mean relu(1 + f), G minimises -mean f. */
    static final String LOSS = """
            package testloss;
            import org.gan4j.api.*;
            import org.gan4j.api.train.AdversarialLoss;
            import org.nd4j.linalg.api.ndarray.INDArray;
            import org.nd4j.linalg.factory.Nd4j;
            public final class HingeLoss implements Loss<NoConfig> {
                public String name() { return "test-hinge"; }
                public Class<NoConfig> configType() { return NoConfig.class; }
                public String apiVersion() { return GanApi.VERSION; }
                public AdversarialLoss create(NoConfig c) {
                    return new AdversarialLoss() {
                        public DiscriminatorLoss discriminator(INDArray r, INDArray f) {
                            double[] rv = r.toDoubleVector(), fv = f.toDoubleVector();
                            double v = 0; double[] gr = new double[rv.length], gf = new double[fv.length];
                            for (int i = 0; i < rv.length; i++) { v += Math.max(0, 1 - rv[i]) / rv.length; gr[i] = rv[i] < 1 ? -1.0 / rv.length : 0; }
                            for (int i = 0; i < fv.length; i++) { v += Math.max(0, 1 + fv[i]) / fv.length; gf[i] = fv[i] > -1 ? 1.0 / fv.length : 0; }
                            return new DiscriminatorLoss(v, Nd4j.create(gr, r.shape(), 'c').castTo(r.dataType()),
                                    Nd4j.create(gf, f.shape(), 'c').castTo(f.dataType()));
                        }
                        public GeneratorLoss generator(INDArray f) {
                            return new GeneratorLoss(-f.meanNumber().doubleValue(),
                                    Nd4j.valueArrayOf(f.shape(), -1.0 / f.length(), f.dataType()));
                        }
                    };
                }
            }
            """;

    static final String LOSS_MODULE_INFO = """
            module test.loss {
                requires gan4j.api;
                provides org.gan4j.api.Loss with testloss.HingeLoss;
            }
            """;

    /** A modular jar with the hinge loss: it needs only gan4j.api, so it loads as a module layer. */
    static Path lossJar(Path work, Path dir) throws IOException {
        return PluginJars.build(work, dir.resolve("test-loss.jar"),
                Map.of("module-info.java", LOSS_MODULE_INFO, "testloss/HingeLoss.java", LOSS),
                Map.of("META-INF/services/org.gan4j.api.Loss", "testloss.HingeLoss\n"));
    }

    /**
     * A plugins directory with the hinge loss and the two small networks, the set most engine tests train with.
     *
     * @param work scratch space; the directory is {@code work/plugins}
     * @return the directory, for {@link PluginLoader#load} (more jars may be added first)
     */
    static Path standardPlugins(Path work) throws IOException {
        Path dir = Files.createDirectories(work.resolve("plugins"));
        lossJar(work, dir);
        networksJar(work, dir);
        return dir;
    }

    /** A plain (non-modular) jar with two small networks built from gan-nn. */
    static Path networksJar(Path work, Path dir) throws IOException {
        return PluginJars.build(work, dir.resolve("tiny-networks.jar"),
                Map.of("testplugin/TinyGenerator.java", GENERATOR, "testplugin/TinyDiscriminator.java", DISCRIMINATOR),
                Map.of("META-INF/services/org.gan4j.api.Generator", "testplugin.TinyGenerator\n",
                       "META-INF/services/org.gan4j.api.Discriminator", "testplugin.TinyDiscriminator\n"));
    }

    /** A class-path plugin (no module-info) with one provider of the given body, registered as a Loss. */
    static Path loss(Path work, Path dir, String jarName, String className, String body) throws IOException {
        String src = "package bad;\nimport org.gan4j.api.*;\nimport org.gan4j.api.train.AdversarialLoss;\n"
                + "public final class " + className + " implements Loss<NoConfig> {\n" + body
                + "\n public Class<NoConfig> configType() { return NoConfig.class; }\n"
                + " public AdversarialLoss create(NoConfig c) { return null; }\n}\n";
        return PluginJars.build(work, dir.resolve(jarName), Map.of("bad/" + className + ".java", src),
                Map.of("META-INF/services/org.gan4j.api.Loss", "bad." + className + "\n"));
    }

    static Path garbage(Path dir) throws IOException {
        return Files.write(dir.resolve("broken.jar"), new byte[] {1, 2, 3, 4, 5});
    }
}
