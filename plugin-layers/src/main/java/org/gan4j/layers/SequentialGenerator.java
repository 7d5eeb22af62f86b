package org.gan4j.layers;

import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Generator;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;

/**
 * A generator written in YAML as a list of layers; its output must have the data's sample shape. Use it for
 * architectures that no variant plugin provides, and for benchmarks that must match a reference network exactly.
 */
public final class SequentialGenerator extends Provider<SequentialConfig> implements Generator<SequentialConfig> {

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public SequentialGenerator() {
        super("sequential-generator", SequentialConfig.class, GanApi.VERSION,
                "generator from a YAML list of layers (dense, conv, conv_transpose, batch_norm, activations, reshape)");
    }

    @Override
    public Network build(SequentialConfig config, NetworkContext context) {
        return LayerSpec.build(config, context, context.sampleShape());
    }
}
