/** Engine internals: the run loop, optimizers, checkpoints, randomness, pictures. Not API. */
package org.gan4j.engine.internal;
