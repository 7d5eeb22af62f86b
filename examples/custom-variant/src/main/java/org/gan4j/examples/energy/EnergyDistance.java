package org.gan4j.examples.energy;

import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanApi;
import org.gan4j.api.Metric;
import org.gan4j.api.Param;
import org.gan4j.api.Provider;
import org.gan4j.api.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The energy distance (Székely and Rizzo 2013), an evaluation metric shipped in a plugin jar:
 * {@code 2·E|X−Y| − E|X−X'| − E|Y−Y'|} between generated samples X and real rows Y, Euclidean, with the diagonal
 * terms left out of the within-set means (the unbiased form). Zero exactly when the two distributions are equal, and
 * free of a bandwidth, unlike MMD. It applies to vector data (ring, grid); YAML:
 * {@code evaluation: {metrics: [mode-coverage, energy-distance]}}.
 */
public final class EnergyDistance extends Provider<EnergyDistance.Settings> implements Metric<EnergyDistance.Settings> {

    /**
     * Settings of {@code energy-distance}: the cost is quadratic in both counts.
     *
     * @param reference real rows compared with, evenly spaced over the training data
     * @param maxSamples generated samples compared, the first ones
     */
    public record Settings(
            @Param(value = "2000", doc = "real rows compared with (evenly spaced)", min = "2", max = "100000") int reference,
            @Param(value = "2000", doc = "generated samples compared (the first ones)", min = "2", max = "100000") int maxSamples) {
        /** Validates the settings. */
        public Settings {
            if (reference < 2 || maxSamples < 2) {
                throw new ConfigException("energy-distance: reference and max_samples must be at least 2");
            }
        }
    }

    /** The provider ServiceLoader instantiates. */
    public EnergyDistance() {
        super("energy-distance", Settings.class, GanApi.VERSION, "vector data: energy distance to the real rows");
    }

    @Override
    public boolean appliesTo(MetricData data) {
        return data.sampleShape().length == 1;
    }

    @Override
    public Scorer create(Settings s, MetricData data) {
        Dataset train = data.open("train");
        int m = Math.min(s.reference(), train.size());
        int[] rows = new int[m];
        for (int i = 0; i < m; i++) {
            rows[i] = (int) ((long) i * train.size() / m);
        }
        double[][] real = rows(train.batch(rows).x(), m);
        double within = meanDistance(real, real, true);
        return (samples, labels) -> {
            double[][] fake = rows(samples, (int) Math.min(s.maxSamples(), samples.size(0)));
            double ed = 2 * meanDistance(fake, real, false) - meanDistance(fake, fake, true) - within;
            return Map.of("energy_distance", ed);
        };
    }

    private static double[][] rows(INDArray x, int n) {
        double[][] out = new double[n][];
        INDArray flat = x.reshape('c', x.size(0), x.length() / x.size(0));
        for (int i = 0; i < n; i++) {
            out[i] = flat.getRow(i).toDoubleVector();
        }
        return out;
    }

    /** The mean Euclidean distance over pairs, leaving out i = j when both sets are one. */
    static double meanDistance(double[][] a, double[][] b, boolean same) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = same ? i + 1 : 0; j < b.length; j++) {
                double d = 0;
                for (int k = 0; k < a[i].length; k++) {
                    double t = a[i][k] - b[j][k];
                    d += t * t;
                }
                sum += Math.sqrt(d);
            }
        }
        return same ? 2 * sum / ((double) a.length * (a.length - 1)) : sum / ((double) a.length * b.length);
    }
}
