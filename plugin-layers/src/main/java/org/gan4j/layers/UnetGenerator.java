package org.gan4j.layers;

import org.gan4j.api.ConfigException;
import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Generator;
import org.gan4j.api.Param;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;

/**
 * pix2pix's U-Net generator ({@link Architectures#unet}). Its input is an image of {@code in_channels}, its output an
 * image of {@code out_channels}, both at the data's height and width.
 */
public final class UnetGenerator extends Provider<UnetGenerator.Config> implements Generator<UnetGenerator.Config> {

    /**
     * Settings of {@code unet-generator}.
     *
     * @param inChannels channels of the input image
     * @param outChannels channels of the output image
     * @param ngf filters of the outermost level
     * @param levels encoder levels; 0 = log2 of the image size (7 at 128 px, 8 at 256 px)
     * @param dropout dropout probability in the innermost levels - 5 decoder blocks
     * @param norm batch or instance
     */
    public record Config(
            @Param(value = "3", doc = "channels of the input image", min = "1", max = "64") int inChannels,
            @Param(value = "3", doc = "channels of the output image", min = "1", max = "64") int outChannels,
            @Param(value = "64", doc = "filters of the outermost level", min = "1", max = "4096") int ngf,
            @Param(value = "0", doc = "encoder levels; 0 = log2(image size): 7 at 128 px, 8 at 256 px", min = "0", max = "16") int levels,
            @Param(value = "0.5", doc = "dropout in the innermost (levels - 5) decoder blocks; pix2pix's noise", min = "0", max = "0.99") double dropout,
            @Param(value = "batch", doc = "normalisation: batch | instance") String norm) {

        /** Validates the settings. */
        public Config {
            LayersConfigs.positive("in_channels", inChannels);
            LayersConfigs.positive("out_channels", outChannels);
            LayersConfigs.positive("ngf", ngf);
            LayersConfigs.norm(norm);
            if (!(dropout >= 0 && dropout < 1)) {
                throw new ConfigException("dropout: expected a probability in [0, 1), got " + dropout);
            }
        }
    }

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public UnetGenerator() {
        super("unet-generator", Config.class, GanApi.VERSION,
                "pix2pix U-Net: stride-2 encoder, mirrored decoder with skip connections, BatchNorm, dropout, tanh");
    }

    @Override
    public Network build(Config c, NetworkContext context) {
        long size = LayersConfigs.squareSize(context);
        int levels = c.levels() > 0 ? c.levels() : 63 - Long.numberOfLeadingZeros(size);
        try {
            return Architectures.unet(c.inChannels(), c.outChannels(), size, levels, c.ngf(), c.dropout(),
                    LayersConfigs.norm(c.norm()), context.seed());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("networks." + context.role() + ": " + e.getMessage(), e);
        }
    }
}
