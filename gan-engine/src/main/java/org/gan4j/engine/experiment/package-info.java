/**
 * Repeated runs as one experiment ({@code gan repeat}): one run per seed (× sweep point), each evaluated at its end,
 * and a summary of every evaluation figure — mean, standard deviation, min and max over the seeds. A GAN run is one
 * draw from a wide distribution; the summary is what a figure should be reported as.
 */
package org.gan4j.engine.experiment;
