/** Generators and discriminators written in YAML as a list of gan-nn layers. */
module gan4j.plugin.layers {
    requires gan4j.nn;

    exports org.gan4j.layers;

    provides org.gan4j.api.Generator with org.gan4j.layers.SequentialGenerator;
    provides org.gan4j.api.Discriminator with org.gan4j.layers.SequentialDiscriminator;
}
