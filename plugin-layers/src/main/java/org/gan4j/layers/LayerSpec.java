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
 *
 * <p>Every layer is one entry of {@link #TYPES}: its name, the options it takes beside its value, what a bare name
 * means, and how it is built. A new YAML layer is a gan-nn class and one {@code register} line here.
 */
final class LayerSpec {
    /** Builds a layer from its value (the named key's, or the bare default) and its options. */
    private interface Factory {
        Layer create(Object value, Map<?, ?> options, String path);
    }

    /**
     * One YAML layer.
     *
     * @param options the keys it takes beside its own
     * @param bare whether a bare name (a string item) is allowed, with {@code bareValue} as its value
     * @param bareValue the value a bare name stands for
     * @param factory how it is built
     */
    private record Type(Set<String> options, boolean bare, Object bareValue, Factory factory) {
    }

    private static final Map<String, Type> TYPES = new java.util.TreeMap<>();

    static {
        bare("relu", null, (v, o, p) -> new org.gan4j.nn.LeakyRelu(0));
        bare("tanh", null, (v, o, p) -> new org.gan4j.nn.Tanh());
        bare("batch_norm", null, (v, o, p) -> new BatchNorm());
        bare("instance_norm", null, (v, o, p) -> new org.gan4j.nn.InstanceNorm());
        bare("flatten", null, (v, o, p) -> new org.gan4j.nn.Reshape(-1));
        bare("leaky_relu", 0.2, (v, o, p) -> new org.gan4j.nn.LeakyRelu(real(v, p)));
        register("dense", Set.of("bias", "spectral_norm"), (v, o, p) -> {
            Dense d = new Dense(number(v, p), flag(o, "bias", true, parent(p)));
            return flag(o, "spectral_norm", false, parent(p)) ? d.withSpectralNorm() : d;
        });
        register("conv", Set.of("kernel", "stride", "padding", "bias", "spectral_norm"), (v, o, p) -> conv(false, v, o, p));
        register("conv_transpose", Set.of("kernel", "stride", "padding", "output_padding", "bias", "spectral_norm"),
                (v, o, p) -> conv(true, v, o, p));
        register("residual", Set.of(), (v, o, p) -> new org.gan4j.nn.Residual(branch(v, p)));
        register("skip", Set.of(), (v, o, p) -> new org.gan4j.nn.Skip(branch(v, p)));
        register("dropout", Set.of(), (v, o, p) -> {
            double q = v instanceof Number n ? n.doubleValue() : -1;
            if (!(q >= 0 && q < 1)) {
                throw new ConfigException(p + ": expected a probability in [0, 1), got " + v);
            }
            return new org.gan4j.nn.Dropout(q);
        });
        register("maxout", Set.of(), (v, o, p) -> {
            long k = number(v, p);
            if (k < 2) {
                throw new ConfigException(p + ": maxout needs at least 2 pieces, got " + v);
            }
            return new org.gan4j.nn.Maxout((int) k);
        });
                register("reflection_pad", Set.of(), (v, o, p) -> new org.gan4j.nn.ReflectionPad((int) Math.max(1, number(v, p))));
        register("reshape", Set.of(), (v, o, p) -> {
            if (!(v instanceof List<?> dims) || dims.isEmpty()) {
                throw new ConfigException(p + ": expected a list of sizes, got " + v);
            }
            return new org.gan4j.nn.Reshape(dims.stream().mapToLong(d -> number(d, p)).toArray());
        });
    }

    private static void register(String name, Set<String> options, Factory factory) {
        TYPES.put(name, new Type(options, false, null, factory));
    }

    private static void bare(String name, Object bareValue, Factory factory) {
        TYPES.put(name, new Type(Set.of(), true, bareValue, factory));
    }

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
            Type t = TYPES.get(name);
            if (t == null) {
                throw unknown(name, path);
            }
            if (!t.bare()) {
                throw new ConfigException(path + ": '" + name + "' needs a value: {" + name + ": …}");
            }
            return t.factory().create(t.bareValue(), Map.of(), path);
        }
        if (!(spec instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new ConfigException(path + ": expected a layer name or {layer: value, …}, got " + spec);
        }
        // the one key that names a layer; the others are its options
        List<String> named = map.keySet().stream().map(String::valueOf).filter(TYPES::containsKey).toList();
        if (named.size() != 1) {
            throw named.isEmpty() ? unknown(String.valueOf(map.keySet().iterator().next()), path)
                    : new ConfigException(path + ": one layer per item, got " + named);
        }
        String name = named.get(0);
        Type t = TYPES.get(name);
        for (Object k : map.keySet()) {
            if (!k.equals(name) && !t.options().contains(String.valueOf(k))) {
                throw new ConfigException(path + "." + k + ": unknown key for " + name);
            }
        }
        return t.factory().create(map.get(name), map, path + "." + name);
    }

    private static Layer conv(boolean transposed, Object value, Map<?, ?> o, String path) {
        String at = parent(path);
        long out = number(value, path);
        int k = (int) number(o.containsKey("kernel") ? o.get("kernel") : 3, at + ".kernel");
        int s = (int) number(o.containsKey("stride") ? o.get("stride") : 1, at + ".stride");
        int p = (int) number(o.containsKey("padding") ? o.get("padding") : 0, at + ".padding");
        int op = (int) number(o.containsKey("output_padding") ? o.get("output_padding") : 0, at + ".output_padding");
        boolean bias = flag(o, "bias", true, at);
        try {
            Conv2d c = transposed ? Conv2d.transposed(out, k, s, p, op, bias) : Conv2d.conv(out, k, s, p, bias);
            return flag(o, "spectral_norm", false, at) ? c.withSpectralNorm() : c;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at + ": " + e.getMessage(), e);
        }
    }

    /** Options are siblings of the layer's key: their paths drop its name. */
    private static String parent(String path) {
        return path.substring(0, path.lastIndexOf('.'));
    }

    private static double real(Object v, String path) {
        if (!(v instanceof Number n)) {
            throw new ConfigException(path + ": expected a number, got " + v);
        }
        return n.doubleValue();
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
        return new ConfigException(path + ": unknown layer '" + name + "'; known: " + String.join(", ", TYPES.keySet()));
    }
}
