package org.gan4j.engine.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.DataSource;
import org.gan4j.api.Discriminator;
import org.gan4j.api.Generator;
import org.gan4j.api.Loss;
import org.gan4j.api.TrainingSchedule;
import org.gan4j.api.registry.ProviderInfo;
import org.gan4j.api.registry.Registry;
import org.gan4j.engine.config.ComponentConfig;
import org.gan4j.engine.config.ExperimentConfig;

/**
 * Which provider built each component of a run (module, version, jar), recorded in {@code environment.json} and in
 * every checkpoint, so that a run can be traced to the code that made it and a resume notices when that code
 * changed. Also the run's gan4j version, git commit (when the launcher or the embedding application says, through
 * {@code GAN4J_GIT_COMMIT} or {@code -Dgan4j.git.commit}) and command line ({@code gan4j.command.line}, which the
 * CLI sets).
 */
public final class Provenance {
    /** The system property that carries the command line into the run's records. */
    public static final String COMMAND_LINE = "gan4j.command.line";

    /**
     * One component's provider.
     *
     * @param type the configured type name
     * @param module the provider's JPMS module
     * @param version the module's or jar's version
     * @param location the jar or directory it came from
     */
    public record Entry(String type, String module, String version, String location) {
        /** One line for messages. */
        String describe() {
            return "'" + type + "' from " + module + " " + version + " (" + location + ")";
        }
    }

    private Provenance() {
    }

    /**
     * The providers of a config's components, by config path ({@code data}, {@code loss}, {@code schedule},
     * {@code networks.G}, …); a component whose provider is not found is left out.
     *
     * @param config the experiment
     * @param registry the providers
     * @return entries in config order
     */
    public static Map<String, Entry> of(ExperimentConfig config, Registry registry) {
        Map<String, Entry> out = new LinkedHashMap<>();
        put(out, "data", config.data(), registry.find(DataSource.class, config.data().type()));
        put(out, "loss", config.loss(), registry.find(Loss.class, config.loss().type()));
        put(out, "schedule", config.schedule(), registry.find(TrainingSchedule.class, config.schedule().type()));
        for (Map.Entry<String, ComponentConfig> n : config.networks().entrySet()) {
            ProviderInfo p = registry.find(Generator.class, n.getValue().type());
            put(out, "networks." + n.getKey(), n.getValue(), p != null ? p
                    : registry.find(Discriminator.class, n.getValue().type()));
        }
        return out;
    }

    private static void put(Map<String, Entry> out, String key, ComponentConfig c, ProviderInfo p) {
        if (p != null) {
            out.put(key, new Entry(c.type(), p.module(), p.version(), p.location()));
        }
    }

    /**
     * What changed between the providers that wrote a checkpoint and those of this run, one line each.
     *
     * @param saved the checkpoint's entries (empty for checkpoints written before provenance was recorded)
     * @param now this run's
     * @return messages, empty when nothing changed
     */
    public static List<String> differences(Map<String, Entry> saved, Map<String, Entry> now) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Entry> e : saved.entrySet()) {
            Entry n = now.get(e.getKey());
            if (n != null && !n.equals(e.getValue())) {
                out.add(e.getKey() + ": the checkpoint was written with " + e.getValue().describe() + ", this run uses "
                        + n.describe() + "; results may differ from the run it continues");
            }
        }
        return out;
    }

    /**
     * The entries as a JSON object (built by hand: Jackson may not reflect on this non-exported package).
     *
     * @param entries by config path
     * @return {@code {path: {type, module, version, location}}}
     */
    static com.fasterxml.jackson.databind.node.ObjectNode toJson(Map<String, Entry> entries) {
        com.fasterxml.jackson.databind.node.ObjectNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode();
        entries.forEach((k, e) -> out.putObject(k).put("type", e.type()).put("module", e.module())
                .put("version", e.version()).put("location", e.location()));
        return out;
    }

    /**
     * The git commit of the gan4j build, when known.
     *
     * @return the commit, or null
     */
    public static String gitCommit() {
        String p = System.getProperty("gan4j.git.commit");
        String v = p != null && !p.isBlank() ? p : System.getenv("GAN4J_GIT_COMMIT");
        return v == null || v.isBlank() ? null : v.trim();
    }

    /**
     * The command line that started the run, when the CLI set it.
     *
     * @return the command line, or null
     */
    public static String commandLine() {
        String v = System.getProperty(COMMAND_LINE);
        return v == null || v.isBlank() ? null : v;
    }
}
