/** Networks written in YAML as a list of gan-nn layers: {@code sequential-generator}, {@code sequential-discriminator}. */
package org.gan4j.layers;
