/**
 * Shared building blocks for gan4j networks: layers over plain ND4J ops and {@link org.gan4j.nn.Sequential}, which
 * implements the engine's {@link org.gan4j.api.nn.Network} contract. Plugins build their networks from these.
 */
module gan4j.nn {
    requires transitive gan4j.api;

    exports org.gan4j.nn;
}
