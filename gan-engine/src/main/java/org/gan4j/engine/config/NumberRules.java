package org.gan4j.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import org.gan4j.api.ConfigException;
import org.gan4j.api.Param;

/**
 * The checks every numeric config key gets before it is bound: a whole number for integer keys (Jackson would
 * truncate {@code 64.5} to 64), within the type's range (no silent overflow), finite for real keys
 * ({@code 1e999999} parses as infinity), and within the key's {@link Param#min()}/{@link Param#max()}. Lists of
 * numbers are checked element by element.
 */
final class NumberRules {
    private NumberRules() {
    }

    /** Checks a value bound to a component; does nothing for non-numeric components. */
    static void check(JsonNode value, RecordComponent rc, String keyPath) {
        Class<?> kind = scalarKind(rc.getType());
        Param p = rc.getAnnotation(Param.class);
        if (kind != null) {
            check(value, kind, p, keyPath);
            return;
        }
        if (java.util.List.class.isAssignableFrom(rc.getType()) && value.isArray()) {
            Class<?> element = elementKind(rc.getGenericType());
            if (element != null) {
                for (int i = 0; i < value.size(); i++) {
                    if (value.get(i).isNull()) {
                        throw new ConfigException(keyPath + "[" + i + "]: expected a number, got nothing");
                    }
                    check(value.get(i), element, p, keyPath + "[" + i + "]");
                }
            }
        }
    }

    private static Class<?> scalarKind(Class<?> t) {
        if (t == int.class || t == Integer.class) {
            return Integer.class;
        }
        if (t == long.class || t == Long.class) {
            return Long.class;
        }
        if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
            return Double.class;
        }
        return null;
    }

    private static Class<?> elementKind(Type generic) {
        if (generic instanceof ParameterizedType pt && pt.getActualTypeArguments().length == 1
                && pt.getActualTypeArguments()[0] instanceof Class<?> c) {
            return scalarKind(c);
        }
        return null;
    }

    private static void check(JsonNode value, Class<?> kind, Param p, String keyPath) {
        if (value == null || value.isNull()) {
            return;
        }
        BigDecimal v;
        if (value.isNumber()) {
            if (value.isDouble() || value.isFloat()) {
                double d = value.doubleValue();
                if (!Double.isFinite(d)) {
                    throw new ConfigException(keyPath + ": must be a finite number, got " + value.asText());
                }
                v = BigDecimal.valueOf(d);
            } else {
                v = value.decimalValue();
            }
        } else if (value.isTextual()) {
            String s = value.asText().trim();
            try {
                double d = Double.parseDouble(s);
                if (!Double.isFinite(d)) {
                    throw new ConfigException(keyPath + ": must be a finite number, got '" + s + "'");
                }
                v = new BigDecimal(s);
            } catch (NumberFormatException e) {
                throw new ConfigException(keyPath + ": expected a number, got '" + s + "'");
            }
        } else {
            throw new ConfigException(keyPath + ": expected a number, got " + ConfigBinder.describe(value));
        }
        if (kind == Double.class && !Double.isFinite(v.doubleValue())) {
            throw new ConfigException(keyPath + ": must be a finite number, got " + value.asText());
        }
        if (kind != Double.class) {
            if (v.stripTrailingZeros().scale() > 0) {
                throw new ConfigException(keyPath + ": expected a whole number, got " + value.asText());
            }
            BigDecimal lo = BigDecimal.valueOf(kind == Integer.class ? Integer.MIN_VALUE : Long.MIN_VALUE);
            BigDecimal hi = BigDecimal.valueOf(kind == Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE);
            if (v.compareTo(lo) < 0 || v.compareTo(hi) > 0) {
                throw new ConfigException(keyPath + ": " + value.asText() + " is out of range for a whole number");
            }
        }
        if (p == null) {
            return;
        }
        if (!p.min().isEmpty() && v.compareTo(new BigDecimal(p.min())) < 0
                || !p.max().isEmpty() && v.compareTo(new BigDecimal(p.max())) > 0) {
            throw new ConfigException(keyPath + ": must be " + range(p) + ", got " + value.asText());
        }
    }

    /** The bounds as text, for messages and {@code gan plugins --describe}: {@code ≥ 1}, {@code in [0, 1]}. */
    static String range(Param p) {
        if (p.min().isEmpty() && p.max().isEmpty()) {
            return "";
        }
        if (p.max().isEmpty()) {
            return "≥ " + p.min();
        }
        if (p.min().isEmpty()) {
            return "≤ " + p.max();
        }
        return "in [" + p.min() + ", " + p.max() + "]";
    }
}
