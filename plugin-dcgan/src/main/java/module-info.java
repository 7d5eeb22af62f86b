/** DCGAN (Radford et al. 2016): the convolutional generator and discriminator for 28, 32 and 64 px images. */
module gan4j.plugin.dcgan {
    requires gan4j.nn;

    exports org.gan4j.dcgan;

    provides org.gan4j.api.Generator with org.gan4j.dcgan.DcganGenerator;
    provides org.gan4j.api.Discriminator with org.gan4j.dcgan.DcganDiscriminator;
}
