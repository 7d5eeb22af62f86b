/**
 * The Wasserstein GAN of Arjovsky et al. (2017): the critic loss whose negative estimates the Earth-Mover distance,
 * and the critic schedule with n_critic critic steps per generator step and weight clipping.
 */
module gan4j.plugin.wgan {
    requires gan4j.nn;

    exports org.gan4j.wgan;

    provides org.gan4j.api.Loss with org.gan4j.wgan.WassersteinLoss;
    provides org.gan4j.api.TrainingSchedule with org.gan4j.wgan.WganSchedule;
}
