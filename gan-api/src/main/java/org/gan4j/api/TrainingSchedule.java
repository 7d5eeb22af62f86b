package org.gan4j.api;

import org.gan4j.api.train.StepRunner;

/**
 * A factory of training steps. The schedule owns one training iteration (for example k discriminator steps then one
 * generator step) and performs it with the engine's primitives in {@link org.gan4j.api.train.StepContext}; the
 * engine never needs to know which variant runs.
 *
 * @param <C> the config record type
 */
public interface TrainingSchedule<C extends Record> extends Component<C> {

    /**
     * Creates the step runner for one run.
     *
     * @param config the bound config
     * @return the runner; its {@link StepRunner#state()} is checkpointed with the run
     */
    StepRunner create(C config);
}
