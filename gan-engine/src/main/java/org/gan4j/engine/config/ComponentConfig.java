package org.gan4j.engine.config;

/**
 * A bound {@code {type: name, …}} block: the provider's name and its typed settings.
 *
 * @param type the provider's name
 * @param settings the provider's config record, with defaults filled in
 */
public record ComponentConfig(String type, Record settings) {

    /**
     * The settings as the provider's record type.
     *
     * @param type the record class
     * @param <R> the record type
     * @return the settings
     */
    public <R extends Record> R settings(Class<R> type) {
        return type.cast(settings);
    }
}
