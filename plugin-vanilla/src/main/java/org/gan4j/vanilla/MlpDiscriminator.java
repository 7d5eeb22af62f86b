package org.gan4j.vanilla;

import java.util.List;
import org.gan4j.api.Discriminator;
import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Param;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;
import org.gan4j.api.train.Labels;
import org.gan4j.nn.Sequential;

/**
 * A multilayer-perceptron discriminator: flattened sample → dense+LeakyReLU layers → one logit. The logit is raw;
 * the loss applies the sigmoid in stable form. Under a conditional schedule it takes flatten(x) ⊕ one-hot(y).
 */
public final class MlpDiscriminator extends Provider<MlpDiscriminator.Config>
        implements Discriminator<MlpDiscriminator.Config> {

    /**
     * Settings of {@code mlp-discriminator}.
     *
     * @param hidden widths of the hidden layers
     * @param slope LeakyReLU negative slope
     * @param spectralNorm spectrally normalise every weight (Miyato et al. 2018), a Lipschitz constraint for WGAN
     *     critics without clipping
     */
    public record Config(
            @Param(value = "[512, 256]", doc = "hidden layer widths", min = "1", max = "1000000") List<Integer> hidden,
            @Param(value = "0.2", doc = "LeakyReLU negative slope", min = "0", max = "1") double slope,
            @Param(value = "false", doc = "spectral normalisation of every weight (Lipschitz critic without clipping)")
            boolean spectralNorm) {

        /** Copies the list. */
        public Config {
            hidden = List.copyOf(hidden);
        }

        /**
         * Settings without spectral normalisation.
         *
         * @param hidden widths of the hidden layers
         * @param slope LeakyReLU negative slope
         */
        public Config(List<Integer> hidden, double slope) {
            this(hidden, slope, false);
        }
    }

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public MlpDiscriminator() {
        super("mlp-discriminator", Config.class, GanApi.VERSION,
                "MLP discriminator x → [dense + LeakyReLU]* → logit");
    }

    @Override
    public Network build(Config config, NetworkContext context) {
        Sequential.Builder b = context.conditional()
                ? Sequential.builder(Labels.discriminatorShape(context.sampleShape(), context.numClasses(), true))
                : Sequential.builder(context.sampleShape()).flatten();
        for (int width : config.hidden()) {
            b.dense(width);
            if (config.spectralNorm()) {
                b.spectralNorm();
            }
            b.leakyRelu(config.slope());
        }
        b.dense(1);
        if (config.spectralNorm()) {
            b.spectralNorm();
        }
        return b.build(context.seed());
    }
}
