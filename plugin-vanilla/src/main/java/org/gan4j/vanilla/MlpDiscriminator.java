package org.gan4j.vanilla;

import java.util.List;
import org.gan4j.api.Discriminator;
import org.gan4j.api.GanApi;
import org.gan4j.api.Param;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;
import org.gan4j.api.train.Labels;
import org.gan4j.nn.Sequential;

/**
 * A multilayer-perceptron discriminator: flattened sample → dense+LeakyReLU layers → one logit. The logit is raw;
 * the loss applies the sigmoid in stable form. Under a conditional schedule it takes flatten(x) ⊕ one-hot(y).
 */
public final class MlpDiscriminator implements Discriminator<MlpDiscriminator.Config> {

    /**
     * Settings of {@code mlp-discriminator}.
     *
     * @param hidden widths of the hidden layers
     * @param slope LeakyReLU negative slope
     */
    public record Config(
            @Param(value = "[512, 256]", doc = "hidden layer widths") List<Integer> hidden,
            @Param(value = "0.2", doc = "LeakyReLU negative slope") double slope) {

        /** Copies the list. */
        public Config {
            hidden = List.copyOf(hidden);
        }
    }

    @Override
    public String name() {
        return "mlp-discriminator";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public String apiVersion() {
        return GanApi.VERSION;
    }

    @Override
    public String description() {
        return "MLP discriminator x → [dense + LeakyReLU]* → logit";
    }

    @Override
    public Network build(Config config, NetworkContext context) {
        Sequential.Builder b = context.conditional()
                ? Sequential.builder(Labels.discriminatorShape(context.sampleShape(), context.numClasses(), true))
                : Sequential.builder(context.sampleShape()).flatten();
        for (int width : config.hidden()) {
            b.dense(width).leakyRelu(config.slope());
        }
        return b.dense(1).build(context.seed());
    }
}
