package org.gan4j.engine.config;

import org.gan4j.api.Param;

/**
 * How long and in what batches to train.
 *
 * @param steps total training iterations (one iteration = the schedule's full D and G steps)
 * @param batchSize real samples per batch
 * @param lrDecayFrom the iteration from which every learning rate decays linearly to 0 at {@code steps}
 *     (pix2pix/CycleGAN: constant for n_epochs, then decay over n_epochs_decay); 0 = constant learning rates
 */
public record TrainingConfig(
        @Param(value = "10000", doc = "total training iterations") long steps,
        @Param(value = "64", doc = "real samples per batch") int batchSize,
        @Param(value = "0", doc = "iteration from which learning rates decay linearly to 0 at training.steps; 0 = constant")
        long lrDecayFrom) {

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
