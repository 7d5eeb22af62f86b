package org.gan4j.layers;

import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Discriminator;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;

/** A discriminator written in YAML as a list of layers, ending in one raw score per sample. */
public final class SequentialDiscriminator extends Provider<SequentialConfig>
        implements Discriminator<SequentialConfig> {

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public SequentialDiscriminator() {
        super("sequential-discriminator", SequentialConfig.class, GanApi.VERSION,
                "discriminator from a YAML list of layers (dense, conv, conv_transpose, batch_norm, activations, reshape)");
    }

    @Override
    public Network build(SequentialConfig config, NetworkContext context) {
        return LayerSpec.build(config, context, new long[] {1});
    }
}
