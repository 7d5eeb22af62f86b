package org.gan4j.engine.config;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.Param;

/**
 * Binds a YAML tree to a config record: keys are the record's components in snake_case, absent keys take the
 * {@link Param} default, unknown keys fail with their path and the keys that exist. Nested records bind recursively.
 *
 * <p>Records that need more than this (the experiment's component blocks) bind their {@code JsonNode} fields
 * themselves.
 */
public final class ConfigBinder {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigBinder() {
    }

    /**
     * Binds a tree to a record.
     *
     * @param node a mapping, or null/missing for "all defaults"
     * @param type the record class (public, in an exported package)
     * @param path where the node sits in the config, for messages (empty at the root)
     * @param <R> the record type
     * @return the bound record
     * @throws ConfigException with the path of the first offending key
     */
    public static <R extends Record> R bind(JsonNode node, Class<R> type, String path) {
        return bind(node, type, path, null);
    }

    /**
     * Resolves {@code {type: name, …}} blocks of keys marked with {@link Kind}.
     */
    @FunctionalInterface
    public interface Resolver {
        /**
         * Finds the provider a block names and binds the rest of the block to its config record.
         *
         * @param kinds the {@link Kind} value, such as {@code "generator|discriminator"}
         * @param block the block, a mapping with a {@code type} key
         * @param path the block's path, for messages
         * @return the bound component
         */
        ComponentConfig resolve(String kinds, JsonNode block, String path);
    }

