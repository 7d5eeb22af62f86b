package org.gan4j.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.gan4j.api.ConfigException;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;
import org.gan4j.nn.BatchNorm;
import org.gan4j.nn.Conv2d;
import org.gan4j.nn.Dense;
import org.gan4j.nn.Init;
import org.gan4j.nn.Layer;
import org.gan4j.nn.Sequential;

/**
 * Reads a YAML layer list into a {@link Sequential}. Each item is a name ({@code relu}, {@code tanh},
 * {@code batch_norm}, {@code flatten}, {@code leaky_relu}) or a mapping with one key that names the layer:
 * {@code {dense: 256, bias: false}}, {@code {conv: 64, kernel: 4, stride: 2, padding: 1, bias: false}},
 * {@code {conv: 64, …, spectral_norm: true}} (also on dense),
 * {@code {conv_transpose: 64, kernel: 4, stride: 2, padding: 1}}, {@code {leaky_relu: 0.2}},
 * {@code {reshape: [128, 7, 7]}}, {@code {dropout: 0.5}}, {@code {reflection_pad: 3}}, and the blocks
 * {@code {residual: [layers]}} ({@code x + f(x)}) and {@code {skip: [layers]}} ({@code concat(x, f(x))}, U-Net).
 */
final class LayerSpec {
    private static final Set<String> NAMES = Set.of("dense", "conv", "conv_transpose", "batch_norm", "instance_norm",
            "relu", "leaky_relu", "tanh", "flatten", "reshape", "residual", "skip", "dropout", "reflection_pad");
    private static final Set<String> CONV_KEYS = Set.of("kernel", "stride", "padding", "output_padding", "bias",
            "spectral_norm");

    private LayerSpec() {
    }

    static Network build(SequentialConfig c, NetworkContext ctx, long[] expectedOutput) {
        String path = "networks." + ctx.role();
        long[] input = c.input().isEmpty() ? ctx.sampleShape() : c.input().stream().mapToLong(Long::longValue).toArray();
        Sequential.Builder b = Sequential.builder(input);
        for (int i = 0; i < c.layers().size(); i++) {
            b.add(layer(c.layers().get(i), path + ".layers[" + i + "]"));
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
            org.gan4j.nn.Init.gaussian(net.layers(), r, false);
        }
        return net;
    }

    private static Layer layer(Object spec, String path) {
        if (spec instanceof String name) {
            return switch (name) {
                case "relu" -> new org.gan4j.nn.LeakyRelu(0);
                case "leaky_relu" -> new org.gan4j.nn.LeakyRelu(0.2);
                case "tanh" -> new org.gan4j.nn.Tanh();
                case "batch_norm" -> new BatchNorm();
                case "instance_norm" -> new org.gan4j.nn.InstanceNorm();
                case "flatten" -> new org.gan4j.nn.Reshape(-1);
                default -> throw unknown(name, path);
            };
        }
        if (!(spec instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new ConfigException(path + ": expected a layer name or {layer: value, …}, got " + spec);
        }
        // the one key that names a layer; the others are its options
        List<String> named = map.keySet().stream().map(String::valueOf).filter(NAMES::contains).toList();
        if (named.size() != 1) {
            throw named.isEmpty() ? unknown(String.valueOf(map.keySet().iterator().next()), path)
                    : new ConfigException(path + ": one layer per item, got " + named);
        }
        String name = named.get(0);
        Object value = map.get(name);
        for (Object k : map.keySet()) {
            if (!k.equals(name) && !(CONV_KEYS.contains(k) && (name.startsWith("conv") || (k.equals("bias") || k.equals("spectral_norm")) && name.equals("dense")))) {
                throw new ConfigException(path + "." + k + ": unknown key for " + name);
            }
        }
        return switch (name) {
            case "dense" -> {
                Dense d = new Dense(number(value, path + "." + name), flag(map, "bias", true, path));
                yield flag(map, "spectral_norm", false, path) ? d.withSpectralNorm() : d;
            }
            case "conv", "conv_transpose" -> {
                long out = number(value, path + "." + name);
                int k = (int) number(map.containsKey("kernel") ? map.get("kernel") : 3, path + ".kernel");
                int s = (int) number(map.containsKey("stride") ? map.get("stride") : 1, path + ".stride");
                int p = (int) number(map.containsKey("padding") ? map.get("padding") : 0, path + ".padding");
                int op = (int) number(map.containsKey("output_padding") ? map.get("output_padding") : 0,
                        path + ".output_padding");
                boolean bias = flag(map, "bias", true, path);
                if (name.equals("conv") && op != 0) {
                    throw new ConfigException(path + ".output_padding: only conv_transpose has an output padding");
                }
                try {
                    Conv2d c = name.equals("conv") ? Conv2d.conv(out, k, s, p, bias) : Conv2d.transposed(out, k, s, p, op, bias);
                    yield flag(map, "spectral_norm", false, path) ? c.withSpectralNorm() : c;
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(path + ": " + e.getMessage(), e);
                }
            }
            case "leaky_relu" -> new org.gan4j.nn.LeakyRelu(((Number) value).doubleValue());
            case "residual" -> new org.gan4j.nn.Residual(branch(value, path + ".residual"));
            case "skip" -> new org.gan4j.nn.Skip(branch(value, path + ".skip"));
            case "dropout" -> {
                double p = value instanceof Number n ? n.doubleValue() : -1;
                if (!(p >= 0 && p < 1)) {
                    throw new ConfigException(path + ".dropout: expected a probability in [0, 1), got " + value);
                }
                yield new org.gan4j.nn.Dropout(p);
            }
            case "reflection_pad" -> new org.gan4j.nn.ReflectionPad((int) Math.max(1, number(value, path + ".reflection_pad")));
            case "reshape" -> {
                if (!(value instanceof List<?> dims) || dims.isEmpty()) {
                    throw new ConfigException(path + ".reshape: expected a list of sizes, got " + value);
                }
                yield new org.gan4j.nn.Reshape(dims.stream().mapToLong(d -> number(d, path + ".reshape")).toArray());
            }
            default -> {
                if (NAMES.contains(name)) {
                    yield layer(name, path);
                }
                throw unknown(name, path);
            }
        };
    }

    private static Layer[] branch(Object value, String path) {
        if (!(value instanceof List<?> branch) || branch.isEmpty()) {
            throw new ConfigException(path + ": expected a list of layers, got " + value);
        }
        Layer[] inner = new Layer[branch.size()];
        for (int i = 0; i < inner.length; i++) {
            inner[i] = layer(branch.get(i), path + "[" + i + "]");
        }
        return inner;
    }

    private static long number(Object v, String path) {
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 0) {
            throw new ConfigException(path + ": expected a non-negative whole number, got " + v);
        }
        return n.longValue();
    }

    private static boolean flag(Map<?, ?> map, String key, boolean dflt, String path) {
        Object v = map.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Boolean b)) {
            throw new ConfigException(path + "." + key + ": expected true or false, got " + v);
        }
        return b;
    }

    private static ConfigException unknown(String name, String path) {
        return new ConfigException(path + ": unknown layer '" + name + "'; known: " + String.join(", ", new java.util.TreeSet<>(NAMES)));
    }
}
