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
     * @param dropout dropout probability after every hidden layer; Goodfellow et al. (2014) trained their MNIST
     *     discriminator with dropout (their pylearn2 setup: 0.5 on the hidden layers, 0.2 on the input), and so do
     *     most MLP GANs on MNIST since; 0 = none
     * @param maxout maxout pieces per hidden unit in place of LeakyReLU: each hidden layer is a dense layer of
     *     {@code width × maxout} and the maximum over each unit's pieces (Goodfellow et al. 2013). The GAN paper's
     *     MNIST discriminator and PacGAN's 2-D critics are maxout networks (5 pieces in PacGAN); 0 = LeakyReLU
     */
    public record Config(
            @Param(value = "[512, 256]", doc = "hidden layer widths", min = "1", max = "1000000") List<Integer> hidden,
            @Param(value = "0.2", doc = "LeakyReLU negative slope", min = "0", max = "1") double slope,
            @Param(value = "false", doc = "spectral normalisation of every weight (Lipschitz critic without clipping)")
            boolean spectralNorm,
            @Param(value = "0", doc = "dropout probability after every hidden layer (Goodfellow et al.'s D); 0 = none", min = "0", max = "0.99")
            double dropout,
            @Param(value = "0", doc = "maxout pieces per hidden unit instead of LeakyReLU (GAN paper, PacGAN: 5); 0 = LeakyReLU", min = "0", max = "64")
            int maxout) {

        /** Copies the list. */
        public Config {
            hidden = List.copyOf(hidden);
            if (maxout == 1) {
                throw new org.gan4j.api.ConfigException("maxout: 1 piece is a plain dense layer; use 0 (LeakyReLU) or 2 and more");
            }
        }

        /**
         * Settings without maxout.
         *
         * @param hidden widths of the hidden layers
         * @param slope LeakyReLU negative slope
         * @param spectralNorm spectrally normalise every weight
         * @param dropout dropout after every hidden layer
         */
        public Config(List<Integer> hidden, double slope, boolean spectralNorm, double dropout) {
            this(hidden, slope, spectralNorm, dropout, 0);
        }

        /**
         * Settings without dropout.
         *
         * @param hidden widths of the hidden layers
         * @param slope LeakyReLU negative slope
         * @param spectralNorm spectrally normalise every weight
         */
        public Config(List<Integer> hidden, double slope, boolean spectralNorm) {
            this(hidden, slope, spectralNorm, 0);
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
            b.dense(config.maxout() > 0 ? (long) width * config.maxout() : width);
            if (config.spectralNorm()) {
                b.spectralNorm();
            }
            if (config.maxout() > 0) {
                b.maxout(config.maxout());
            } else {
                b.leakyRelu(config.slope());
            }
            if (config.dropout() > 0) {
                b.dropout(config.dropout());
            }
        }
        b.dense(1);
        if (config.spectralNorm()) {
            b.spectralNorm();
        }
        return b.build(context.seed());
    }
}
