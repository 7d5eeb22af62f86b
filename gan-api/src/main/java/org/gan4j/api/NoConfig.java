package org.gan4j.api;

/** The config record of a component that has no settings. */
public record NoConfig() {
}
