/**
 * The gan4j service API: the four GAN services ({@link org.gan4j.api.Generator}, {@link org.gan4j.api.Discriminator},
 * {@link org.gan4j.api.Loss}, {@link org.gan4j.api.TrainingSchedule}) plus {@link org.gan4j.api.DataSource}, the
 * {@link org.gan4j.api.nn.Network} contract the engine trains, and the {@link org.gan4j.api.registry.Registry} that
 * discovers providers with {@link java.util.ServiceLoader}.
 *
 * <p>ND4J appears in signatures but is not {@code requires}d: its module descriptors are broken, so it stays on the
 * class path and every gan4j module reads the unnamed module.
 */
module gan4j.api {
    requires org.slf4j;

    exports org.gan4j.api;
    exports org.gan4j.api.nn;
    exports org.gan4j.api.data;
    exports org.gan4j.api.train;
    exports org.gan4j.api.registry;

    uses org.gan4j.api.Generator;
    uses org.gan4j.api.Discriminator;
    uses org.gan4j.api.Loss;
    uses org.gan4j.api.TrainingSchedule;
    uses org.gan4j.api.DataSource;
    uses org.gan4j.api.UpdateRule;
    uses org.gan4j.api.Metric;
}
