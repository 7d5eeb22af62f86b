package org.gan4j.api;

/**
 * The common part of a provider in four arguments: its name, config record, API version and description.
 *
 * <pre>{@code
 * public final class MlpGenerator extends Provider<MlpGenerator.Config> implements Generator<MlpGenerator.Config> {
 *     public MlpGenerator() {
 *         super("mlp-generator", Config.class, GanApi.VERSION, "MLP generator z → … → tanh|linear");
 *     }
 *     …
 * }
 * }</pre>
 *
 * <p>Pass {@code GanApi.VERSION} from the provider's own constructor: javac inlines the constant there, so the
 * provider reports the API it was compiled against (a base class that read the constant itself would report the
 * API it runs on, and the registry could no longer refuse a plugin built for a newer API).
 *
 * @param <C> the config record type
 * @since API 1.3
 */
public abstract class Provider<C extends Record> implements Component<C> {
    private final String name;
    private final Class<C> configType;
    private final String apiVersion;
    private final String description;

    /**
     * Sets what every provider declares.
     *
     * @param name the kebab-case name YAML uses as {@code type:}
     * @param configType the config record ({@link NoConfig} for none)
     * @param apiVersion {@code GanApi.VERSION}, written in the subclass
     * @param description one line for {@code gan plugins}
     */
    protected Provider(String name, Class<C> configType, String apiVersion, String description) {
        this.name = name;
        this.configType = configType;
        this.apiVersion = apiVersion;
        this.description = description;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Class<C> configType() {
        return configType;
    }

    @Override
    public final String apiVersion() {
        return apiVersion;
    }

    @Override
    public final String description() {
        return description;
    }
}
