package org.gan4j.layers;

import org.gan4j.api.ConfigException;
import org.gan4j.api.nn.NetworkContext;

/** Checks shared by the image-to-image network configs. */
final class LayersConfigs {
    private LayersConfigs() {
    }

    static void positive(String key, int value) {
        if (value < 1) {
            throw new ConfigException(key + ": must be >= 1, got " + value);
        }
    }

    static Architectures.Norm norm(String name) {
        return switch (name) {
            case "batch" -> Architectures.Norm.BATCH;
            case "instance" -> Architectures.Norm.INSTANCE;
            default -> throw new ConfigException("norm: expected batch or instance, got '" + name + "'");
        };
    }

    /** The data's image size; these networks need square [C, H, H] samples. */
    static long squareSize(NetworkContext context) {
        long[] s = context.sampleShape();
        if (s.length != 3 || s[1] != s[2]) {
            throw new ConfigException("networks." + context.role() + ": needs square image data [C, H, H], the data has "
                    + java.util.Arrays.toString(s));
        }
        return s[1];
    }
}
