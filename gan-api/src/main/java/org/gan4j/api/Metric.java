package org.gan4j.api;

import java.util.Map;
import org.gan4j.api.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An evaluation metric, {@code evaluation.metrics: [{type: name, …}]} in YAML: it says which data it applies to and
 * scores a generator's samples against that data. {@code gan evaluate}, evaluations while training, {@code gan repeat}'s
 * summaries and {@code gan evaluate --samples} all use the same metrics.
 *
 * <p>With no {@code evaluation.metrics} listed, a run is evaluated with every metric that {@link #byDefault() is used
 * by default} and {@link #appliesTo applies} to its data (gan4j's own: {@code mode-coverage} on labelled 2-D
 * mixtures, {@code classifier} on labelled images). A plugin's metric runs when a config lists it; a list replaces the
 * defaults, so {@code [classifier, my-metric]} keeps the built-in figures beside a new one.
 *
 * @param <C> the config record type
 * @since API 1.4
 */
public interface Metric<C extends Record> extends Component<C> {

    /**
     * Whether the metric can score samples of this data, decided from its shape and labels alone (nothing is opened).
     *
     * @param data the data a run trains on
     * @return true when it applies
     */
    boolean appliesTo(MetricData data);

    /**
     * Whether a run is evaluated with it when its config lists no metrics. Plugins' metrics return false (the
     * default), so installing a jar never changes another run's figures.
     *
     * @return false unless the metric is one of the defaults
     */
    default boolean byDefault() {
        return false;
    }

    /**
     * Prepares the metric for one dataset: the expensive part (reference statistics, a classifier) happens here, once
     * per run, and the scorer is then called at every evaluation.
     *
     * @param config the bound config
     * @param data the data, which {@link #appliesTo} accepted
     * @return the scorer
     */
    Scorer create(C config, MetricData data);

    /** Scores one set of samples. */
    interface Scorer {
        /**
         * Scores samples.
         *
         * @param samples {@code [n, …sampleShape]} as the generator emits them (images in [−1, 1])
         * @param labels the label each sample was generated for (conditional models), or null
         * @return figures by snake_case name; they appear in the evaluation's JSON, metrics.jsonl as {@code eval_NAME}
         *     and the board
         */
        Map<String, Double> score(INDArray samples, int[] labels);

        /**
         * One line for progress output, such as {@code energy 0.031}.
         *
         * @param figures what {@link #score} returned
         * @return the line; by default the figures as {@code name value} pairs
         */
        default String summary(Map<String, Double> figures) {
            StringBuilder b = new StringBuilder();
            figures.forEach((k, v) -> b.append(b.length() == 0 ? "" : "  ").append(k).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.4g", v)));
            return b.toString();
        }
    }

    /** The data a metric scores against. */
    interface MetricData {
        /**
         * The data source's name.
         *
         * @return such as {@code mnist} or {@code ring}
         */
        String type();

        /**
         * One sample's shape.
         *
         * @return {@code [2]} for 2-D points, {@code [C, H, W]} for images
         */
        long[] sampleShape();

        /**
         * The number of labels.
         *
         * @return 0 for unlabelled data
         */
        int numClasses();

        /**
         * Opens one split of the data, whole ({@code limit} cleared): {@code train}, {@code test}, or the data's
         * own rows when it has no splits and {@code split} is {@code train}.
         *
         * @param split the split's name
         * @return the dataset
         * @throws ConfigException when the data has no such split
         */
        Dataset open(String split);

        /**
         * Reports progress (a classifier's training, a cache written).
         *
         * @param line one line
         */
        void log(String line);
    }
}
