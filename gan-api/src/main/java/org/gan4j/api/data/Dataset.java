package org.gan4j.api.data;

/**
 * A finite, randomly accessible set of samples. The engine draws shuffled batches from it with the run's seed, so a
 * dataset itself holds no random state.
 */
public interface Dataset {

    /**
     * The shape of one sample without the batch dimension: {@code [C, H, W]} for images, {@code [d]} for vectors.
     *
     * @return the sample shape
     */
    long[] sampleShape();

    /**
     * Number of samples.
     *
     * @return the size
     */
    int size();

    /**
     * Number of classes when samples carry labels.
     *
     * @return the class count, 0 when unlabelled
     */
    int numClasses();

    /**
     * Copies the samples at {@code indices} into a new batch, scaled to the range the generator emits ([-1, 1] for
     * images).
     *
     * @param indices sample indices in {@code [0, size())}
     * @return the batch
     */
    Batch batch(int[] indices);

    /**
     * Copies the samples at {@code indices} into a new batch, for data with random augmentation (crops, flips): the
     * engine passes a generator seeded from the run's seed and the batch's position in the stream, so augmented
     * batches are reproducible and a resumed run sees exactly the batches an uninterrupted one would. The default
     * ignores it.
     *
     * @param indices sample indices in {@code [0, size())}
     * @param random this batch's own random numbers
     * @return the batch
     * @since API 1.1
     */
    default Batch batch(int[] indices, java.util.random.RandomGenerator random) {
        return batch(indices);
    }

    /**
     * Tells whether samples are images of shape {@code [C, H, W]}.
     *
     * @return true for images
     */
    default boolean isImage() {
        return sampleShape().length == 3;
    }

    /**
     * A directory where gan4j may keep what it derives from these data (the evaluation classifier), normally the
     * directory the data was read from.
     *
     * @return the directory, or null when the data has no home (gan4j then uses {@code ~/.cache/gan4j})
     */
    default java.nio.file.Path cacheDirectory() {
        return null;
    }

    /**
     * A human-readable description for logs.
     *
     * @return for example {@code "mnist train: 60000 × [1, 28, 28], 10 classes"}
     */
    default String describe() {
        return getClass().getSimpleName() + ": " + size() + " × " + java.util.Arrays.toString(sampleShape());
    }
}
