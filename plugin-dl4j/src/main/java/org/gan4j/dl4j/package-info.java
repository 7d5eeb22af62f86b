/** DeepLearning4J networks as gan4j generators and discriminators ({@link org.gan4j.dl4j.Dl4jNetwork}). */
package org.gan4j.dl4j;
