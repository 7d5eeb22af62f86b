package org.gan4j.examples.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.gan4j.api.Metric;
import org.gan4j.api.data.Dataset;
import org.gan4j.engine.builtin.ArrayDataset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The energy distance on sets whose value is known in closed form. */
class EnergyDistanceTest {

    private static Metric.MetricData data(float[] values) {
        Dataset ds = new ArrayDataset("points", values, null, 0, 2);
        return new Metric.MetricData() {
            public String type() {
                return "points";
            }

            public long[] sampleShape() {
                return new long[] {2};
            }

            public int numClasses() {
                return 0;
            }

            public Dataset open(String split) {
                return ds;
            }

            public void log(String line) {
            }
        };
    }

    private static float[] gaussian(int n, double meanX, long seed) {
        Random r = new Random(seed);
        float[] v = new float[2 * n];
        for (int i = 0; i < n; i++) {
            v[2 * i] = (float) (meanX + r.nextGaussian());
            v[2 * i + 1] = (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void twoPointMassesAreTwiceTheirDistanceApart() {
        // Y: every row at (0, 0); X: every sample at (3, 4) → 2·5 − 0 − 0
        Metric.Scorer s = new EnergyDistance().create(new EnergyDistance.Settings(50, 50), data(new float[200]));
        float[] x = new float[200];
        for (int i = 0; i < 100; i++) {
            x[2 * i] = 3;
            x[2 * i + 1] = 4;
        }
        double ed = s.score(Nd4j.create(x, new long[] {100, 2}, 'c').castTo(DataType.FLOAT), null).get("energy_distance");
        assertThat(ed).isCloseTo(10, within(1e-5));
    }

    @Test
    void nearZeroForTheSameDistributionAndGrowingWithTheShift() {
        Metric.Scorer s = new EnergyDistance().create(new EnergyDistance.Settings(1000, 1000), data(gaussian(1000, 0, 1)));
        double same = s.score(Nd4j.create(gaussian(1000, 0, 2), new long[] {1000, 2}, 'c'), null).get("energy_distance");
        double near = s.score(Nd4j.create(gaussian(1000, 0.5, 3), new long[] {1000, 2}, 'c'), null).get("energy_distance");
        double far = s.score(Nd4j.create(gaussian(1000, 2, 4), new long[] {1000, 2}, 'c'), null).get("energy_distance");
        // independent draws of one Gaussian: the unbiased estimate scatters around 0 by O(1/n)
        assertThat(Math.abs(same)).isLessThan(0.01);
        // in closed form (Rice means of |X − Y|, σ √2): 0.11 for a shift of 0.5, 1.58 for 2
        assertThat(near).isCloseTo(0.11, within(0.04));
        assertThat(far).isCloseTo(1.58, within(0.15));
    }
}
