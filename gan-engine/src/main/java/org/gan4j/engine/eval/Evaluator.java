package org.gan4j.engine.eval;

import java.util.Map;
import java.util.function.Consumer;
import org.gan4j.api.Metric;
import org.gan4j.api.data.Dataset;
import org.gan4j.api.registry.Registry;
import org.gan4j.engine.Samples;
import org.gan4j.engine.config.ConfigBinder;
import org.gan4j.engine.config.ExperimentConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores a generator's samples against its training data, with the full evaluation (histogram, picture, the progress
 * line). {@link #forExperiment} evaluates with the run's metrics ({@link Metric} providers): by default
 * {@link ModeCoverage} for labelled 2-D mixtures (ring, grid) and {@link ImageEvaluator} for labelled images.
 */
public interface Evaluator extends Metric.Scorer {

    /**
     * Scores samples.
     *
     * @param samples generated samples, with the labels asked for when conditional
     * @param step the step they come from
     * @return the evaluation
     */
    Evaluation evaluate(Samples samples, long step);

    /**
     * The engine's evaluators are metric scorers too; this is their figures alone, for a caller that has no
     * {@link Samples}.
     */
    @Override
    default Map<String, Double> score(INDArray samples, int[] labels) {
        int classes = labels == null ? 0 : java.util.Arrays.stream(labels).max().orElse(0) + 1;
        return evaluate(new Samples(samples, labels, classes), 0).metrics();
    }

    /**
     * The evaluator for an experiment's data: the metrics {@code evaluation.metrics} lists, or every default metric
     * that applies to the data.
     *
     * @param config the experiment
     * @param registry the providers
     * @param sampleShape one sample's shape, as the run knows it (no data is opened to decide)
     * @param numClasses the run's label count
     * @param log receives progress lines
     * @return the evaluator
     * @throws org.gan4j.api.ConfigException when no metric applies, or a listed one does not
     */
    static Evaluator forExperiment(ExperimentConfig config, Registry registry, long[] sampleShape, int numClasses,
            Consumer<String> log) {
        Metric.MetricData data = new MetricInputs(config.data().type(), sampleShape.clone(), numClasses,
                split -> openSplit(config, registry, split), log);
        return MetricSet.of(config.evaluation().metrics(), registry, data);
    }

    /** One split of a run's data, whole; data without splits (ring, grid) gives its own rows as {@code train}. */
    private static Dataset openSplit(ExperimentConfig config, Registry registry, String split) {
        if (split.equals("train") && !ConfigBinder.keys(config.data().settings().getClass()).contains("split")) {
            return Splits.open(config, registry);
        }
        ExperimentConfig c;
        try {
            c = Splits.bind(config, registry, split);
        } catch (org.gan4j.api.ConfigException e) {
            throw new org.gan4j.api.ConfigException("evaluation: data '" + config.data().type()
                    + "' has no train/test splits (" + e.getMessage() + ")", e);
        }
        return Splits.open(c, registry);
    }

    /**
     * How many bins hold at least a tenth of a uniform share.
     *
     * @param histogram shares summing to 1 (or 0 when empty)
     * @return the count
     */
    static int covered(double[] histogram) {
        int covered = 0;
        for (double p : histogram) {
            if (p >= 0.1 / histogram.length) {
                covered++;
            }
        }
        return covered;
    }

    /**
     * KL(histogram ‖ uniform) in nats.
     *
     * @param histogram shares summing to 1
     * @return 0 for a uniform histogram, log K when all mass is in one bin
     */
    static double klFromUniform(double[] histogram) {
        double kl = 0;
        for (double p : histogram) {
            if (p > 0) {
                kl += p * Math.log(p * histogram.length);
            }
        }
        return kl;
    }
}
