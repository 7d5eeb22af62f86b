package org.gan4j.dl4j;

import org.gan4j.api.GanApi;
import org.gan4j.api.Generator;
import org.gan4j.api.Provider;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;

/** {@code dl4j-generator}: a DL4J MultiLayerConfiguration as a generator (noise of shape {@code input} → a sample). */
public final class Dl4jGenerator extends Provider<Dl4jNetworks.Config> implements Generator<Dl4jNetworks.Config> {

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public Dl4jGenerator() {
        super("dl4j-generator", Dl4jNetworks.Config.class, GanApi.VERSION,
                "a DeepLearning4J MultiLayerConfiguration (JSON file or registered from Java) as the generator");
    }

    @Override
    public Network build(Dl4jNetworks.Config config, NetworkContext context) {
        return Dl4jNetworks.build(config, context, true);
    }
}
