package org.gan4j.engine.config;

import org.gan4j.api.Param;

/**
 * How often metrics.jsonl gets a line.
 *
 * @param every write the mean of each metric over the last N steps every N steps
 */
public record MetricsConfig(
        @Param(value = "50", doc = "metrics.jsonl line (means over the interval) every N steps", min = "1") long every) {
}
