package org.gan4j.vanilla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Function;
import org.gan4j.api.NoConfig;
import org.gan4j.api.train.AdversarialLoss;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each loss's value against its closed form and its gradient against central finite differences. */
class LossGradientTest {
    private static final double[] LOGITS = {-30, -4.5, -1.2, -0.3, 0, 0.4, 1.7, 5, 30};
    private final AdversarialLoss minimax = new MinimaxLoss().create(new NoConfig());
    private final AdversarialLoss nonSaturating = new NonSaturatingLoss().create(new NoConfig());

    private static INDArray col(double[] v) {
        return Nd4j.create(v, new long[] {v.length, 1}, 'c').castTo(DataType.DOUBLE);
    }

    private static void checkGradient(Function<double[], Double> value, double[] x, double[] grad) {
        double eps = 1e-5;
        for (int i = 0; i < x.length; i++) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[i] += eps;
            down[i] -= eps;
            double numeric = (value.apply(up) - value.apply(down)) / (2 * eps);
            assertThat(grad[i]).as("d/dx[%d] at %f", i, x[i]).isCloseTo(numeric, within(1e-7 + 1e-6 * Math.abs(numeric)));
        }
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void discriminatorLossIsBinaryCrossEntropyWithMatchingGradients() {
        double[] real = LOGITS;
        double[] fake = {-2, -0.1, 0.8, 3};
        AdversarialLoss.DiscriminatorLoss l = minimax.discriminator(col(real), col(fake));
        double expected = 0;
        for (double r : real) {
            expected -= Math.log(sigmoid(r)) / real.length;
        }
        for (double f : fake) {
            expected -= Math.log(sigmoid(-f)) / fake.length;
        }
        assertThat(l.value()).isCloseTo(expected, within(1e-9));
        checkGradient(r -> minimax.discriminator(col(r), col(fake)).value(), real, l.gradReal().toDoubleVector());
        checkGradient(f -> minimax.discriminator(col(real), col(f)).value(), fake, l.gradFake().toDoubleVector());
        assertThat(nonSaturating.discriminator(col(real), col(fake)).value()).isEqualTo(l.value());
    }

    @Test
    void generatorLossesMatchTheirDefinitionsAndGradients() {
        double mm = 0;
        double ns = 0;
        for (double f : LOGITS) {
            mm += Math.log(sigmoid(-f)) / LOGITS.length;
            ns -= Math.log(sigmoid(f)) / LOGITS.length;
        }
        assertThat(minimax.generator(col(LOGITS)).value()).isCloseTo(mm, within(1e-9));
        assertThat(nonSaturating.generator(col(LOGITS)).value()).isCloseTo(ns, within(1e-9));
        checkGradient(f -> minimax.generator(col(f)).value(), LOGITS, minimax.generator(col(LOGITS)).gradFake().toDoubleVector());
        checkGradient(f -> nonSaturating.generator(col(f)).value(), LOGITS,
                nonSaturating.generator(col(LOGITS)).gradFake().toDoubleVector());
    }

    @Test
    void nonSaturatingKeepsItsGradientWhereMinimaxSaturates() {
        // D confidently rejects the fakes: D(G(z)) = sigmoid(-8) ≈ 3e-4
        double[] rejected = {-8, -8};
        double mm = Math.abs(minimax.generator(col(rejected)).gradFake().getDouble(0));
        double ns = Math.abs(nonSaturating.generator(col(rejected)).gradFake().getDouble(0));
        assertThat(mm).isLessThan(2e-4);
        assertThat(ns).isGreaterThan(0.49);
    }

    @Test
    void extremeLogitsGiveFiniteValuesAndGradients() {
        double[] extreme = {-1000, -100, 100, 1000};
        AdversarialLoss.DiscriminatorLoss d = minimax.discriminator(col(extreme), col(extreme));
        assertThat(d.value()).isFinite().isCloseTo((1100 + 1100) / 4.0 * 1.0, within(1e-6));
        for (AdversarialLoss loss : new AdversarialLoss[] {minimax, nonSaturating}) {
            AdversarialLoss.GeneratorLoss g = loss.generator(col(extreme).castTo(DataType.FLOAT));
            assertThat(g.value()).isFinite();
            for (double v : g.gradFake().toDoubleVector()) {
                assertThat(v).isFinite();
            }
        }
    }

