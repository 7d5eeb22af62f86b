package org.gan4j.engine.config;

import org.gan4j.api.Param;

/**
 * When to write checkpoints.
 *
 * @param every write a checkpoint every this many steps (and at the end); 0 = only at the end; -1 = never
 *     (benchmarks)
 * @param keep how many periodic checkpoints to keep (older ones are deleted after a newer one is safely written)
 */
public record CheckpointConfig(
        @Param(value = "1000", doc = "checkpoint every N steps (and at the end); 0 = only at the end; -1 = never", min = "-1") long every,
        @Param(value = "3", doc = "periodic checkpoints to keep", min = "1", max = "1000000") int keep) {

    /** Validates the settings. */
    public CheckpointConfig {
        if (every < -1) {
            throw new org.gan4j.api.ConfigException("checkpoints.every: must be >= -1, got " + every);
        }
    }
}
