package org.gan4j.nn;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.gan4j.api.ConfigException;

/**
 * What one YAML layer item says, for {@link LayerType#create}: the layer key's value, the other keys (options), the
 * item's config path, and readers that fail with that path.
 */
public final class LayerArgs {
    private final Object value;
    private final Map<?, ?> options;
    private final String path;
    private final BiFunction<Object, String, Layer> inner;

    /**
     * The arguments of one item.
     *
     * @param value the layer key's value (or the bare value)
     * @param options the item's mapping, the layer key included (empty for a bare name)
     * @param path the value's config path, such as {@code networks.G.layers[2].conv}
     * @param inner builds a nested layer item at a path (for blocks)
     */
    public LayerArgs(Object value, Map<?, ?> options, String path, BiFunction<Object, String, Layer> inner) {
        this.value = value;
        this.options = options;
        this.path = path;
        this.inner = inner;
    }

    /**
     * The raw value.
     *
     * @return a number, string, list or mapping as YAML read it; null for none
     */
    public Object value() {
        return value;
    }

    /**
     * The value's config path.
     *
     * @return such as {@code networks.G.layers[2].conv}
     */
    public String path() {
        return path;
    }

    /**
     * An error about the value, with its path.
     *
     * @param message what is wrong
     * @return the exception to throw
     */
    public ConfigException error(String message) {
        return new ConfigException(path + ": " + message);
    }

    /**
     * The value as a non-negative whole number.
     *
     * @return the number
     * @throws ConfigException otherwise
     */
    public long count() {
        return whole(value, path);
    }

    /**
     * The value as a number.
     *
     * @return the number
     * @throws ConfigException otherwise
     */
    public double real() {
        if (!(value instanceof Number n)) {
            throw error("expected a number, got " + value);
        }
        return n.doubleValue();
    }

    /**
     * A whole-number option.
     *
     * @param key the option
     * @param dflt its value when absent
     * @return the value
     * @throws ConfigException when it is not a non-negative whole number
     */
    public long option(String key, long dflt) {
        return options.containsKey(key) ? whole(options.get(key), parent() + "." + key) : dflt;
    }

    /**
     * A true/false option.
     *
     * @param key the option
     * @param dflt its value when absent
     * @return the value
     * @throws ConfigException when it is not a boolean
     */
    public boolean flag(String key, boolean dflt) {
        Object v = options.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Boolean b)) {
            throw new ConfigException(parent() + "." + key + ": expected true or false, got " + v);
        }
        return b;
    }

    /**
     * The value as a list of whole numbers (sizes).
     *
     * @return the sizes
     * @throws ConfigException when it is not a non-empty list of them
     */
    public long[] sizes() {
        if (!(value instanceof List<?> dims) || dims.isEmpty()) {
            throw error("expected a list of sizes, got " + value);
        }
        return dims.stream().mapToLong(d -> whole(d, path)).toArray();
    }

    /**
     * The value as a list of layer items, built (a block's branch).
     *
     * @return the layers
     * @throws ConfigException when it is not a non-empty list, or an item is bad
     */
    public Layer[] layers() {
        if (!(value instanceof List<?> branch) || branch.isEmpty()) {
            throw error("expected a list of layers, got " + value);
        }
        Layer[] out = new Layer[branch.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = inner.apply(branch.get(i), path + "[" + i + "]");
        }
        return out;
    }

    /** Options are siblings of the layer's key: their paths drop its name. */
    private String parent() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    private static long whole(Object v, String at) {
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 0) {
            throw new ConfigException(at + ": expected a non-negative whole number, got " + v);
        }
        return n.longValue();
    }
}