    @Test
    void leastSquaresMatchesMeanSquaredErrorOverPatchMapsWithMatchingGradients() {
        AdversarialLoss ls = new LeastSquaresLoss().create(new LeastSquaresLoss.Config(0, 1, 1));
        // a PatchGAN's outputs: [n, 1, h, w]; the mean runs over every patch
        double[] real = {0.9, 1.4, -0.2, 0.3, 2.0, 0.0, 1.0, 0.5};
        double[] fake = {0.1, -0.7, 0.6, 1.2};
        java.util.function.Function<double[], INDArray> map = v -> Nd4j.create(v, new long[] {v.length / 4, 1, 2, 2}, 'c')
                .castTo(DataType.DOUBLE);
        AdversarialLoss.DiscriminatorLoss d = ls.discriminator(map.apply(real), map.apply(fake));
        double expected = 0;
        for (double r : real) {
            expected += (r - 1) * (r - 1) / real.length;
        }
        for (double f : fake) {
            expected += f * f / fake.length;
        }
        assertThat(d.value()).isCloseTo(expected, within(1e-12));
        assertThat(d.gradReal().shape()).containsExactly(2, 1, 2, 2);
        checkGradient(r -> ls.discriminator(map.apply(r), map.apply(fake)).value(), real, org.gan4j.api.nn.HostData.doubles(d.gradReal()));
        checkGradient(f -> ls.discriminator(map.apply(real), map.apply(f)).value(), fake, org.gan4j.api.nn.HostData.doubles(d.gradFake()));
        AdversarialLoss.GeneratorLoss g = ls.generator(map.apply(fake));
        assertThat(g.value()).isCloseTo((0.81 + 2.89 + 0.16 + 0.04) / 4, within(1e-12));
        checkGradient(f -> ls.generator(map.apply(f)).value(), fake, org.gan4j.api.nn.HostData.doubles(g.gradFake()));
        // at D's optimum for p_g = p_data every output is (a + b) / 2 and neither side can improve
        AdversarialLoss.DiscriminatorLoss half = ls.discriminator(map.apply(new double[] {.5, .5, .5, .5}), map.apply(new double[] {.5, .5, .5, .5}));
        assertThat(half.gradReal().add(half.gradFake()).sumNumber().doubleValue()).isCloseTo(0, within(1e-12));
    }

    @Test
    void hingeLossMatchesItsDefinitionAndGradientsAwayFromTheKinks() {
        AdversarialLoss hinge = new HingeLoss().create(new NoConfig());
        double[] real = {-2.5, -0.3, 0.4, 0.99, 1.2, 7};
        double[] fake = {-6, -1.4, -0.2, 0.5, 3};
        AdversarialLoss.DiscriminatorLoss l = hinge.discriminator(col(real), col(fake));
        // real: max(0, 1 − x) = 3.5, 1.3, 0.6, 0.01, 0, 0; fake: max(0, 1 + x) = 0, 0, 0.8, 1.5, 4
        assertThat(l.value()).isCloseTo(5.41 / 6 + 6.3 / 5, within(1e-12));
        checkGradient(r -> hinge.discriminator(col(r), col(fake)).value(), real, l.gradReal().toDoubleVector());
        checkGradient(f -> hinge.discriminator(col(real), col(f)).value(), fake, l.gradFake().toDoubleVector());
        AdversarialLoss.GeneratorLoss g = hinge.generator(col(fake));
        assertThat(g.value()).isCloseTo(-(-6 - 1.4 - 0.2 + 0.5 + 3) / 5, within(1e-12));
        checkGradient(f -> hinge.generator(col(f)).value(), fake, g.gradFake().toDoubleVector());
    }
}
