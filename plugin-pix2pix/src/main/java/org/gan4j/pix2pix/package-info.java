/** pix2pix: the {@code pix2pix} schedule (conditional GAN + λ·L1 on paired images). */
package org.gan4j.pix2pix;
