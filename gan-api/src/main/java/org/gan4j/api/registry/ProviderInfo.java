package org.gan4j.api.registry;

import org.gan4j.api.Component;

/**
 * One provider the registry found.
 *
 * @param kind the service kind: generator, discriminator, loss, schedule or data
 * @param name the provider's kebab-case name
 * @param module the JPMS module name, or {@code "(class path)"}
 * @param version the module or jar version, or {@code "-"} when unknown
 * @param location where the provider's code came from (a jar or directory)
 * @param provider the provider instance
 */
public record ProviderInfo(String kind, String name, String module, String version, String location,
                           Component<?> provider) {
}
