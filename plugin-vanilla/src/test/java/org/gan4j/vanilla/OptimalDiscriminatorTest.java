package org.gan4j.vanilla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.gan4j.api.NoConfig;
import org.gan4j.api.nn.Network;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.engine.config.ComponentConfig;
import org.gan4j.engine.optim.Adam;
import org.gan4j.engine.optim.NetworkOptimizer;
import org.gan4j.nn.Sequential;
import org.gan4j.nn.Stable;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Goodfellow et al. (2014), Proposition 1 and Theorem 1, with numbers: for a fixed G, the discriminator trained to
 * convergence approaches D*(x) = p_data(x) / (p_data(x) + p_g(x)), and the value of the game at D* is
 * V(D*, G) = -log 4 + 2·JSD(p_data ‖ p_g), which is -log 4 exactly when p_g = p_data.
 */
class OptimalDiscriminatorTest {

    private static double normal(double x, double mu, double sigma) {
        double z = (x - mu) / sigma;
        return Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
    }

    /** Trains D (an MLP on 1-D input) with the minimax D loss on fresh samples of N(0, 1) and N(muG, sigmaG²). */
    private static Network trainD(double muG, double sigmaG, long seed) {
        Network d = Sequential.builder(1).dense(64).leakyRelu(0.2).dense(64).leakyRelu(0.2).dense(1).build(seed);
        NetworkOptimizer opt = new NetworkOptimizer(d, new ComponentConfig("adam",
                new Adam.Settings(2e-3, 0.9, 0.999, 1e-8)));
        AdversarialLoss loss = new MinimaxLoss().create(new NoConfig());
        SplittableRandom r = new SplittableRandom(seed);
        int n = 512;
        for (int step = 0; step < 4000; step++) {
            float[] v = new float[2 * n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) r.nextGaussian();
                v[n + i] = (float) (muG + sigmaG * r.nextGaussian());
            }
            INDArray out = d.forward(Nd4j.create(v, new long[] {2L * n, 1}, DataType.FLOAT), true);
            AdversarialLoss.DiscriminatorLoss l = loss.discriminator(out.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n)),
                    out.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(n, 2 * n)));
            d.backward(Nd4j.concat(0, l.gradReal(), l.gradFake()), true);
            opt.step();
        }
        return d;
    }

    /** D's logits on a grid. */
    private static double[] logits(Network d, double[] xs) {
        float[] f = new float[xs.length];
        for (int i = 0; i < xs.length; i++) {
            f[i] = (float) xs[i];
        }
        return d.forward(Nd4j.create(f, new long[] {xs.length, 1}, DataType.FLOAT), false).toDoubleVector();
    }

    private static double[] grid(double lo, double hi, int n) {
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = lo + (hi - lo) * i / (n - 1);
        }
        return xs;
    }

    /** V(D, G) = ∫ p_data log D + p_g log(1 - D) by the trapezoid-free midpoint sum on a fine grid. */
    private static double value(double[] xs, double[] logit, double muG, double sigmaG) {
        double h = xs[1] - xs[0];
        double v = 0;
        for (int i = 0; i < xs.length; i++) {
            v += h * (normal(xs[i], 0, 1) * -Stable.softplus(-logit[i]) + normal(xs[i], muG, sigmaG) * -Stable.softplus(logit[i]));
        }
        return v;
    }

    /** JSD(p ‖ q) by numerical integration of the two densities. */
    private static double jsd(double[] xs, double muG, double sigmaG) {
        double h = xs[1] - xs[0];
        double j = 0;
        for (double x : xs) {
            double p = normal(x, 0, 1);
            double q = normal(x, muG, sigmaG);
            double m = (p + q) / 2;
            if (p > 0) {
                j += h * 0.5 * p * Math.log(p / m);
            }
            if (q > 0) {
                j += h * 0.5 * q * Math.log(q / m);
            }
        }
        return j;
    }

    @Test
    void trainedDiscriminatorApproachesTheOptimumAndTheValueMatchesTheJensenShannonFormula() {
        double muG = 1.5;
        double sigmaG = 0.8;
        Network d = trainD(muG, sigmaG, 11);
        double[] xs = grid(-1.5, 3.0, 46);
        double[] logit = logits(d, xs);
        double worst = 0;
        for (int i = 0; i < xs.length; i++) {
            double p = normal(xs[i], 0, 1);
            double q = normal(xs[i], muG, sigmaG);
            double optimal = p / (p + q);
            worst = Math.max(worst, Math.abs(Stable.sigmoid(logit[i]) - optimal));
        }
        assertThat(worst).as("max |D(x) - D*(x)| on [-1.5, 3]").isLessThan(0.06);

        double[] fine = grid(-6, 7, 2601);
        double v = value(fine, logits(d, fine), muG, sigmaG);
        double theory = -Math.log(4) + 2 * jsd(fine, muG, sigmaG);
        assertThat(theory).as("the densities differ, so V(D*, G) > -log 4").isGreaterThan(-Math.log(4) + 0.2);
        // D* maximises V, so a trained D sits at or just below the theoretical value
        assertThat(v).isCloseTo(theory, within(0.02)).isLessThanOrEqualTo(theory + 0.005);
    }

    @Test
    void whenTheGeneratorMatchesTheDataTheBestDiscriminatorIsOneHalfAndTheValueIsMinusLog4() {
        Network d = trainD(0, 1, 5);
        double[] xs = grid(-2, 2, 41);
        for (double l : logits(d, xs)) {
            assertThat(Stable.sigmoid(l)).isCloseTo(0.5, within(0.05));
        }
        double[] fine = grid(-6, 6, 2401);
        assertThat(value(fine, logits(d, fine), 0, 1)).isCloseTo(-Math.log(4), within(0.01));
        assertThat(jsd(fine, 0, 1)).isCloseTo(0, within(1e-12));
    }
}