    /**
     * Binds a tree to a record, resolving {@link Kind} blocks with {@code resolver}.
     *
     * @param node a mapping, or null/missing for "all defaults"
     * @param type the record class (public, in an exported package)
     * @param path where the node sits in the config, for messages (empty at the root)
     * @param resolver resolves component blocks; null when the record has none
     * @param <R> the record type
     * @return the bound record
     * @throws ConfigException with the path of the first offending key
     */
    public static <R extends Record> R bind(JsonNode node, Class<R> type, String path, Resolver resolver) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            node = YAML.createObjectNode();
        }
        if (!node.isObject()) {
            throw new ConfigException(where(path) + "expected a mapping of " + String.join(", ", keys(type))
                    + ", got " + describe(node));
        }
        RecordComponent[] components = type.getRecordComponents();
        List<String> known = keys(type);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new ConfigException(join(path, key) + ": unknown key; known keys: " + String.join(", ", known));
            }
        }
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent rc = components[i];
            types[i] = rc.getType();
            String key = snake(rc.getName());
            String keyPath = join(path, key);
            JsonNode value = node.get(key);
            if (value == null) {
                value = defaultValue(rc, keyPath);
            }
            args[i] = convert(value, rc, keyPath, resolver);
        }
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException ce) {
                throw ce;
            }
            throw new ConfigException(where(path) + (cause == null ? e.toString() : cause.getMessage()), cause);
        } catch (ReflectiveOperationException e) {
            throw new ConfigException(where(path) + "cannot create " + type.getName()
                    + " (is it a public record in an exported package?): " + e, e);
        }
    }

    /**
     * The documented keys of a record with their defaults and descriptions, in declaration order.
     *
     * @param type the record class
     * @return key → {default (YAML, or "required"), description}
     */
    public static Map<String, String[]> describe(Class<? extends Record> type) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (RecordComponent rc : type.getRecordComponents()) {
            Param p = rc.getAnnotation(Param.class);
            String def = p == null || Param.REQUIRED.equals(p.value()) ? "(required)" : p.value();
            String range = p == null ? "" : NumberRules.range(p);
            out.put(snake(rc.getName()), new String[] {def, p == null ? "" : p.doc() + (range.isEmpty() ? "" : " (" + range + ")")});
        }
        return out;
    }

    /**
     * The YAML keys of a record.
     *
     * @param type the record class
     * @return snake_case keys in declaration order
     */
    public static List<String> keys(Class<? extends Record> type) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent rc : type.getRecordComponents()) {
            keys.add(snake(rc.getName()));
        }
        return keys;
    }

    /**
     * Converts a camelCase record component name to its YAML key.
     *
     * @param name for example {@code batchSize}
     * @return for example {@code batch_size}
     */
    public static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static JsonNode defaultValue(RecordComponent rc, String keyPath) {
        Param p = rc.getAnnotation(Param.class);
        if (p == null) {
            if (Record.class.isAssignableFrom(rc.getType())) {
                return YAML.createObjectNode();
            }
            return null;
        }
        if (Param.REQUIRED.equals(p.value())) {
            throw new ConfigException(keyPath + ": required key is missing (" + p.doc() + ")");
        }
        try {
            return YAML.readTree(p.value());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("bad @Param default for " + keyPath + ": " + p.value(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(JsonNode value, RecordComponent rc, String keyPath, Resolver resolver) {
        Class<?> t = rc.getType();
        Kind kind = rc.getAnnotation(Kind.class);
        if (kind != null && resolver != null && value != null && !value.isNull()) {
            if (Map.class.isAssignableFrom(t)) {
                if (!value.isObject()) {
                    throw new ConfigException(keyPath + ": expected a mapping of name: {type: …}, got " + describe(value));
                }
                Map<String, ComponentConfig> out = new LinkedHashMap<>();
                value.fields().forEachRemaining(e -> out.put(e.getKey(),
                        resolver.resolve(kind.value(), e.getValue(), join(keyPath, e.getKey()))));
                return out;
            }
            if (List.class.isAssignableFrom(t)) {
                if (!value.isArray()) {
                    throw new ConfigException(keyPath + ": expected a list of name or {type: …}, got " + describe(value));
                }
                List<ComponentConfig> out = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    out.add(resolver.resolve(kind.value(), value.get(i), keyPath + "[" + i + "]"));
                }
                return out;
            }
            return resolver.resolve(kind.value(), value, keyPath);
        }
        if (JsonNode.class.isAssignableFrom(t)) {
            return value == null || value.isNull() ? null : value;
        }
        if (value == null || value.isNull()) {
            if (t.isPrimitive()) {
                throw new ConfigException(keyPath + ": a value is required");
            }
            return null;
        }
        if (Record.class.isAssignableFrom(t)) {
            return bind(value, (Class) t, keyPath, resolver);
        }
        boolean bool = t == boolean.class || t == Boolean.class;
        if (!bool && (t.isPrimitive() || Number.class.isAssignableFrom(t))) {
            if (!value.isNumber() && !(value.isTextual() && looksNumeric(value.asText()))) {
                throw new ConfigException(keyPath + ": expected a number, got " + describe(value));
            }
        }
        if (bool && !value.isBoolean()) {
            throw new ConfigException(keyPath + ": expected true or false, got " + describe(value));
        }
        NumberRules.check(value, rc, keyPath);
        try {
            JavaType jt = YAML.getTypeFactory().constructType(rc.getGenericType());
            return YAML.convertValue(value, jt);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(keyPath + ": expected " + simpleType(rc) + ", got " + describe(value));
        }
    }

    private static boolean looksNumeric(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String simpleType(RecordComponent rc) {
        return rc.getGenericType().getTypeName().replace("java.lang.", "").replace("java.util.", "");
    }

    static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "'" + node.asText() + "'";
    }

    static String join(String path, String key) {
        return path == null || path.isEmpty() ? key : path + "." + key;
    }

    private static String where(String path) {
        return path == null || path.isEmpty() ? "" : path + ": ";
    }

    /**
     * Serialises a bound record back to a tree (snake_case keys), so a run can save its effective config.
     *
     * @param record the record
     * @return a mapping
     */
    public static ObjectNode toTree(Record record) {
        ObjectNode out = YAML.createObjectNode();
        for (RecordComponent rc : record.getClass().getRecordComponents()) {
            Object v;
            try {
                v = rc.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            out.set(snake(rc.getName()), toNode(v));
        }
        return out;
    }

    private static JsonNode toNode(Object v) {
        if (v instanceof ComponentConfig c) {
            ObjectNode o = YAML.createObjectNode();
            o.put("type", c.type());
            o.setAll(toTree(c.settings()));
            if (c.pack() != 1) {
                o.put("pack", c.pack());
            }
            return o;
        }
        if (v instanceof Record r) {
            return toTree(r);
        }
        if (v instanceof JsonNode n) {
            return n;
        }
        if (v instanceof List<?> l && l.stream().anyMatch(x -> x instanceof ComponentConfig)) {
            com.fasterxml.jackson.databind.node.ArrayNode a = YAML.createArrayNode();
            l.forEach(x -> a.add(toNode(x)));
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = YAML.createObjectNode();
            m.forEach((k, val) -> o.set(String.valueOf(k), toNode(val)));
            return o;
        }
        return YAML.valueToTree(v);
    }
}
