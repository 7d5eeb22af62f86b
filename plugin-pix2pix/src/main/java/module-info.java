/**
 * pix2pix (Isola et al. 2017): paired image-to-image translation with a conditional GAN plus an L1 term. The
 * networks (U-Net generator, PatchGAN discriminator) come from plugin-layers by name.
 */
module gan4j.plugin.pix2pix {
    requires gan4j.nn;

    exports org.gan4j.pix2pix;

    provides org.gan4j.api.TrainingSchedule with org.gan4j.pix2pix.Pix2pixSchedule;
}
