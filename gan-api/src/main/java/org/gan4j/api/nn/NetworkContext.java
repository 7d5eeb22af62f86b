package org.gan4j.api.nn;

/**
 * What a network factory needs to know about the run.
 *
 * @param role the network's name in the config, such as {@code G} or {@code D}
 * @param sampleShape the shape of one data sample without the batch dimension
 * @param numClasses the number of labels in the data, 0 when unlabelled
 * @param seed the seed for weight initialisation; the same seed gives the same weights
 */
public record NetworkContext(String role, long[] sampleShape, int numClasses, long seed) {

    /**
     * The number of values in one sample.
     *
     * @return the product of {@link #sampleShape()}
     */
    public long sampleSize() {
        long n = 1;
        for (long d : sampleShape) {
            n *= d;
        }
        return n;
    }
}
