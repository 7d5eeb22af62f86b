package org.gan4j.dl4j;

import org.gan4j.api.Discriminator;
import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;

/** {@code dl4j-discriminator}: a DL4J MultiLayerConfiguration as a discriminator (a sample → one logit). */
public final class Dl4jDiscriminator extends Provider<Dl4jNetworks.Config> implements Discriminator<Dl4jNetworks.Config> {

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public Dl4jDiscriminator() {
        super("dl4j-discriminator", Dl4jNetworks.Config.class, GanApi.VERSION,
                "a DeepLearning4J MultiLayerConfiguration (JSON file or registered from Java) as the discriminator");
    }

    @Override
    public Network build(Dl4jNetworks.Config config, NetworkContext context) {
        return Dl4jNetworks.build(config, context, false);
    }
}
