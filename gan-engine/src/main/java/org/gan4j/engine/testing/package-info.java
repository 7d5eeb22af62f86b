/**
 * Running a {@link org.gan4j.api.train.StepRunner} without the engine's run loop, for plugin authors' tests:
 * {@link org.gan4j.engine.testing.StepHarness}.
 */
package org.gan4j.engine.testing;
