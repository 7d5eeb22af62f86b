package org.gan4j.layers;

import org.gan4j.api.ConfigException;
import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Generator;
import org.gan4j.api.Param;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;

/** CycleGAN's ResNet generator ({@link Architectures#resnet}), image in, image out at the data's size. */
public final class ResnetGenerator extends Provider<ResnetGenerator.Config>
        implements Generator<ResnetGenerator.Config> {

    /**
     * Settings of {@code resnet-generator}.
     *
     * @param inChannels channels of the input image
     * @param outChannels channels of the output image
     * @param ngf filters of the first layer
     * @param blocks residual blocks; 0 = 6 below 256 px, 9 from 256 px (CycleGAN's choice)
     * @param norm instance or batch
     */
    public record Config(
            @Param(value = "3", doc = "channels of the input image", min = "1", max = "64") int inChannels,
            @Param(value = "3", doc = "channels of the output image", min = "1", max = "64") int outChannels,
            @Param(value = "64", doc = "filters of the first layer", min = "1", max = "4096") int ngf,
            @Param(value = "0", doc = "residual blocks; 0 = 6 below 256 px, 9 from 256 px", min = "0", max = "1000") int blocks,
            @Param(value = "instance", doc = "normalisation: instance | batch") String norm) {

        /** Validates the settings. */
        public Config {
            LayersConfigs.positive("in_channels", inChannels);
            LayersConfigs.positive("out_channels", outChannels);
            LayersConfigs.positive("ngf", ngf);
            LayersConfigs.norm(norm);
            if (blocks < 0) {
                throw new ConfigException("blocks: must be >= 0, got " + blocks);
            }
        }
    }

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public ResnetGenerator() {
        super("resnet-generator", Config.class, GanApi.VERSION,
                "CycleGAN ResNet generator: reflection padding, 2 down-samplings, residual blocks, 2 up-samplings, tanh");
    }

    @Override
    public Network build(Config c, NetworkContext context) {
        long size = LayersConfigs.squareSize(context);
        int blocks = c.blocks() > 0 ? c.blocks() : size >= 256 ? 9 : 6;
        try {
            return Architectures.resnet(c.inChannels(), c.outChannels(), size, c.ngf(), blocks,
                    LayersConfigs.norm(c.norm()), context.seed());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("networks." + context.role() + ": " + e.getMessage(), e);
        }
    }
}
