package org.gan4j.engine.eval;

import org.gan4j.api.GanApi;
import org.gan4j.api.Metric;
import org.gan4j.api.NoConfig;
import org.gan4j.api.Provider;

/** gan4j's two default metrics as providers: what each applies to is all the engine knows of them. */
public final class BuiltinMetrics {
    private BuiltinMetrics() {
    }

    /** {@link ModeCoverage} on labelled 2-D mixtures (ring, grid): modes covered, high-quality share, reverse KL. */
    public static final class ModeCoverageMetric extends Provider<NoConfig> implements Metric<NoConfig> {
        /** The provider ServiceLoader instantiates. */
        public ModeCoverageMetric() {
            super("mode-coverage", NoConfig.class, GanApi.VERSION,
                    "labelled 2-D mixtures: modes covered, high-quality share, reverse KL (VEEGAN, PacGAN)");
        }

        @Override
        public boolean appliesTo(MetricData data) {
            return data.sampleShape().length == 1 && data.sampleShape()[0] == 2 && data.numClasses() > 0;
        }

        @Override
        public boolean byDefault() {
            return true;
        }

        @Override
        public Scorer create(NoConfig config, MetricData data) {
            return new ModeCoverage(data.open("train"));
        }
    }

    /**
     * {@link ImageEvaluator} on labelled images: Fréchet distance of a cached classifier's features, class histogram,
     * label accuracy, Parzen-window log-likelihood.
     */
    public static final class ClassifierMetric extends Provider<NoConfig> implements Metric<NoConfig> {
        /** The provider ServiceLoader instantiates. */
        public ClassifierMetric() {
            super("classifier", NoConfig.class, GanApi.VERSION,
                    "labelled images: classifier Fréchet distance and floor, classes, label accuracy, Parzen");
        }

        @Override
        public boolean appliesTo(MetricData data) {
            return data.sampleShape().length == 3 && data.numClasses() >= 2;
        }

        @Override
        public boolean byDefault() {
            return true;
        }

        @Override
        public Scorer create(NoConfig config, MetricData data) {
            return new ImageEvaluator(data.open("train"), data.open("test"), data::log);
        }
    }
}
