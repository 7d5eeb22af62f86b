package org.gan4j.engine.builtin;

import java.util.List;
import java.util.SplittableRandom;
import org.gan4j.api.DataSource;
import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Param;
import org.gan4j.api.data.Dataset;

/**
 * Uniform noise in [-1, 1] of any sample shape: data for benchmarks and smoke tests that must not depend on files.
 */
public final class SyntheticDataSource extends Provider<SyntheticDataSource.Config>
        implements DataSource<SyntheticDataSource.Config> {

    /**
     * Settings of {@code synthetic}.
     *
     * @param shape one sample's shape, for example [1, 28, 28]
     * @param size number of samples
     * @param classes labels drawn uniformly from this many classes; 0 = unlabelled
     * @param seed the generating seed
     */
    public record Config(
            @Param(value = "[1, 28, 28]", doc = "sample shape", min = "1", max = "65536") List<Long> shape,
            @Param(value = "1024", doc = "samples", min = "1", max = "100000000") int size,
            @Param(value = "0", doc = "classes (0 = unlabelled)", min = "0", max = "100000") int classes,
            @Param(value = "0", doc = "seed of the generated data") long seed) {

        /** Validates the settings. */
        public Config {
            shape = List.copyOf(shape);
            if (shape.isEmpty() || shape.stream().anyMatch(d -> d < 1) || size < 1 || classes < 0) {
                throw new org.gan4j.api.ConfigException("data: synthetic needs a non-empty positive shape and size >= 1");
            }
        }
    }

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public SyntheticDataSource() {
        super("synthetic", Config.class, GanApi.VERSION,
                "uniform noise in [-1, 1] of any shape, for benchmarks and smoke tests");
    }

    @Override
    public Dataset open(Config c) {
        long[] shape = c.shape().stream().mapToLong(Long::longValue).toArray();
        long per = 1;
        for (long d : shape) {
            per *= d;
        }
        double values = (double) per * c.size();
        if (values > Integer.MAX_VALUE - 8) {
            throw new org.gan4j.api.ConfigException("data: synthetic data of " + c.size() + " samples of "
                    + c.shape() + " is " + (long) values + " values, more than one array holds (2^31)");
        }
        try {
            org.gan4j.nn.Memory.require("data: synthetic data of " + (long) values + " values", 4 * values);
        } catch (IllegalArgumentException e) {
            throw new org.gan4j.api.ConfigException(e.getMessage());
        }
        SplittableRandom r = new SplittableRandom(c.seed());
        float[] v = new float[Math.toIntExact(per * c.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        int[] labels = null;
        if (c.classes() > 0) {
            labels = new int[c.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = r.nextInt(c.classes());
            }
        }
        return new ArrayDataset("synthetic", v, labels, c.classes(), shape);
    }
}
