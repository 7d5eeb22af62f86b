/** Wasserstein GAN: the {@code wasserstein} loss and the {@code wgan} critic schedule. */
package org.gan4j.wgan;
