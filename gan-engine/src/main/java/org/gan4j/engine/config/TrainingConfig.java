package org.gan4j.engine.config;

import org.gan4j.api.Param;

/**
 * How long and in what batches to train.
 *
 * @param steps total training iterations (one iteration = the schedule's full D and G steps)
 * @param batchSize real samples per batch
 * @param lrDecayFrom the iteration from which every learning rate decays linearly to 0 at {@code steps}
 *     (pix2pix/CycleGAN: constant for n_epochs, then decay over n_epochs_decay); 0 = constant learning rates
 * @param workers data-parallel workers: each optimizer step's batch is split into this many contiguous shards that
 *     run at the same time, their gradients summed in a fixed order; {@code auto} = the cores the JVM sees, at most
 *     the batch size; 1 = one worker. The effective config records the number a run used
 * @param threads intra-op threads per worker (the native convolutions and GEMMs of one worker's shard);
 *     {@code auto} = the cores divided among the workers, so a batch of one, which cannot be split, gets every core
 * @param emaDecay the decay β of an exponential moving average of the generators' weights, updated after every
 *     iteration ({@code avg = β·avg + (1-β)·θ}) and used for samples, pictures and evaluation (BigGAN, StudioGAN's
 *     {@code g_ema}); 0 = off
 * @param emaStart the iteration up to which the average is a copy of the weights (StudioGAN's {@code g_ema_start})
 */
public record TrainingConfig(
        @Param(value = "10000", doc = "total training iterations", min = "0", max = "1000000000000") long steps,
        @Param(value = "64", doc = "real samples per batch", min = "1", max = "1000000") int batchSize,
        @Param(value = "0", doc = "iteration from which learning rates decay linearly to 0 at training.steps; 0 = constant", min = "0")
        long lrDecayFrom,
        @Param(value = "auto", doc = "data-parallel workers: auto (the cores, at most batch_size) | 1 … 256")
        String workers,
        @Param(value = "auto", doc = "intra-op threads per worker: auto (cores / workers) | 1 … 256") String threads,
        @Param(value = "0", doc = "decay of the moving average of G's weights used for samples and evaluation; 0 = off", min = "0", max = "0.999999999")
        double emaDecay,
        @Param(value = "0", doc = "iteration up to which the average copies the weights", min = "0") long emaStart) {

    /** The largest number of workers or threads a config may ask for. */
    public static final int MAX_PARALLEL = 256;

    /** Validates the values. */
    public TrainingConfig {
        if (steps < 0) {
            throw new org.gan4j.api.ConfigException("training.steps: must be >= 0, got " + steps);
        }
        if (batchSize < 1) {
            throw new org.gan4j.api.ConfigException("training.batch_size: must be >= 1, got " + batchSize);
        }
        if (lrDecayFrom < 0 || (lrDecayFrom > 0 && lrDecayFrom >= steps)) {
            throw new org.gan4j.api.ConfigException("training.lr_decay_from: must be 0 (off) or in [1, training.steps = "
                    + steps + "), got " + lrDecayFrom);
        }
        if (!(emaDecay >= 0 && emaDecay < 1)) {
            throw new org.gan4j.api.ConfigException("training.ema_decay: must be in [0, 1), got " + emaDecay);
        }
        if (emaStart < 0) {
            throw new org.gan4j.api.ConfigException("training.ema_start: must be >= 0, got " + emaStart);
        }
        int w = count("training.workers", workers);
        count("training.threads", threads);
        if (w > batchSize) {
            throw new org.gan4j.api.ConfigException("training.workers: " + w + " workers cannot split a batch of "
                    + batchSize + "; use at most " + batchSize + " (or auto)");
        }
    }

    /**
     * The settings of an older config: workers and threads chosen automatically.
     *
     * @param steps total training iterations
     * @param batchSize real samples per batch
     * @param lrDecayFrom the iteration from which learning rates decay; 0 = constant
     */
    public TrainingConfig(long steps, int batchSize, long lrDecayFrom) {
        this(steps, batchSize, lrDecayFrom, "auto", "auto", 0, 0);
    }

    /** 0 for auto, else the number, checked. */
    private static int count(String key, String value) {
        if (value == null || value.equals("auto")) {
            return 0;
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new org.gan4j.api.ConfigException(key + ": expected auto or a whole number from 1 to " + MAX_PARALLEL
                    + ", got '" + value + "'");
        }
        if (n < 1 || n > MAX_PARALLEL) {
            throw new org.gan4j.api.ConfigException(key + ": must be auto or from 1 to " + MAX_PARALLEL + ", got " + n);
        }
        return n;
    }

    /**
     * The workers asked for.
     *
     * @return the number, or 0 for auto
     */
    public int workerCount() {
        return count("training.workers", workers);
    }

    /**
     * The threads per worker asked for.
     *
     * @return the number, or 0 for auto
     */
    public int threadCount() {
        return count("training.threads", threads);
    }

    /**
     * This config with the numbers a run resolved {@code auto} to, for the effective config it saves.
     *
     * @param resolvedWorkers the workers the run uses
     * @param resolvedThreads the threads per worker
     * @return the new config
     */
    public TrainingConfig withParallelism(int resolvedWorkers, int resolvedThreads) {
        return new TrainingConfig(steps, batchSize, lrDecayFrom, String.valueOf(resolvedWorkers),
                String.valueOf(resolvedThreads), emaDecay, emaStart);
    }

    /**
     * The learning-rate factor of an iteration: 1 before {@code lr_decay_from}, then falling linearly so that the
     * last iteration runs at {@code 1 / (steps - lr_decay_from)} and the next would run at 0, as the pix2pix and
     * CycleGAN reference code decays per epoch. A pure function of the iteration, so a resumed run continues the
     * schedule exactly.
     *
     * @param step the 0-based iteration
     * @return the factor in (0, 1]
     */
    public double learningRateScale(long step) {
        if (lrDecayFrom == 0 || step < lrDecayFrom) {
            return 1;
        }
        return (double) (steps - step) / (steps - lrDecayFrom);
    }
}
