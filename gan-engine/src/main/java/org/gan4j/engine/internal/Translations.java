package org.gan4j.engine.internal;

import java.awt.image.BufferedImage;
import java.util.function.Function;
import org.gan4j.api.data.Dataset;
import org.gan4j.api.nn.Network;
import org.gan4j.api.registry.Registry;
import org.gan4j.api.train.Translation;
import org.gan4j.engine.config.ExperimentConfig;
import org.gan4j.engine.eval.CycleTranslationEvaluator;
import org.gan4j.engine.eval.Evaluation;
import org.gan4j.engine.eval.Judge;
import org.gan4j.engine.eval.TranslationEvaluator;

/**
 * Pictures and evaluation of a run whose schedule declares a {@link Translation}: one-way translations are scored on
 * paired test data, two-way ones on the two test domains and their cycles. The test split is opened on first use.
 */
final class Translations {
    private TranslationEvaluator paired;
    private CycleTranslationEvaluator cycle;
    private Judge judge;
    private boolean judged;

    /** Builds the judge now (its classifier may train), so that the first evaluation is not charged with it. */
    void prepare(ExperimentConfig config, Registry registry, java.util.function.Consumer<String> log) {
        if (!judged) {
            judge = Judge.of(config, registry, log);
            judged = true;
            int a = config.evaluation().judgeClassA();
            int b = config.evaluation().judgeClassB();
            if (judge != null && Math.max(a, b) >= judge.classes()) {
                // checked before training, not at the first evaluation hours in
                throw new org.gan4j.api.ConfigException("evaluation.judge_class_a/b: '" + judge.name() + "' has classes 0.."
                        + (judge.classes() - 1) + ", got " + Math.max(a, b));
            }
        }
    }

    /**
     * Scores the translation networks as they are now.
     *
     * @param t what the schedule declared
     * @param config the experiment
     * @param registry the providers (to open the test split)
     * @param network a network by name
     * @param step the step evaluated
     * @param log receives progress lines (the judge's classifier training)
     * @return the evaluation
     */
    Evaluation evaluate(Translation t, ExperimentConfig config, Registry registry, Function<String, Network> network,
                        long step, java.util.function.Consumer<String> log) {
        Network g = network.apply(t.forward());
        prepare(config, registry, log);
        if (!t.twoWay()) {
            if (paired == null) {
                paired = TranslationEvaluator.forExperiment(config, registry, g);
            }
            return paired.evaluate(g, step, judge);
        }
        Network f = network.apply(t.inverse());
        if (cycle == null) {
            cycle = CycleTranslationEvaluator.forExperiment(config, registry, g, f);
        }
        return cycle.evaluate(g, f, step, judge, config.evaluation().judgeClassA(), config.evaluation().judgeClassB());
    }

    /**
     * The progress picture: the first training images translated (input | output | target; a | G(a) | F(G(a)) | b |
     * F(b) | G(F(b))).
     *
     * @param t what the schedule declared
     * @param data the training data
     * @param network a network by name
     * @return the picture
     */
    static BufferedImage preview(Translation t, Dataset data, Function<String, Network> network) {
        return t.twoWay() ? CycleTranslationEvaluator.preview(data, network.apply(t.forward()), network.apply(t.inverse()))
                : TranslationEvaluator.preview(data, network.apply(t.forward()));
    }
}
