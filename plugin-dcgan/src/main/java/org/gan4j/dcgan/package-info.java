/** DCGAN networks: {@code dcgan-generator} and {@code dcgan-discriminator}. */
package org.gan4j.dcgan;
