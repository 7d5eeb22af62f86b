package org.gan4j.dcgan;

import org.gan4j.api.ConfigException;
import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Generator;
import org.gan4j.api.Param;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;

/** The DCGAN generator ({@link DcganNetworks#generator}) at the data's image size. */
public final class DcganGenerator extends Provider<DcganGenerator.Config> implements Generator<DcganGenerator.Config> {

    /**
     * Settings of {@code dcgan-generator}.
     *
     * @param latentDim size of z
     * @param ngf filters of the last hidden layer (the first has ngf·4 at 28/32 px, ngf·8 at 64 px)
     */
    public record Config(
            @Param(value = "100", doc = "size of z", min = "1", max = "1000000") int latentDim,
            @Param(value = "64", doc = "filters of the last hidden layer; doubled towards z", min = "1", max = "4096") int ngf) {

        /** Validates the settings. */
        public Config {
            if (latentDim < 1 || ngf < 1) {
                throw new ConfigException("latent_dim and ngf must be >= 1");
            }
        }
    }

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public DcganGenerator() {
        super("dcgan-generator", Config.class, GanApi.VERSION,
                "DCGAN generator: z → 4×4 → stride-2 transposed convs with BatchNorm + ReLU → tanh (28, 32, 64 px)");
    }

    @Override
    public Network build(Config c, NetworkContext context) {
        long size = DcganNetworks.imageSize(context);
        return DcganNetworks.generator(c.latentDim() + context.labelInputs(), c.ngf(), context.sampleShape()[0], size, context.seed());
    }
}
