package org.gan4j.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.Component;
import org.gan4j.api.ConfigException;
import org.gan4j.api.registry.ProviderInfo;
import org.gan4j.api.registry.Registry;

/**
 * Reads experiment YAML into an {@link ExperimentConfig}: parse errors carry line and column, {@code --set}
 * overrides apply by dotted path, every {@code {type: …}} block binds to its provider's config record.
 */
public final class ConfigLoader {
    // a key given twice is an error, not "the last one wins"
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION));


    private final Registry registry;

    /**
     * Creates a loader that resolves names in {@code registry}.
     *
     * @param registry the providers
     */
    public ConfigLoader(Registry registry) {
        this.registry = registry;
    }

    /**
     * Reads a YAML file.
     *
     * @param file the file
     * @param overrides {@code key.path=value} pairs applied before binding
     * @return the bound config
     * @throws ConfigException for unreadable or malformed YAML, unknown keys or names, bad values
     */
    public ExperimentConfig load(Path file, List<String> overrides) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such config file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return bind(parse(text, file.toString()), overrides);
    }

    /**
     * Parses YAML text into a tree.
     *
     * @param text the YAML
     * @param source a name for messages (a file name)
     * @return the tree
     * @throws ConfigException with line and column on a syntax error
     */
    public static JsonNode parse(String text, String source) {
        try (com.fasterxml.jackson.core.JsonParser parser = YAML.getFactory().createParser(text)) {
            rejectTags(text, source);
            JsonNode node = YAML.readTree(parser);
            // a second document ("---") would otherwise be ignored without a word
            if (parser.nextToken() != null) {
                JsonLocation second = parser.currentLocation();
                throw new ConfigException(source + ":" + second.getLineNr() + ":" + second.getColumnNr()
                        + ": a second YAML document; a config is one document");
            }
            if (node == null || node.isMissingNode() || node.isNull()) {
                throw new ConfigException(source + ": the config is empty");
            }
            if (!node.isObject()) {
                throw new ConfigException(source + ": expected a mapping at the top level");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            // SnakeYAML's message interleaves the problem with quoted source lines and carets; keep the problem
            String msg = e.getOriginalMessage().lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                    .map(String::strip).collect(java.util.stream.Collectors.joining("; "));
            if (msg.isEmpty()) {
                msg = "syntax error";
            }
            String at = loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            throw new ConfigException(source + at + ": malformed YAML: " + msg, e);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read the YAML: " + e.getMessage(), e);
        }
    }

    /**
     * A tag such as {@code !ring} would be dropped without a word by the tree reader: the value would bind as if the
     * tag were not there. gan4j's configs use none; YAML's own ({@code !!str}) are allowed.
     */
    private static void rejectTags(String text, String source) throws IOException {
        try (com.fasterxml.jackson.core.JsonParser scan = YAML.getFactory().createParser(text)) {
            while (scan.nextToken() != null) {
                Object typeId = scan.getTypeId();
                String tag = typeId == null ? null : typeId.toString();
                if (tag != null && !tag.startsWith("tag:yaml.org,2002:")) {
                    JsonLocation at = scan.currentTokenLocation();
                    throw new ConfigException(source + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": unknown YAML "
                            + "tag '!" + tag + "'; gan4j configs use no tags (write the value, such as {type: ring})");
                }
            }
        }
    }

    /**
     * Applies overrides and binds a tree.
     *
     * @param tree the parsed YAML (not modified)
     * @param overrides {@code key.path=value} pairs; values are parsed as YAML
     * @return the bound config
     */
    public ExperimentConfig bind(JsonNode tree, List<String> overrides) {
        ObjectNode root = tree.deepCopy();
        for (String o : overrides == null ? List.<String>of() : overrides) {
            applyOverride(root, o);
        }
        return ConfigBinder.bind(root, ExperimentConfig.class, "", this::resolve);
    }

    /**
     * Writes the effective config (all defaults filled in) as YAML.
     *
     * @param config the config
     * @return YAML text
     */
    public static String toYaml(ExperimentConfig config) {
        try {
            return YAML.writeValueAsString(ConfigBinder.toTree(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void applyOverride(ObjectNode root, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set " + override + ": expected key.path=value");
        }
        String[] keys = override.substring(0, eq).trim().split("\\.");
        JsonNode value = parse("v: " + override.substring(eq + 1), "--set " + override).get("v");
        ObjectNode node = root;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = node.get(keys[i]);
            if (child == null || !child.isObject()) {
                child = node.putObject(keys[i]);
            }
            node = (ObjectNode) child;
        }
        node.set(keys[keys.length - 1], value);
    }

    private ComponentConfig resolve(String kinds, JsonNode block, String path) {
        if (block.isTextual()) {
            ObjectNode o = YAML.createObjectNode();
            o.put("type", block.asText());
            block = o;
        }
        if (!block.isObject()) {
            throw new ConfigException(path + ": expected {type: name, …}, got " + ConfigBinder.describe(block));
        }
        JsonNode typeNode = block.get("type");
        if (typeNode == null && kinds.equals("optimizer")) {
            // {lr: 1e-3} alone tunes the default optimizer, so --set optimizers.D.lr=… works on its own
            typeNode = com.fasterxml.jackson.databind.node.TextNode.valueOf("adam");
        }
        if (typeNode == null || !typeNode.isTextual()) {
            throw new ConfigException(path + ".type: required; known: " + String.join(", ", known(kinds)));
        }
        String type = typeNode.asText();
        Class<? extends Record> configType = null;
        String found = null;
        for (String kind : kinds.split("\\|")) {
            found = kind;
            ProviderInfo info = registry.find(Registry.KINDS.get(kind), type);
            if (info != null) {
                configType = ((Component<?>) info.provider()).configType();
            }
            if (configType != null) {
                break;
            }
        }
        if (configType == null) {
            throw new ConfigException(path + ".type: unknown " + kinds.replace("|", " or ") + " '" + type
                    + "'; known: " + String.join(", ", known(kinds)));
        }
        ObjectNode rest = ((ObjectNode) block).deepCopy();
        rest.remove("type");
        int pack = 1;
        JsonNode packNode = rest.remove("pack");
        if (packNode != null) {
            if (!found.equals("discriminator")) {
                throw new ConfigException(path + ".pack: only a discriminator packs samples (PacGAN); '" + type
                        + "' is a " + found);
            }
            // a --set override arrives as text
            String text = packNode.isIntegralNumber() || packNode.isTextual() ? packNode.asText().trim() : "";
            pack = text.matches("\\d{1,3}") ? Integer.parseInt(text) : 0;
            if (pack < 1 || pack > ComponentConfig.MAX_PACK) {
                throw new ConfigException(path + ".pack: expected a whole number from 1 to " + ComponentConfig.MAX_PACK
                        + ", got " + ConfigBinder.describe(packNode));
            }
        }
        return new ComponentConfig(type, ConfigBinder.bind(rest, configType, path, this::resolve), pack);
    }

    private List<String> known(String kinds) {
        List<String> names = new ArrayList<>();
        for (String kind : kinds.split("\\|")) {
            names.addAll(registry.names(Registry.KINDS.get(kind)));
        }
        if (names.isEmpty()) {
            names.add("(none installed)");
        }
        return names;
    }

    /**
     * The documented keys of every known config record, for help output.
     *
     * @param type a config record
     * @return key → {default, description}
     */
    public static Map<String, String[]> keysOf(Class<? extends Record> type) {
        return new LinkedHashMap<>(ConfigBinder.describe(type));
    }
}
