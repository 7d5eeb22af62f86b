/**
 * The engine's public API: {@link org.gan4j.engine.Gan4j} to load configs, train, resume and sample, with
 * {@link org.gan4j.engine.TrainingListener} callbacks and a {@link org.gan4j.engine.TrainingHandle} to cancel.
 */
package org.gan4j.engine;
