package org.gan4j.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gan4j.engine.testing.GradientCheck;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;

/** The Parzen-window estimate against closed forms. */
class ParzenTest {

    /** N(mean, sd²) samples {@code [n, d]} from the engine's seeded test data. */
    private static INDArray gaussian(long seed, int n, int d, double mean, double sd) {
        return GradientCheck.gaussian(seed, n, d).muli(sd).addi(mean);
    }

    @Test
    void oneCentreGivesTheGaussianLogDensityEvenFarAway() {
        INDArray centre = Nd4j.create(new float[] {0.2f, 0.4f, 0.6f}, new long[] {1, 3}, DataType.FLOAT);
        // one near point and one 30σ away: the log-sum-exp must not underflow to -∞
        INDArray points = Nd4j.create(new float[] {0.3f, 0.4f, 0.5f, 3.2f, 0.4f, 0.6f}, new long[] {2, 3}, DataType.FLOAT);
        double sigma = 0.1;
        double[] ll = Parzen.logLikelihoods(centre, points, new double[] {sigma})[0];
        double norm = -1.5 * Math.log(2 * Math.PI * sigma * sigma);
        assertThat(ll[0]).isCloseTo(norm - 0.02 / (2 * sigma * sigma), within(1e-3));
        assertThat(ll[1]).isCloseTo(norm - 9.0 / (2 * sigma * sigma), within(0.05));
    }

    @Test
    void manySamplesOfAGaussianGiveTheSmoothedDensitysExpectedLogLikelihood() {
        // samples of N(0, τ²I) smoothed by N(0, σ²I) is N(0, (τ² + σ²)I): for test points from N(0, τ²I) the mean
        // log-likelihood tends to -d/2 log(2π(τ²+σ²)) - d/2 τ²/(τ²+σ²)
        int d = 2;
        double tau = 0.3;
        double sigma = 0.2;
        INDArray samples = gaussian(101, 20000, d, 0, tau);
        INDArray test = gaussian(102, 3000, d, 0, tau);
        double[] ll = Parzen.logLikelihoods(samples, test, new double[] {sigma})[0];
        double mean = java.util.Arrays.stream(ll).average().orElseThrow();
        double s2 = tau * tau + sigma * sigma;
        double expected = -d / 2.0 * Math.log(2 * Math.PI * s2) - d / 2.0 * tau * tau / s2;
        assertThat(mean).isCloseTo(expected, within(0.05));
    }

    @Test
    void validationChoosesTheWidthThatFitsAndTheStandardErrorShrinksWithTheTestSet() {
        // data in gan4j's [-1, 1] range; in [0, 1] they have τ = 0.15, so the best grid width is near that
        int d = 3;
        INDArray samples = gaussian(103, 5000, d, 0, 0.3);
        Parzen.Result small = Parzen.estimate(samples, gaussian(104, 1000, d, 0, 0.3), gaussian(105, 400, d, 0, 0.3));
        Parzen.Result large = Parzen.estimate(samples, gaussian(106, 1000, d, 0, 0.3), gaussian(107, 3600, d, 0, 0.3));
        assertThat(small.sigma()).isBetween(0.05, 0.3);
        assertThat(large.sigma()).isEqualTo(small.sigma());
        // three times the points: a third of the standard error, within sampling noise
        assertThat(large.se() / small.se()).isBetween(0.25, 0.42);
        assertThat(large.ll()).isCloseTo(small.ll(), within(5 * small.se()));
        // a window around samples from elsewhere scores worse
        Parzen.Result off = Parzen.estimate(gaussian(108, 5000, d, 0.8, 0.3), gaussian(109, 1000, d, 0, 0.3),
                gaussian(110, 3600, d, 0, 0.3));
        assertThat(off.ll()).isLessThan(large.ll() - 1);
    }
}
