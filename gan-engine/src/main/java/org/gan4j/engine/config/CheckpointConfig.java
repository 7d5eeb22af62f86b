package org.gan4j.engine.config;

import org.gan4j.api.Param;

/**
 * When to write checkpoints.
 *
 * @param every write a checkpoint every this many steps (and always at the end); 0 = only at the end
 * @param keep how many periodic checkpoints to keep (older ones are deleted after a newer one is safely written)
 */
public record CheckpointConfig(
        @Param(value = "1000", doc = "checkpoint every N steps (and at the end); 0 = only at the end") long every,
        @Param(value = "3", doc = "periodic checkpoints to keep") int keep) {
}
