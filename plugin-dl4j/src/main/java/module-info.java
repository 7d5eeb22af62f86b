/**
 * DeepLearning4J networks in gan4j: a {@code MultiLayerConfiguration} (JSON, or registered from Java) used as a
 * generator or discriminator by name in YAML, trained by gan4j's schedules and optimizers through the
 * {@link org.gan4j.api.nn.Network} contract, checkpointed and resumed like any network.
 */
module gan4j.plugin.dl4j {
    requires gan4j.api;

    exports org.gan4j.dl4j;

    provides org.gan4j.api.Generator with org.gan4j.dl4j.Dl4jGenerator;
    provides org.gan4j.api.Discriminator with org.gan4j.dl4j.Dl4jDiscriminator;
}
