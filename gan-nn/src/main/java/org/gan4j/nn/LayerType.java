package org.gan4j.nn;

import java.util.Set;
import org.gan4j.api.Component;
import org.gan4j.api.NoConfig;

/**
 * A YAML layer of sequential networks ({@code sequential-generator}, {@code sequential-discriminator}): an item of a
 * {@code layers:} list is a bare name ({@code relu}) or a mapping whose one layer key carries the layer's value and
 * whose other keys are its options ({@code {conv: 64, kernel: 4, stride: 2}}). Providers are found with
 * ServiceLoader like the GAN services (kind {@code layer}), so a plugin jar adds a layer with no change to gan4j:
 * the provider names it (kebab-case; YAML may write {@code conv-transpose} or {@code conv_transpose}), lists its
 * options and builds it; the {@link Layer} itself carries its initialisation and ONNX form.
 *
 * @since API 1.4
 */
public interface LayerType extends Component<NoConfig> {

    /**
     * The option keys the layer takes beside its own.
     *
     * @return for example {@code kernel}, {@code stride}; empty by default
     */
    default Set<String> options() {
        return Set.of();
    }

    /**
     * Whether a bare name (a string item, no value) is allowed; it then stands for {@link #bareValue()}.
     *
     * @return false by default: the layer needs a value
     */
    default boolean bare() {
        return false;
    }

    /**
     * The value a bare name stands for.
     *
     * @return null by default
     */
    default Object bareValue() {
        return null;
    }

    /**
     * Builds the layer.
     *
     * @param args its value, options and path, with readers that fail with the path
     * @return a new layer
     * @throws org.gan4j.api.ConfigException for a bad value or option
     */
    Layer create(LayerArgs args);
}
