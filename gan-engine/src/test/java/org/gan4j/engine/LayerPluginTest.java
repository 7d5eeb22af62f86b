package org.gan4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.gan4j.api.registry.ProviderInfo;
import org.gan4j.api.registry.Registry;
import org.gan4j.nn.Layer;
import org.gan4j.nn.LayerArgs;
import org.gan4j.nn.LayerType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A YAML layer from a plugin jar joins gan-nn's own in the registry (the {@code layer} kind the engine adds), is listed
 * like any provider, and builds from its arguments.
 */
class LayerPluginTest {
    @TempDir
    Path tmp;

    private static final String LAYER = """
            package doubling;
            import org.gan4j.api.*;
            import org.gan4j.nn.*;
            import org.nd4j.linalg.api.ndarray.INDArray;
            public final class Doubling extends Provider<NoConfig> implements LayerType {
                public Doubling() { super("times", NoConfig.class, GanApi.VERSION, "x times a factor"); }
                public Layer create(LayerArgs a) {
                    double k = a.real();
                    return new Layer() {
                        public long[] outputShape(long[] s) { return s; }
                        public INDArray forward(INDArray x, boolean t) { return x.mul(k); }
                        public INDArray backward(INDArray g, boolean p) { return g.mul(k); }
                        public Layer copy() { return this; }
                    };
                }
            }
            """;

    @Test
    void aPluginLayerIsFoundListedAndBuilt() throws Exception {
        Path plugins = TestPlugin.standardPlugins(tmp);
        PluginJars.build(tmp, plugins.resolve("times.jar"), Map.of("doubling/Doubling.java", LAYER),
                Map.of("META-INF/services/org.gan4j.nn.LayerType", "doubling.Doubling\n"));
        Registry registry = PluginLoader.load(plugins);
        assertThat(registry.problems()).isEmpty();
        Map<String, LayerType> layers = registry.all(LayerType.class);
        assertThat(layers).containsKeys("times", "dense", "conv-transpose", "batch-norm", "residual");
        assertThat(layers).hasSize(16);
        assertThat(registry.providers()).extracting(ProviderInfo::kind).contains("layer");
        Layer times = layers.get("times").create(new LayerArgs(3.0, Map.of(), "networks.D.layers[0].times",
                (item, path) -> { throw new AssertionError(); }));
        assertThat(times.forward(Nd4j.createFromArray(1.0, 2.0), false).toDoubleVector()).containsExactly(3, 6);
        // a registry built without the kind has no layers, and says nothing is wrong
        assertThat(Registry.standard().all(LayerType.class)).isEmpty();
    }
}
