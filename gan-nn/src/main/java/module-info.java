/**
 * Shared building blocks for gan4j networks: layers over plain ND4J ops and {@link org.gan4j.nn.Sequential}, which
 * implements the engine's {@link org.gan4j.api.nn.Network} contract. Plugins build their networks from these.
 */
module gan4j.nn {
    requires transitive gan4j.api;

    exports org.gan4j.nn;

    uses org.gan4j.nn.LayerType;
    provides org.gan4j.nn.LayerType with org.gan4j.nn.YamlLayers.ReluType,
            org.gan4j.nn.YamlLayers.LeakyReluType,
            org.gan4j.nn.YamlLayers.TanhType,
            org.gan4j.nn.YamlLayers.BatchNormType,
            org.gan4j.nn.YamlLayers.InstanceNormType,
            org.gan4j.nn.YamlLayers.FlattenType,
            org.gan4j.nn.YamlLayers.ReshapeType,
            org.gan4j.nn.YamlLayers.DenseType,
            org.gan4j.nn.YamlLayers.ConvType,
            org.gan4j.nn.YamlLayers.ConvTransposeType,
            org.gan4j.nn.YamlLayers.ResidualType,
            org.gan4j.nn.YamlLayers.SkipType,
            org.gan4j.nn.YamlLayers.DropoutType,
            org.gan4j.nn.YamlLayers.MaxoutType,
            org.gan4j.nn.YamlLayers.ReflectionPadType;
}
