package org.gan4j.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.gan4j.api.ConfigException;
import org.gan4j.api.Param;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;

/**
 * DL4J configurations (layer stacks and one-input, one-output graphs) by name, and the settings both providers share. A library registers a configuration built in
 * Java, and YAML names it:
 *
 * <pre>{@code
 * Dl4jNetworks.register("my-critic", new NeuralNetConfiguration.Builder()...build());
 * // networks: {D: {type: dl4j-discriminator, name: my-critic}}
 * }</pre>
 *
 * or points to its JSON ({@code MultiLayerConfiguration.toJson()}): {@code {type: dl4j-discriminator, json: d.json}}.
 */
public final class Dl4jNetworks {
    /** MultiLayerConfigurations and ComputationGraphConfigurations by name. */
    private static final Map<String, Object> REGISTERED = new ConcurrentHashMap<>();

    private Dl4jNetworks() {
    }

    /**
     * Settings of {@code dl4j-generator} and {@code dl4j-discriminator}: exactly one of {@code json} and {@code name}.
     *
     * @param json a file holding a MultiLayerConfiguration as DL4J's JSON
     * @param name a configuration registered with {@link #register}
     * @param input the input sample's shape: a generator's noise, e.g. {@code [100]}; for a discriminator empty means
     *     the data's sample shape
     */
    public record Config(
            @Param(value = "\"\"", doc = "a DL4J MultiLayerConfiguration or ComputationGraphConfiguration as JSON (toJson()), by file") String json,
            @Param(value = "\"\"", doc = "a configuration registered from Java with Dl4jNetworks.register(name, conf)") String name,
            @Param(value = "[]", doc = "input sample shape: a generator's noise, e.g. [100]; discriminator: empty = the data's", min = "1", max = "1000000")
            List<Integer> input) {

        /** Checks that one source is named. */
        public Config {
            json = json == null ? "" : json;
            name = name == null ? "" : name;
            input = List.copyOf(input);
            if (json.isEmpty() == name.isEmpty()) {
                throw new ConfigException("dl4j: give exactly one of json (a MultiLayerConfiguration JSON file) and name "
                        + "(one registered with Dl4jNetworks.register)" + (json.isEmpty() ? "" : "; both are set"));
            }
        }
    }

    /**
     * Makes a configuration available to YAML as {@code name: NAME}.
     *
     * @param name the name
     * @param conf the configuration
     */
    public static void register(String name, MultiLayerConfiguration conf) {
        REGISTERED.put(name, conf);
    }

    /**
     * Makes a graph configuration (one input, one output) available to YAML as {@code name: NAME}.
     *
     * @param name the name
     * @param conf the configuration
     */
    public static void register(String name, ComputationGraphConfiguration conf) {
        REGISTERED.put(name, conf);
    }

    /** The configuration the settings name: a MultiLayerConfiguration or a ComputationGraphConfiguration. */
    static Object configuration(Config c) {
        if (!c.name().isEmpty()) {
            Object conf = REGISTERED.get(c.name());
            if (conf == null) {
                throw new ConfigException("name: no DL4J configuration registered as '" + c.name() + "'; registered: "
                        + (REGISTERED.isEmpty() ? "none (Dl4jNetworks.register(name, conf) from Java)"
                        : String.join(", ", new java.util.TreeSet<>(REGISTERED.keySet()))));
            }
            return conf;
        }
        Path file = Path.of(c.json());
        try {
            String json = Files.readString(file);
            // DL4J writes a graph's layers under "vertices", a layer stack's under "confs"
            return json.contains("\"vertices\"") ? ComputationGraphConfiguration.fromJson(json)
                    : MultiLayerConfiguration.fromJson(json);
        } catch (IOException e) {
            throw new ConfigException("json: cannot read " + file + " (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw new ConfigException("json: " + file + " is not a DL4J MultiLayerConfiguration or "
                    + "ComputationGraphConfiguration: " + e.getMessage(), e);
        }
    }

    /** Builds the network and checks its shapes against what the role needs. */
    static Network build(Config c, NetworkContext context, boolean generator) {
        if (context.conditional()) {
            throw new ConfigException("dl4j: conditional schedules append labels to the input; a DL4J network gets "
                    + "no label inputs yet");
        }
        long[] in = c.input().stream().mapToLong(Integer::longValue).toArray();
        if (generator && in.length == 0) {
            throw new ConfigException("input: a DL4J generator needs its noise shape, e.g. input: [100]");
        }
        if (!generator && in.length == 0) {
            in = context.sampleShape();
        }
        Object conf = configuration(c);
        org.nd4j.linalg.api.buffer.DataType type = conf instanceof ComputationGraphConfiguration g ? g.getDataType()
                : ((MultiLayerConfiguration) conf).getDataType();
        if (type != org.nd4j.linalg.api.buffer.DataType.FLOAT) {
            throw new ConfigException("dl4j: the configuration computes in " + type + "; gan4j's networks and losses "
                    + "compute in FLOAT (leave NeuralNetConfiguration.Builder's dataType at its default)");
        }
        Dl4jNetwork net = conf instanceof ComputationGraphConfiguration g ? Dl4jNetwork.create(g, in, context.seed())
                : Dl4jNetwork.create((MultiLayerConfiguration) conf, in, context.seed());
        long[] want = generator ? context.sampleShape() : new long[] {1};
        if (!Arrays.equals(net.outputShape(), want)) {
            throw new ConfigException("dl4j: the network's output is " + Arrays.toString(net.outputShape()) + " per sample; "
                    + (generator ? "a generator must produce the data's sample shape " : "a discriminator must give one logit ")
                    + Arrays.toString(want));
        }
        if (!generator && !Arrays.equals(in, context.sampleShape())) {
            throw new ConfigException("input: a discriminator takes the data's samples " + Arrays.toString(context.sampleShape())
                    + ", not " + Arrays.toString(in));
        }
        return net;
    }
}
