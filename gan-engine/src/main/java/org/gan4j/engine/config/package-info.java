/**
 * Experiment configuration: the typed records a YAML file binds to, and the loader that binds them with paths in
 * every error message.
 */
package org.gan4j.engine.config;
