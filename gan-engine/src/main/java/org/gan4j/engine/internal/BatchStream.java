package org.gan4j.engine.internal;

import org.gan4j.api.data.Batch;
import org.gan4j.api.data.Dataset;

/**
 * Shuffled batches without replacement, epoch after epoch. The permutation of epoch e is a function of (seed, e),
 * so the stream's whole state is one counter: the number of batches drawn.
 */
public final class BatchStream {
    private final Dataset dataset;
    private final int batchSize;
    private final long seed;
    private final int perEpoch;
    private long cursor;
    private long permEpoch = -1;
    private int[] perm;

    /**
     * Creates the stream.
     *
     * @param dataset the data
     * @param batchSize samples per batch (at most the dataset's size)
     * @param seed the run seed
     */
    public BatchStream(Dataset dataset, int batchSize, long seed) {
        if (dataset.size() < batchSize) {
            throw new org.gan4j.api.ConfigException("training.batch_size: " + batchSize + " is larger than the dataset ("
                    + dataset.size() + " samples)");
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.seed = seed;
        this.perEpoch = dataset.size() / batchSize;
    }

    /**
     * The next batch.
     *
     * @return a batch of {@code batchSize} samples
     */
    public Batch next() {
        long epoch = cursor / perEpoch;
        int within = (int) (cursor % perEpoch);
        if (epoch != permEpoch) {
            perm = permutation(dataset.size(), Rng.of(seed, epoch, "shuffle"));
            permEpoch = epoch;
        }
        int[] idx = new int[batchSize];
        System.arraycopy(perm, within * batchSize, idx, 0, batchSize);
        Batch b = dataset.batch(idx, Rng.of(seed, cursor, "augment"));
        cursor++;
        return b;
    }

    private static int[] permutation(int n, java.util.SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * Batches drawn so far.
     *
     * @return the cursor
     */
    public long cursor() {
        return cursor;
    }

    /**
     * Moves the cursor (on resume).
     *
     * @param cursor batches drawn so far
     */
    public void seek(long cursor) {
        this.cursor = cursor;
    }

    /**
     * The current epoch (fractional).
     *
     * @return batches drawn / batches per epoch
     */
    public double epoch() {
        return (double) cursor / perEpoch;
    }
}
