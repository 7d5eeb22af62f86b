package org.gan4j.engine.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.Component;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanException;
import org.gan4j.api.Metric;
import org.gan4j.api.registry.ProviderInfo;
import org.gan4j.api.registry.Registry;
import org.gan4j.engine.Samples;
import org.gan4j.engine.config.ComponentConfig;

/**
 * The metrics a run is evaluated with, as one evaluator: those {@code evaluation.metrics} lists, or every default
 * metric that applies to the data. The first built-in metric's evaluation (its histogram and picture) is the base;
 * every other metric's figures join it, and a figure reported twice is an error rather than a silent overwrite.
 */
final class MetricSet implements Evaluator {
    private final List<String> names;
    private final List<Metric.Scorer> scorers;

    private MetricSet(List<String> names, List<Metric.Scorer> scorers) {
        this.names = names;
        this.scorers = scorers;
    }

    /**
     * Chooses and prepares the metrics.
     *
     * @param listed {@code evaluation.metrics}; empty for the defaults
     * @param registry the providers
     * @param data the data scored against
     * @return the evaluator
     * @throws ConfigException when a listed metric does not apply, or none applies
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static MetricSet of(List<ComponentConfig> listed, Registry registry, Metric.MetricData data) {
        List<String> names = new ArrayList<>();
        List<Metric.Scorer> scorers = new ArrayList<>();
        if (listed.isEmpty()) {
            for (ProviderInfo p : registry.providers()) {
                if (p.provider() instanceof Metric m && m.byDefault() && m.appliesTo(data)) {
                    names.add(m.name());
                    scorers.add(m.create(defaults(m), data));
                }
            }
            if (scorers.isEmpty()) {
                throw new ConfigException("evaluation: no metric applies to data '" + data.type() + "' ("
                        + describe(data) + "); the built-in ones need labelled images (mnist, fashion-mnist) or a "
                        + "labelled 2-D mixture (ring, grid); metrics installed: "
                        + String.join(", ", registry.names(Metric.class)));
            }
            return new MetricSet(names, scorers);
        }
        for (int i = 0; i < listed.size(); i++) {
            ComponentConfig c = listed.get(i);
            Metric m = registry.require(Metric.class, c.type());
            if (!m.appliesTo(data)) {
                throw new ConfigException("evaluation.metrics[" + i + "]: '" + c.type() + "' does not apply to data '"
                        + data.type() + "' (" + describe(data) + ")");
            }
            names.add(m.name());
            scorers.add(m.create(c.settings(), data));
        }
        return new MetricSet(names, scorers);
    }

    private static Record defaults(Metric<?> m) {
        return org.gan4j.engine.config.ConfigBinder.bind(null, m.configType(), "evaluation.metrics." + m.name());
    }

    private static String describe(Metric.MetricData data) {
        return "samples " + java.util.Arrays.toString(data.sampleShape()) + ", "
                + (data.numClasses() == 0 ? "no labels" : data.numClasses() + " classes");
    }

    /**
     * The names of the metrics in use.
     *
     * @return in evaluation order
     */
    List<String> names() {
        return names;
    }

    @Override
    public Evaluation evaluate(Samples samples, long step) {
        Evaluation base = null;
        Map<String, Double> metrics = new LinkedHashMap<>();
        StringBuilder summary = new StringBuilder();
        for (int i = 0; i < scorers.size(); i++) {
            Metric.Scorer s = scorers.get(i);
            Map<String, Double> figures;
            String line;
            if (s instanceof Evaluator e) {
                Evaluation ev = e.evaluate(samples, step);
                base = base == null ? ev : base;
                figures = ev.metrics();
                line = ev.report().summary();
            } else {
                figures = s.score(samples.x(), samples.labels());
                line = s.summary(figures);
            }
            for (Map.Entry<String, Double> f : figures.entrySet()) {
                if (metrics.putIfAbsent(f.getKey(), f.getValue()) != null) {
                    throw new GanException("metric '" + names.get(i) + "' reports '" + f.getKey()
                            + "', which another metric of this evaluation already does");
                }
            }
            summary.append(summary.length() == 0 ? "" : "  ").append(line);
        }
        int n = (int) samples.x().size(0);
        if (base == null) {
            return new Evaluation(step, n, metrics, new double[0], null, new Evaluation.Report(summary.toString(), null,
                    null));
        }
        Evaluation.Report r = base.report();
        return new Evaluation(step, n, metrics, base.histogram(), base.picture(),
                new Evaluation.Report(summary.toString(), r.histogramName(), r.pictureCaption()));
    }
}
