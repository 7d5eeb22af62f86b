package org.gan4j.api.nn;

/**
 * What a network factory needs to know about the run.
 *
 * @param role the network's name in the config, such as {@code G} or {@code D}
 * @param sampleShape the shape of one data sample without the batch dimension
 * @param numClasses the number of labels in the data, 0 when unlabelled
 * @param seed the seed for weight initialisation; the same seed gives the same weights
 * @param conditional true when the schedule feeds one-hot labels into the networks (a conditional GAN): a
 *     generator then takes {@code numClasses} values after its latent vector, and a discriminator takes the labels
 *     beside the sample, as {@link org.gan4j.api.train.Labels} lays them out
 */
public record NetworkContext(String role, long[] sampleShape, int numClasses, long seed, boolean conditional) {

    /**
     * A context for an unconditional network.
     *
     * @param role the network's name
     * @param sampleShape one data sample's shape
     * @param numClasses the label count, 0 when unlabelled
     * @param seed the initialisation seed
     */
    public NetworkContext(String role, long[] sampleShape, int numClasses, long seed) {
        this(role, sampleShape, numClasses, seed, false);
    }

    /**
     * How many label values a conditional network takes beside its usual input.
     *
     * @return {@link #numClasses()} when conditional, else 0
     */
    public int labelInputs() {
        return conditional ? numClasses : 0;
    }

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
