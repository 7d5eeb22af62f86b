package org.gan4j.engine.internal;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.gan4j.api.data.Dataset;
import org.gan4j.api.nn.Network;
import org.gan4j.api.registry.Registry;
import org.gan4j.api.train.StepRunner;
import org.gan4j.api.train.Translation;
import org.gan4j.engine.Samples;
import org.gan4j.engine.config.ExperimentConfig;
import org.gan4j.engine.eval.Evaluation;
import org.gan4j.engine.eval.Evaluator;

/**
 * What a run is evaluated with: translation figures when the schedule declares a {@link Translation}, else the
 * data's evaluator (built on first use: it may train and cache the classifier) on generated samples; then the
 * schedule's own figures ({@link StepRunner#evaluate}).
 */
final class RunEvaluation {
    private final Registry registry;
    private final StepRunner runner;
    private final long[] sampleShape;
    private final int numClasses;
    private final Translations translations = new Translations();
    private Evaluator evaluator;

    RunEvaluation(Registry registry, StepRunner runner, long[] sampleShape, int numClasses) {
        this.registry = registry;
        this.runner = runner;
        this.sampleShape = sampleShape;
        this.numClasses = numClasses;
    }

    /** Builds the data's evaluator now, so that its classifier's training is not charged to the first evaluation. */
    void prepare(ExperimentConfig config, Consumer<String> log) {
        if (runner.translation() == null) {
            if (!config.evaluation().judge().isEmpty()) {
                log.accept("evaluation.judge: ignored — it judges translation runs, and this schedule declares none");
            }
            evaluator(config, log);
        } else {
            translations.prepare(config, registry, log);
        }
    }

    private Evaluator evaluator(ExperimentConfig config, Consumer<String> log) {
        if (evaluator == null) {
            evaluator = Evaluator.forExperiment(config, registry, sampleShape, numClasses, log);
        }
        return evaluator;
    }

    /**
     * Evaluates the networks as they are now.
     *
     * @param config the run's config
     * @param step the step they come from
     * @param seed the noise seed of samples and of the schedule's probe
     * @param networks the run's networks by name
     * @param samples draws the samples to score
     * @param data the run's data (opened on demand)
     * @param log receives progress lines
     * @return the evaluation with the schedule's figures
     */
    Evaluation evaluate(ExperimentConfig config, long step, long seed, Function<String, Network> networks,
                        Supplier<Samples> samples, Supplier<Dataset> data, Consumer<String> log) {
        Translation t = runner.translation();
        Evaluation base = t != null ? translations.evaluate(t, config, registry, networks, step, log)
                : evaluator(config, log).evaluate(samples.get(), step);
        return Probe.merge(base, runner, new Probe(step, seed, networks, data));
    }
}
