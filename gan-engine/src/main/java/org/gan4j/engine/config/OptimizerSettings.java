package org.gan4j.engine.config;

import org.gan4j.api.Param;

/** Settings of the built-in optimizers ({@code type: adam | sgd | rmsprop}). */
public final class OptimizerSettings {
    private OptimizerSettings() {
    }

    /**
     * Adam (Kingma and Ba); the defaults are DCGAN's, which most GAN papers since use.
     *
     * @param lr learning rate
     * @param beta1 first-moment decay
     * @param beta2 second-moment decay
     * @param epsilon numerical stabiliser
     */
    public record Adam(
            @Param(value = "2e-4", doc = "learning rate", min = "0", max = "10") double lr,
            @Param(value = "0.5", doc = "first-moment decay β1", min = "0", max = "0.9999999") double beta1,
            @Param(value = "0.999", doc = "second-moment decay β2", min = "0", max = "0.9999999") double beta2,
            @Param(value = "1e-8", doc = "ε", min = "0", max = "1") double epsilon) {
    }

    /**
     * Stochastic gradient descent with classic (heavy-ball) momentum, as in PyTorch.
     *
     * @param lr learning rate
     * @param momentum momentum, 0 for plain SGD
     */
    public record Sgd(
            @Param(value = "0.01", doc = "learning rate", min = "0", max = "10") double lr,
            @Param(value = "0.9", doc = "momentum; 0 = plain SGD", min = "0", max = "1") double momentum) {
    }

    /**
     * RMSprop, as used by WGAN (PyTorch's update rule).
     *
     * @param lr learning rate
     * @param decay squared-gradient decay
     * @param epsilon numerical stabiliser
     */
    public record RmsProp(
            @Param(value = "5e-5", doc = "learning rate", min = "0", max = "10") double lr,
            @Param(value = "0.99", doc = "squared-gradient decay α", min = "0", max = "1") double decay,
            @Param(value = "1e-8", doc = "ε", min = "0", max = "1") double epsilon) {
    }
}
