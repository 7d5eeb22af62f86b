/** Providers built into the engine: the alternating schedule and the MNIST, Fashion-MNIST and toy data sources. */
package org.gan4j.engine.builtin;
