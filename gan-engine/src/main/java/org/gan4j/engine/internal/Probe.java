package org.gan4j.engine.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.gan4j.api.GanException;
import org.gan4j.api.data.Batch;
import org.gan4j.api.data.Dataset;
import org.gan4j.api.nn.Network;
import org.gan4j.api.train.EvaluationProbe;
import org.gan4j.api.train.StepRunner;
import org.gan4j.engine.eval.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The engine's side of {@link EvaluationProbe}: the run's networks, its data (opened on first use when the run was
 * restored for sampling only) and noise from the evaluation seed; and the merge of a runner's figures into the
 * engine's evaluation.
 */
final class Probe implements EvaluationProbe {
    private final long step;
    private final long seed;
    private final Function<String, Network> networks;
    private final Supplier<Dataset> data;
    private Dataset opened;

    Probe(long step, long seed, Function<String, Network> networks, Supplier<Dataset> data) {
        this.step = step;
        this.seed = seed;
        this.networks = networks;
        this.data = data;
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public Network network(String name) {
        return networks.apply(name);
    }

    @Override
    public Batch data(int n) {
        if (opened == null) {
            opened = data.get();
        }
        Dataset d = opened;
        int m = Math.min(n, d.size());
        int[] indices = new int[m];
        for (int i = 0; i < m; i++) {
            indices[i] = i;
        }
        return d.batch(indices);
    }

    @Override
    public INDArray noise(String stream, long[] shape) {
        return Rng.normal(Rng.of(seed, 0, "probe-" + stream), shape);
    }

    /**
     * The engine's evaluation with the runner's own figures added to its metrics and its progress line.
     *
     * @param base the engine's evaluation
     * @param runner the schedule's runner
     * @return {@code base} when the runner adds nothing
     * @throws GanException when the runner reports a figure the engine already does
     */
    static Evaluation merge(Evaluation base, StepRunner runner, Probe probe) {
        Map<String, Double> extra = runner.evaluate(probe);
        if (extra.isEmpty()) {
            return base;
        }
        Map<String, Double> metrics = new LinkedHashMap<>(base.metrics());
        StringBuilder summary = new StringBuilder(base.report().summary());
        for (Map.Entry<String, Double> e : extra.entrySet()) {
            if (metrics.putIfAbsent(e.getKey(), e.getValue()) != null) {
                throw new GanException("the schedule's evaluation reports '" + e.getKey()
                        + "', which the engine's evaluation already does; rename it");
            }
            summary.append("  ").append(e.getKey()).append(' ').append(String.format("%.4g", e.getValue()));
        }
        Evaluation.Report r = base.report();
        return new Evaluation(base.step(), base.samples(), metrics, base.histogram(), base.picture(),
                new Evaluation.Report(summary.toString(), r.histogramName(), r.pictureCaption()));
    }
}
