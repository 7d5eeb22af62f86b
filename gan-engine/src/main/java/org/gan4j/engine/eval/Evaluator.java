package org.gan4j.engine.eval;

import java.util.function.Consumer;
import org.gan4j.api.DataSource;
import org.gan4j.api.registry.Registry;
import org.gan4j.engine.Samples;
import org.gan4j.engine.config.ExperimentConfig;

/**
 * Scores a generator's samples against its training data. {@link #forExperiment} picks the evaluation that fits the
 * data: {@link ModeCoverage} for labelled 2-D mixtures (ring, grid), {@link ImageEvaluator} for labelled images.
 */
public interface Evaluator {

    /**
     * Scores samples.
     *
     * @param samples generated samples, with the labels asked for when conditional
     * @param step the step they come from
     * @return the evaluation
     */
    Evaluation evaluate(Samples samples, long step);

    /**
     * The evaluator for an experiment's data.
     *
     * @param config the experiment
     * @param registry the providers
     * @param sampleShape one sample's shape, as the run knows it (no data is opened to decide)
     * @param numClasses the run's label count
     * @param log receives progress lines
     * @return mode coverage for labelled 2-D data, the image evaluator otherwise
     * @throws org.gan4j.api.ConfigException when the data fits neither
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Evaluator forExperiment(ExperimentConfig config, Registry registry, long[] sampleShape, int numClasses,
            Consumer<String> log) {
        if (sampleShape.length == 1 && sampleShape[0] == 2 && numClasses > 0) {
            DataSource source = registry.require(DataSource.class, config.data().type());
            return new ModeCoverage(source.open(config.data().settings()));
        }
        // the image evaluator opens the train and test splits itself: the run's own data may be limited
        return ImageEvaluator.forExperiment(config, registry, log);
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
