/** Layers and the {@link org.gan4j.nn.Sequential} network built from them. */
package org.gan4j.nn;
