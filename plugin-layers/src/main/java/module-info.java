/** Generators and discriminators from gan-nn layers: YAML layer lists, U-Net, ResNet generator, PatchGAN. */
module gan4j.plugin.layers {
    requires gan4j.nn;

    exports org.gan4j.layers;

    uses org.gan4j.nn.LayerType;

    provides org.gan4j.api.Generator with org.gan4j.layers.SequentialGenerator, org.gan4j.layers.UnetGenerator,
            org.gan4j.layers.ResnetGenerator;
    provides org.gan4j.api.Discriminator with org.gan4j.layers.SequentialDiscriminator,
            org.gan4j.layers.PatchGanDiscriminator;
}
