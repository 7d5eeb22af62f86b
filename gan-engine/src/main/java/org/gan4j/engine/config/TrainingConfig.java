package org.gan4j.engine.config;

import org.gan4j.api.Param;

/**
 * How long and in what batches to train.
 *
 * @param steps total training iterations (one iteration = the schedule's full D and G steps)
 * @param batchSize real samples per batch
 */
public record TrainingConfig(
        @Param(value = "10000", doc = "total training iterations") long steps,
        @Param(value = "64", doc = "real samples per batch") int batchSize) {

    /** Validates the values. */
    public TrainingConfig {
        if (steps < 0) {
            throw new org.gan4j.api.ConfigException("training.steps: must be >= 0, got " + steps);
        }
        if (batchSize < 1) {
            throw new org.gan4j.api.ConfigException("training.batch_size: must be >= 1, got " + batchSize);
        }
    }
}
