/** The conditional GAN schedule ({@code cgan}). */
package org.gan4j.cgan;
