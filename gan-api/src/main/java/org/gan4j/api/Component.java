package org.gan4j.api;

/**
 * What every gan4j service provider has in common: a kebab-case name that YAML configs use as {@code type:}, and a
 * typed config record the YAML block binds to.
 *
 * <p>Config records are public records in an exported package. Each component may carry {@link Param} to document
 * its default and meaning; the engine fills absent keys from those defaults and rejects unknown keys. Components
 * without settings use {@link NoConfig}.
 *
 * @param <C> the config record type
 */
public interface Component<C extends Record> {

    /**
     * The name used in YAML as {@code type: name}.
     *
     * @return a kebab-case name, unique within its service kind
     */
    String name();

    /**
     * The record a YAML block of this component binds to.
     *
     * @return the config record class
     */
    Class<C> configType();

    /**
     * The API version this provider was compiled against. Implement it as {@code return GanApi.VERSION;} so that
     * javac inlines the constant and the registry can skip providers built for an incompatible API.
     *
     * @return {@code "major.minor"}
     */
    String apiVersion();

    /**
     * A one-line description shown by {@code gan plugins}.
     *
     * @return a short human-readable description
     */
    default String description() {
        return "";
    }
}
