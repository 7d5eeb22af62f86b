package org.gan4j.examples.relativistic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.gan4j.api.ConfigException;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.engine.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class LabelSmoothingLossTest {

    @Test
    void withoutSmoothingItIsBinaryCrossEntropy() {
        AdversarialLoss loss = new LabelSmoothingLoss().create(new LabelSmoothingLoss.Config(1.0));
        INDArray real = GradientCheck.gaussian(1, 5, 1);
        INDArray fake = GradientCheck.gaussian(2, 4, 1);
        double expected = 0;
        for (double r : real.toDoubleVector()) {
            expected -= Math.log(1 / (1 + Math.exp(-r))) / 5;
        }
        for (double f : fake.toDoubleVector()) {
            expected -= Math.log(1 - 1 / (1 + Math.exp(-f))) / 4;
        }
        assertThat(loss.discriminator(real, fake).value()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        AdversarialLoss loss = new LabelSmoothingLoss().create(new LabelSmoothingLoss.Config(0.9));
        INDArray real = GradientCheck.gaussian(3, 6, 1).muli(3);
        INDArray fake = GradientCheck.gaussian(4, 6, 1).muli(3);
        AdversarialLoss.DiscriminatorLoss d = loss.discriminator(real, fake);
        assertThat(GradientCheck.worstMismatch(real, d.gradReal(), () -> loss.discriminator(real, fake).value(), 6)).isLessThan(1);
        assertThat(GradientCheck.worstMismatch(fake, d.gradFake(), () -> loss.discriminator(real, fake).value(), 6)).isLessThan(1);
        AdversarialLoss.GeneratorLoss g = loss.generator(fake);
        assertThat(GradientCheck.worstMismatch(fake, g.gradFake(), () -> loss.generator(fake).value(), 6)).isLessThan(1);
        // smoothing: a real logit is pushed towards log(0.9/0.1), not to infinity
        INDArray confident = real.dup().assign(Math.log(9));
        assertThat(loss.discriminator(confident, fake).gradReal().amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    @Test
    void targetsOutsideTheUpperHalfAreRejected() {
        assertThatThrownBy(() -> new LabelSmoothingLoss.Config(0.4)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("loss.real_target");
    }
}
