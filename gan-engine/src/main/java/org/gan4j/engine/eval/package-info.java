/**
 * Built-in evaluation of generators on labelled image data: a cached classifier, the Fréchet distance of its
 * features against real test images (with the real-data floor), the class histogram and label accuracy.
 */
package org.gan4j.engine.eval;
