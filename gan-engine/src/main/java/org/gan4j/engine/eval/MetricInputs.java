package org.gan4j.engine.eval;

import java.util.function.Consumer;
import java.util.function.Function;
import org.gan4j.api.Metric;
import org.gan4j.api.data.Dataset;

/**
 * The data a metric scores against, from what its caller knows: a run (its config's splits) or {@code gan evaluate
 * --samples} (a data source named on the command line).
 *
 * @param type the data source's name
 * @param shape one sample's shape
 * @param classes the label count
 * @param opener opens a split by name
 * @param logger receives progress lines
 */
record MetricInputs(String type, long[] shape, int classes, Function<String, Dataset> opener,
                    Consumer<String> logger) implements Metric.MetricData {
    @Override
    public long[] sampleShape() {
        return shape.clone();
    }

    @Override
    public int numClasses() {
        return classes;
    }

    @Override
    public Dataset open(String split) {
        return opener.apply(split);
    }

    @Override
    public void log(String line) {
        logger.accept(line);
    }
}
