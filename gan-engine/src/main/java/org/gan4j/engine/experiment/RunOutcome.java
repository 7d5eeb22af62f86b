package org.gan4j.engine.experiment;

import java.util.Map;

/**
 * How one run of an experiment ended.
 *
 * @param id its directory name inside the experiment
 * @param seed its seed
 * @param label its sweep point ({@code key=value …}), empty without a sweep
 * @param step the step it reached
 * @param seconds its training time, all sessions together (a resumed run adds up)
 * @param finished true when it trained to the end and was evaluated; false when it was stopped
 * @param figures its final evaluation's figures (empty when not finished)
 */
public record RunOutcome(String id, long seed, String label, long step, double seconds, boolean finished,
                         Map<String, Double> figures) {
    /** Copies the figures. */
    public RunOutcome {
        figures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(figures));
    }
}
