package org.gan4j.layers;

import org.gan4j.api.GanApi;
import org.gan4j.api.Discriminator;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;

/** A discriminator written in YAML as a list of layers, ending in one raw score per sample. */
public final class SequentialDiscriminator implements Discriminator<SequentialConfig> {

    @Override
    public String name() {
        return "sequential-discriminator";
    }

    @Override
    public Class<SequentialConfig> configType() {
        return SequentialConfig.class;
    }

    @Override
    public String apiVersion() {
        return GanApi.VERSION;
    }

    @Override
    public String description() {
        return "discriminator from a YAML list of layers (dense, conv, conv_transpose, batch_norm, activations, reshape)";
    }

    @Override
    public Network build(SequentialConfig config, NetworkContext context) {
        return LayerSpec.build(config, context, new long[] {1});
    }
}
