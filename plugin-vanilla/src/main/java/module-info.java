/**
 * The vanilla GAN of Goodfellow et al. (2014): MLP generator and discriminator, the minimax and non-saturating
 * losses, LSGAN's least-squares loss and the hinge loss.
 */
module gan4j.plugin.vanilla {
    requires gan4j.nn;

    // config records are public API (YAML binds to them; library users build them)
    exports org.gan4j.vanilla;

    provides org.gan4j.api.Generator with org.gan4j.vanilla.MlpGenerator;
    provides org.gan4j.api.Discriminator with org.gan4j.vanilla.MlpDiscriminator;
    provides org.gan4j.api.Loss with org.gan4j.vanilla.MinimaxLoss, org.gan4j.vanilla.NonSaturatingLoss,
            org.gan4j.vanilla.LeastSquaresLoss, org.gan4j.vanilla.HingeLoss;
}
