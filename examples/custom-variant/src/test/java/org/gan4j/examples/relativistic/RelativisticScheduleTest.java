package org.gan4j.examples.relativistic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gan4j.api.data.Batch;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.engine.testing.GradientCheck;
import org.gan4j.engine.testing.StepHarness;
import org.gan4j.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RelativisticScheduleTest {
    private final AdversarialLoss bce = new LabelSmoothingLoss().create(new LabelSmoothingLoss.Config(1.0));

    @Test
    void relativisticGradientsMatchFiniteDifferencesForScoresAndPatchMaps() {
        for (long[][] shapes : new long[][][] {{{4, 1}, {3, 1}}, {{2, 1, 2, 2}, {3, 1, 2, 2}}}) {
            INDArray first = GradientCheck.gaussian(5, shapes[0]);
            INDArray second = GradientCheck.gaussian(6, shapes[1]);
            AdversarialLoss.DiscriminatorLoss l = RelativisticSchedule.relativistic(bce, first, second);
            assertThat(l.gradReal().shape()).isEqualTo(first.shape());
            assertThat(GradientCheck.worstMismatch(first, l.gradReal(),
                    () -> RelativisticSchedule.relativistic(bce, first, second).value(), 20)).isLessThan(1);
            assertThat(GradientCheck.worstMismatch(second, l.gradFake(),
                    () -> RelativisticSchedule.relativistic(bce, first, second).value(), 20)).isLessThan(1);
        }
    }

    @Test
    void equalOutputsOnBothSidesGiveTheLossAtZeroLogits() {
        // C(real) = C(fake) everywhere: every relativistic logit is 0, so BCE is log 2 on each side
        INDArray same = Nd4j.valueArrayOf(new long[] {3, 1}, 0.7, DataType.DOUBLE);
        assertThat(RelativisticSchedule.relativistic(bce, same, same.dup()).value()).isCloseTo(2 * Math.log(2), within(1e-12));
    }

    @Test
    void dStepsThenOneGeneratorStepThatLeavesTheDiscriminatorAlone() {
        Sequential g = Sequential.builder(3).dataType(DataType.DOUBLE).dense(8).relu().dense(2).build(1);
        Sequential d = Sequential.builder(2).dataType(DataType.DOUBLE).dense(8).leakyRelu(0.2).dense(1).build(2);
        INDArray before = d.params().dup();
        INDArray real = Nd4j.rand(DataType.DOUBLE, 8, 2);
        StepHarness h = new StepHarness(bce, () -> new Batch(real, null), 8).network("G", g).network("D", d);
        h.run(new RelativisticSchedule().create(new RelativisticSchedule.Config(2, "G", "D")), 3);
        assertThat(h.gradients("D")).hasSize(6);
        assertThat(h.gradients("G")).hasSize(3);
        // the generator's step draws a real batch too
        assertThat(h.batchesDrawn()).isEqualTo(9);
        // learning rate 0: nothing moved D, and G's steps did not touch its parameters either
        assertThat(d.params()).isEqualTo(before);
        assertThat(h.gradients("G").get(0).norm2Number().doubleValue()).isGreaterThan(0);
        assertThat(h.metrics()).containsKeys("loss_d", "loss_g");
    }
}
