package org.gan4j.layers;

import org.gan4j.api.ConfigException;
import org.gan4j.api.Discriminator;
import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Param;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;

/**
 * The N-layer PatchGAN ({@link Architectures#patchGan}): one logit per overlapping patch (70×70 with 3 layers), the
 * discriminator of pix2pix and CycleGAN. Losses average over the map.
 */
public final class PatchGanDiscriminator extends Provider<PatchGanDiscriminator.Config>
        implements Discriminator<PatchGanDiscriminator.Config> {

    /**
     * Settings of {@code patchgan-discriminator}.
     *
     * @param inChannels input channels; 0 = the data's channels (pix2pix: input and target stacked)
     * @param ndf filters of the first layer
     * @param layers stride-2 layers (3: 70×70 receptive field)
     * @param norm batch or instance
     */
    public record Config(
            @Param(value = "0", doc = "input channels; 0 = the data's channels", min = "0", max = "64") int inChannels,
            @Param(value = "64", doc = "filters of the first layer", min = "1", max = "4096") int ndf,
            @Param(value = "3", doc = "stride-2 layers; 3 gives 70×70 patches", min = "1", max = "10") int layers,
            @Param(value = "batch", doc = "normalisation: batch | instance (instance adds conv biases)") String norm) {

        /** Validates the settings. */
        public Config {
            if (inChannels < 0) {
                throw new ConfigException("in_channels: must be >= 0, got " + inChannels);
            }
            LayersConfigs.positive("ndf", ndf);
            LayersConfigs.positive("layers", layers);
            LayersConfigs.norm(norm);
        }
    }

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public PatchGanDiscriminator() {
        super("patchgan-discriminator", Config.class, GanApi.VERSION,
                "N-layer PatchGAN (70×70 with 3 layers): one logit per image patch, for pix2pix and CycleGAN");
    }

    @Override
    public Network build(Config c, NetworkContext context) {
        long size = LayersConfigs.squareSize(context);
        long in = c.inChannels() > 0 ? c.inChannels() : context.sampleShape()[0];
        try {
            return Architectures.patchGan(in, size, c.ndf(), c.layers(), LayersConfigs.norm(c.norm()), context.seed());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("networks." + context.role() + ": " + e.getMessage(), e);
        }
    }
}
