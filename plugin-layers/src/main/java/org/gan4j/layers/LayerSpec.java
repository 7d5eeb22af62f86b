package org.gan4j.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.gan4j.api.ConfigException;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;
import org.gan4j.nn.Init;
import org.gan4j.nn.Layer;
import org.gan4j.nn.LayerArgs;
import org.gan4j.nn.LayerType;
import org.gan4j.nn.Sequential;

/**
 * Reads a YAML layer list into a {@link Sequential}. Each item is a name ({@code relu}, {@code tanh},
 * {@code batch_norm}, {@code flatten}, {@code leaky_relu}) or a mapping with one key that names the layer:
 * {@code {dense: 256, bias: false}}, {@code {conv: 64, kernel: 4, stride: 2, padding: 1, bias: false}},
 * {@code {conv: 64, …, spectral_norm: true}} (also on dense),
 * {@code {conv_transpose: 64, kernel: 4, stride: 2, padding: 1}}, {@code {leaky_relu: 0.2}},
 * {@code {reshape: [128, 7, 7]}}, {@code {dropout: 0.5}}, {@code {reflection_pad: 3}}, and the blocks
 * {@code {residual: [layers]}} ({@code x + f(x)}) and {@code {skip: [layers]}} ({@code concat(x, f(x))}, U-Net).
 *
 * <p>The layer names are the run's {@link LayerType} providers (gan-nn's own and any plugin jar's), written with
 * {@code _} or {@code -} alike; this class only reads the list's shape.
 */
final class LayerSpec {
    private final Map<String, LayerType> types;

    private LayerSpec(Map<String, LayerType> types) {
        this.types = types;
    }

    /** The run's layer types by YAML name (snake_case), or those this module sees when the run gave none. */
    private static LayerSpec of(NetworkContext ctx) {
        Map<String, LayerType> found = new TreeMap<>();
        ctx.providers().of(LayerType.class).forEach((name, t) -> found.put(yaml(name), t));
        if (found.isEmpty()) {
            ServiceLoader.load(LayerType.class, LayerSpec.class.getClassLoader())
                    .forEach(t -> found.putIfAbsent(yaml(t.name()), t));
        }
        return new LayerSpec(found);
    }

    private static String yaml(String name) {
        return name.replace('-', '_');
    }

    static Network build(SequentialConfig c, NetworkContext ctx, long[] expectedOutput) {
        String path = "networks." + ctx.role();
        long[] input = c.input().isEmpty() ? ctx.sampleShape() : c.input().stream().mapToLong(Long::longValue).toArray();
        Sequential.Builder b = Sequential.builder(input);
        LayerSpec spec = of(ctx);
        for (int i = 0; i < c.layers().size(); i++) {
            b.add(spec.layer(c.layers().get(i), path + ".layers[" + i + "]"));
        }
        Sequential net;
        try {
            net = b.build(ctx.seed());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path + ".layers: " + e.getMessage(), e);
        }
        if (!Arrays.equals(net.outputShape(), expectedOutput)) {
            throw new ConfigException(path + ".layers: the network produces " + Arrays.toString(net.outputShape())
                    + " per sample but must produce " + Arrays.toString(expectedOutput));
        }
        if (c.init().equals("dcgan")) {
            SplittableRandom r = new SplittableRandom(ctx.seed() ^ 0x5DEECE66DL);
            Init.gaussian(net.layers(), r, false);
        }
        return net;
    }

    private Layer layer(Object spec, String path) {
        if (spec instanceof String name) {
            LayerType t = types.get(yaml(name));
            if (t == null) {
                throw unknown(name, path);
            }
            if (!t.bare()) {
                throw new ConfigException(path + ": '" + name + "' needs a value: {" + name + ": …}");
            }
            return t.create(new LayerArgs(t.bareValue(), Map.of(), path + "." + name, this::layer));
        }
        if (!(spec instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new ConfigException(path + ": expected a layer name or {layer: value, …}, got " + spec);
        }
        // the one key that names a layer; the others are its options
        List<String> named = map.keySet().stream().map(String::valueOf).filter(k -> types.containsKey(yaml(k))).toList();
        if (named.size() != 1) {
            throw named.isEmpty() ? unknown(String.valueOf(map.keySet().iterator().next()), path)
                    : new ConfigException(path + ": one layer per item, got " + named);
        }
        String name = named.get(0);
        LayerType t = types.get(yaml(name));
        for (Object k : map.keySet()) {
            if (!k.equals(name) && !t.options().contains(String.valueOf(k))) {
                throw new ConfigException(path + "." + k + ": unknown key for " + name);
            }
        }
        return t.create(new LayerArgs(map.get(name), map, path + "." + name, this::layer));
    }

    private ConfigException unknown(String name, String path) {
        return new ConfigException(path + ": unknown layer '" + name + "'; known: " + String.join(", ", types.keySet()));
    }
}
