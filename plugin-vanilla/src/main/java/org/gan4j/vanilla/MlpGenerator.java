package org.gan4j.vanilla;

import java.util.List;
import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Generator;
import org.gan4j.api.Param;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;
import org.gan4j.nn.Sequential;

/**
 * A multilayer-perceptron generator in the style of Goodfellow et al. (2014): z → dense+LeakyReLU layers → one value
 * per data value, tanh for data scaled to [-1, 1] (images) or linear for unbounded data (2-D toys). Use it for MNIST
 * and toy distributions; convolutional data wants {@code dcgan-generator}. Under a conditional schedule it takes
 * z ⊕ one-hot(y) (Mirza &amp; Osindero 2014).
 */
public final class MlpGenerator extends Provider<MlpGenerator.Config> implements Generator<MlpGenerator.Config> {

    /**
     * Settings of {@code mlp-generator}.
     *
     * @param latentDim size of z
     * @param hidden widths of the hidden layers
     * @param slope LeakyReLU negative slope (0 = ReLU)
     * @param output {@code tanh} or {@code linear}
     */
    public record Config(
            @Param(value = "100", doc = "size of the latent vector z", min = "1", max = "1000000") int latentDim,
            @Param(value = "[256, 512, 1024]", doc = "hidden layer widths", min = "1", max = "1000000") List<Integer> hidden,
            @Param(value = "0.2", doc = "LeakyReLU negative slope", min = "0", max = "1") double slope,
            @Param(value = "tanh", doc = "output activation: tanh (data in [-1, 1]) | linear") String output) {

        /** Validates the settings. */
        public Config {
            if (latentDim < 1) {
                throw new org.gan4j.api.ConfigException("latent_dim: must be >= 1, got " + latentDim);
            }
            if (!output.equals("tanh") && !output.equals("linear")) {
                throw new org.gan4j.api.ConfigException("output: expected tanh or linear, got '" + output + "'");
            }
            hidden = List.copyOf(hidden);
        }
    }

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public MlpGenerator() {
        super("mlp-generator", Config.class, GanApi.VERSION,
                "MLP generator z → [dense + LeakyReLU]* → tanh|linear (Goodfellow et al. 2014)");
    }

    @Override
    public Network build(Config config, NetworkContext context) {
        Sequential.Builder b = Sequential.builder(config.latentDim() + context.labelInputs());
        for (int width : config.hidden()) {
            b.dense(width).leakyRelu(config.slope());
        }
        b.dense(context.sampleSize());
        if (config.output().equals("tanh")) {
            b.tanh();
        }
        return b.reshape(context.sampleShape()).build(context.seed());
    }
}
