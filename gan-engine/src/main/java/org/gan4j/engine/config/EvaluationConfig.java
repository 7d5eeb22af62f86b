package org.gan4j.engine.config;

import org.gan4j.api.Param;

/**
 * Built-in evaluation during training, the figures of {@code gan evaluate}: on labelled images, 2-D mixtures, and
 * translation runs (their test split; {@code samples} does not apply to these).
 *
 * @param every evaluate every N steps into metrics.jsonl ({@code eval_*} keys); 0 = never during training
 * @param samples generated samples per evaluation
 */
public record EvaluationConfig(
        @Param(value = "0", doc = "evaluate every N steps into metrics.jsonl (eval_fd, eval_l1, …); 0 = never while training", min = "0") long every,
        @Param(value = "5000", doc = "generated samples per evaluation", min = "10", max = "1000000") int samples) {

    /** Validates the settings. */
    public EvaluationConfig {
        if (every < 0) {
            throw new org.gan4j.api.ConfigException("evaluation.every: must be >= 0, got " + every);
        }
        if (samples < 2) {
            throw new org.gan4j.api.ConfigException("evaluation.samples: must be >= 2, got " + samples);
        }
    }
}
