/**
 * The conditional GAN of Mirza &amp; Osindero (2014): a schedule that feeds one-hot labels into the generator and
 * the discriminator. Any network whose provider honours {@link org.gan4j.api.nn.NetworkContext#conditional()} works
 * with it: the MLP networks (labels concatenated, the paper's form) and the DCGAN networks (label planes).
 */
module gan4j.plugin.cgan {
    requires gan4j.api;

    exports org.gan4j.cgan;

    provides org.gan4j.api.TrainingSchedule with org.gan4j.cgan.CganSchedule;
}
