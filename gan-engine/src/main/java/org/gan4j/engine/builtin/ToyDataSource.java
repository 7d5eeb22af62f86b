package org.gan4j.engine.builtin;

import java.util.SplittableRandom;
import org.gan4j.api.DataSource;
import org.gan4j.api.GanApi;
import org.gan4j.api.Param;
import org.gan4j.api.Provider;
import org.gan4j.api.data.Dataset;

/**
 * Synthetic 2-D Gaussian mixtures, the standard mode-collapse test beds: {@code ring} (8 modes on a circle) and
 * {@code grid} (a 5×5 lattice). Labels are the mode index, so coverage can be measured.
 */
public final class ToyDataSource {
    private ToyDataSource() {
    }

    /**
     * Settings of {@code ring}.
     *
     * @param modes number of Gaussians on the circle
     * @param radius circle radius
     * @param std standard deviation of each Gaussian
     * @param size samples generated
     * @param seed the generating seed (independent of the run seed, so the data stays fixed across runs)
     */
    public record RingConfig(
            @Param(value = "8", doc = "Gaussians on the circle", min = "1", max = "10000") int modes,
            @Param(value = "2.0", doc = "circle radius", min = "0", max = "1000000") double radius,
            @Param(value = "0.02", doc = "standard deviation of each mode", min = "0", max = "1000000") double std,
            @Param(value = "100000", doc = "samples", min = "1", max = "100000000") int size,
            @Param(value = "0", doc = "seed of the generated data") long seed) {
    }

    /**
     * Settings of {@code grid}.
     *
     * @param side modes per side
     * @param spacing distance between neighbouring modes (centred on 0)
     * @param std standard deviation of each Gaussian
     * @param size samples generated
     * @param seed the generating seed
     */
    public record GridConfig(
            @Param(value = "5", doc = "modes per side", min = "1", max = "100") int side,
            @Param(value = "2.0", doc = "distance between neighbouring modes", min = "0", max = "1000000") double spacing,
            @Param(value = "0.05", doc = "standard deviation of each mode", min = "0", max = "1000000") double std,
            @Param(value = "100000", doc = "samples", min = "1", max = "100000000") int size,
            @Param(value = "0", doc = "seed of the generated data") long seed) {
    }

    /** Eight Gaussians on a ring. */
    public static final class Ring extends Provider<RingConfig> implements DataSource<RingConfig> {
        /** Declares {@code ring}. */
        public Ring() {
            super("ring", RingConfig.class, GanApi.VERSION,
                    "2-D mixture of Gaussians on a circle (radius 2, σ 0.02, 8 modes)");
        }

        @Override
        public Dataset open(RingConfig c) {
            double[][] centres = new double[c.modes()][];
            for (int m = 0; m < c.modes(); m++) {
                double a = 2 * Math.PI * m / c.modes();
                centres[m] = new double[] {c.radius() * Math.cos(a), c.radius() * Math.sin(a)};
            }
            return mixture("ring", centres, c.std(), c.size(), c.seed());
        }
    }

    /** A lattice of Gaussians. */
    public static final class Grid extends Provider<GridConfig> implements DataSource<GridConfig> {
        /** Declares {@code grid}. */
        public Grid() {
            super("grid", GridConfig.class, GanApi.VERSION,
                    "2-D mixture of Gaussians on a 5×5 grid at {-4,-2,0,2,4}² (σ 0.05)");
        }

        @Override
        public Dataset open(GridConfig c) {
            double[][] centres = new double[c.side() * c.side()][];
            double off = (c.side() - 1) / 2.0;
            for (int i = 0; i < c.side(); i++) {
                for (int j = 0; j < c.side(); j++) {
                    centres[i * c.side() + j] = new double[] {(i - off) * c.spacing(), (j - off) * c.spacing()};
                }
            }
            return mixture("grid", centres, c.std(), c.size(), c.seed());
        }
    }

    static Dataset mixture(String name, double[][] centres, double std, int size, long seed) {
        if (size < 1) {
            throw new org.gan4j.api.ConfigException("data.size: must be >= 1, got " + size);
        }
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[size * 2];
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            int m = r.nextInt(centres.length);
            labels[i] = m;
            v[2 * i] = (float) (centres[m][0] + std * r.nextGaussian());
            v[2 * i + 1] = (float) (centres[m][1] + std * r.nextGaussian());
        }
        return new ArrayDataset(name, v, labels, centres.length, 2);
    }
}
