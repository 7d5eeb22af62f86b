/** Vanilla GAN providers: MLP networks and the minimax and non-saturating losses, with their config records. */
package org.gan4j.vanilla;
