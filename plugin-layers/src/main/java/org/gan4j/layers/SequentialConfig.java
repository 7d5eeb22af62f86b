package org.gan4j.layers;

import java.util.List;
import org.gan4j.api.ConfigException;
import org.gan4j.api.Param;

/**
 * Settings of {@code sequential-generator} and {@code sequential-discriminator}: a network as a YAML list of layers.
 *
 * @param input per-sample input shape; empty = the data's sample shape
 * @param layers the layers in order
 * @param init {@code pytorch} (PyTorch's default initialisation) or {@code dcgan} (convolutions N(0, 0.02),
 *     BatchNorm scale N(1, 0.02))
 */
public record SequentialConfig(
        @Param(value = "[]", doc = "per-sample input shape, e.g. [100] or [100, 1, 1]; [] = the data's sample shape", min = "1", max = "1000000")
        List<Long> input,
        @Param(doc = "layers in order: relu | tanh | batch_norm | instance_norm | flatten | leaky_relu | {dense: N, bias: b} | "
                + "{conv: C, kernel: k, stride: s, padding: p, bias: b} | {conv_transpose: C, …} | "
                + "{leaky_relu: slope} | {reshape: [C, H, W]} | {dropout: p} | {reflection_pad: p} | {residual: [layers]} | "
                + "{skip: [layers]} (U-Net: concat(x, f(x)))")
        List<Object> layers,
        @Param(value = "pytorch", doc = "initialisation: pytorch | dcgan") String init) {

    /** Validates the settings. */
    public SequentialConfig {
        input = List.copyOf(input);
        layers = List.copyOf(layers);
        if (!init.equals("pytorch") && !init.equals("dcgan")) {
            throw new ConfigException("init: expected pytorch or dcgan, got '" + init + "'");
        }
        if (layers.isEmpty()) {
            throw new ConfigException("layers: at least one layer is needed");
        }
    }
}
