/** CycleGAN: the {@code cyclegan} schedule and its image pool. */
package org.gan4j.cyclegan;
