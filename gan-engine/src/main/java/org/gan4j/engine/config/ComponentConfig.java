package org.gan4j.engine.config;

/**
 * A bound {@code {type: name, …}} block: the provider's name and its typed settings.
 *
 * @param type the provider's name
 * @param settings the provider's config record, with defaults filled in
 * @param pack PacGAN's packing degree (Lin et al. 2018) of a discriminator block ({@code pack: m}): the
 *     discriminator judges m samples at once, concatenated along the channels (images) or features (vectors); 1 for
 *     every other block
 */
public record ComponentConfig(String type, Record settings, int pack) {
    /** The largest packing degree a config may ask for. */
    public static final int MAX_PACK = 64;

    /** Validates the packing degree. */
    public ComponentConfig {
        if (pack < 1 || pack > MAX_PACK) {
            throw new org.gan4j.api.ConfigException("pack: must be from 1 to " + MAX_PACK + ", got " + pack);
        }
    }

    /**
     * A block without packing.
     *
     * @param type the provider's name
     * @param settings the provider's config record
     */
    public ComponentConfig(String type, Record settings) {
        this(type, settings, 1);
    }

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
