package org.gan4j.dcgan;

import org.gan4j.api.ConfigException;
import org.gan4j.api.Discriminator;
import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Param;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;

/** The DCGAN discriminator ({@link DcganNetworks#discriminator}) at the data's image size. */
public final class DcganDiscriminator extends Provider<DcganDiscriminator.Config>
        implements Discriminator<DcganDiscriminator.Config> {

    /**
     * Settings of {@code dcgan-discriminator}.
     *
     * @param ndf filters of the first layer
     */
    public record Config(@Param(value = "64", doc = "filters of the first layer; doubled per layer", min = "1", max = "4096") int ndf) {

        /** Validates the settings. */
        public Config {
            if (ndf < 1) {
                throw new ConfigException("ndf must be >= 1");
            }
        }
    }

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public DcganDiscriminator() {
        super("dcgan-discriminator", Config.class, GanApi.VERSION,
                "DCGAN discriminator: stride-2 convs with LeakyReLU(0.2), BatchNorm after the first, one logit (28, 32, 64 px)");
    }

    @Override
    public Network build(Config c, NetworkContext context) {
        long size = DcganNetworks.imageSize(context);
        return DcganNetworks.discriminator(c.ndf(), context.sampleShape()[0] + context.labelInputs(), size, context.seed());
    }
}
