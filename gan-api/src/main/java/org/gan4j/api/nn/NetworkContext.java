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
 * @param providers the run's providers by kind, for a factory built from parts that plugins may add (the YAML
 *     layers of {@code sequential-generator}); {@link Providers#NONE} outside a run
 */
public record NetworkContext(String role, long[] sampleShape, int numClasses, long seed, boolean conditional,
                             Providers providers) {

    /** The providers a run has loaded, class path and plugin jars alike. */
    public interface Providers {
        /** No providers: factories fall back to what their own module sees. */
        Providers NONE = new Providers() {
            @Override
            public <T> java.util.Map<String, T> of(Class<T> kind) {
                return java.util.Map.of();
            }
        };

        /**
         * The providers of one service kind.
         *
         * @param kind the service interface
         * @param <T> its type
         * @return the providers by name; empty when none or the kind is unknown
         * @since API 1.4
         */
        <T> java.util.Map<String, T> of(Class<T> kind);
    }

    /**
     * A context without the run's providers.
     *
     * @param role the network's name
     * @param sampleShape one data sample's shape
     * @param numClasses the label count, 0 when unlabelled
     * @param seed the initialisation seed
     * @param conditional whether labels go into the network
     */
    public NetworkContext(String role, long[] sampleShape, int numClasses, long seed, boolean conditional) {
        this(role, sampleShape, numClasses, seed, conditional, Providers.NONE);
    }

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
