package org.gan4j.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.engine.config.ConfigBinder;
import org.gan4j.engine.config.ConfigLoader;
import org.gan4j.engine.config.ExperimentConfig;

/**
 * Builds an {@link ExperimentConfig} from Java, with the same binding, defaults and error messages as a YAML file:
 * each call writes into the tree that a YAML file would have produced, and {@link #build()} binds it. A component's
 * settings are given as a map of YAML keys ({@code Map.of("latent_dim", 2)}) or as the provider's typed config
 * record.
 *
 * <pre>{@code
 * ExperimentConfig config = gan.experiment("ring-demo")
 *         .seed(7)
 *         .data("ring")
 *         .network("G", "mlp-generator", Map.of("latent_dim", 2, "hidden", List.of(64, 64), "output", "linear"))
 *         .network("D", "mlp-discriminator", Map.of("hidden", List.of(64, 64)))
 *         .loss("non-saturating")
 *         .set("training.steps", 300)
 *         .build();
 * }</pre>
 */
public final class ExperimentBuilder {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ConfigLoader loader;
    private final ObjectNode root = MAPPER.createObjectNode();
    private final List<String> overrides = new ArrayList<>();

    ExperimentBuilder(ConfigLoader loader, String name) {
        this.loader = loader;
        root.put("name", name);
    }

    /**
     * Sets the seed of weights, noise and shuffling.
     *
     * @param seed the seed
     * @return this builder
     */
    public ExperimentBuilder seed(long seed) {
        root.put("seed", seed);
        return this;
    }

    /**
     * Sets the data source.
     *
     * @param type the data source's name, e.g. {@code mnist}, {@code ring}
     * @param settings its settings: a map of YAML keys or its config record; none for its defaults
     * @return this builder
     */
    public ExperimentBuilder data(String type, Object... settings) {
        root.set("data", component(type, settings));
        return this;
    }

    /**
     * Trains on data the program holds ({@link org.gan4j.engine.builtin.InMemoryDataSource#of},
     * {@link org.gan4j.engine.builtin.InMemoryDataSource#images}): registers it under the experiment's name and
     * records its fingerprint in the config, so that a resume with other data is refused.
     *
     * @param data the data
     * @return this builder
     */
    public ExperimentBuilder data(org.gan4j.api.data.Dataset data) {
        String name = root.path("name").asText();
        String fingerprint = org.gan4j.engine.builtin.InMemoryDataSource.register(name, data);
        return data("in-memory", Map.of("name", name, "fingerprint", fingerprint));
    }

    /**
     * Sets where the run computes.
     *
     * @param device the device
     * @return this builder
     */
    public ExperimentBuilder device(Device device) {
        root.put("device", device.word());
        return this;
    }

    /**
     * Sets how gan-nn's kernels run.
     *
     * @param compute host loops or ND4J ops
     * @return this builder
     */
    public ExperimentBuilder compute(Compute compute) {
        root.put("compute", compute.word());
        return this;
    }

    /**
     * Adds a named network.
     *
     * @param name the network's name, e.g. {@code G}
     * @param type the generator or discriminator provider's name
     * @param settings its settings: a map of YAML keys or its config record; none for its defaults
     * @return this builder
     */
    public ExperimentBuilder network(String name, String type, Object... settings) {
        root.withObject("/networks").set(name, component(type, settings));
        return this;
    }

    /**
     * Sets the adversarial loss.
     *
     * @param type the loss's name
     * @param settings its settings: a map of YAML keys or its config record; none for its defaults
     * @return this builder
     */
    public ExperimentBuilder loss(String type, Object... settings) {
        root.set("loss", component(type, settings));
        return this;
    }

    /**
     * Sets the training schedule.
     *
     * @param type the schedule's name
     * @param settings its settings: a map of YAML keys or its config record; none for its defaults
     * @return this builder
     */
    public ExperimentBuilder schedule(String type, Object... settings) {
        root.set("schedule", component(type, settings));
        return this;
    }

    /**
     * Sets one network's optimizer.
     *
     * @param network the network's name
     * @param type {@code adam}, {@code rmsprop} or {@code sgd}
     * @param settings its settings as a map of YAML keys; none for its defaults
     * @return this builder
     */
    public ExperimentBuilder optimizer(String network, String type, Object... settings) {
        root.withObject("/optimizers").set(network, component(type, settings));
        return this;
    }

    /**
     * Sets any key by its YAML path, as {@code key.path=value} does on the command line.
     *
     * @param keyPath e.g. {@code training.steps}
     * @param value the value; strings are read as YAML scalars
     * @return this builder
     */
    public ExperimentBuilder set(String keyPath, Object value) {
        overrides.add(keyPath + "=" + value);
        return this;
    }

    /**
     * Binds what was set, filling in every default.
     *
     * @return the config
     * @throws org.gan4j.api.ConfigException with the key path and the names that exist, as for a YAML file
     */
    public ExperimentConfig build() {
        return loader.bind(root, overrides);
    }

    private static JsonNode component(String type, Object... settings) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", type);
        for (Object s : settings) {
            if (s instanceof Record r) {
                node.setAll(ConfigBinder.toTree(r));
            } else if (s instanceof Map<?, ?> m) {
                node.setAll((ObjectNode) MAPPER.valueToTree(m));
            } else {
                throw new IllegalArgumentException(type + ": settings must be a Map of YAML keys or a config record, got "
                        + (s == null ? "null" : s.getClass().getName()));
            }
        }
        return node;
    }
}
