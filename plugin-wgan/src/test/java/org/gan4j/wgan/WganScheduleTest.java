package org.gan4j.wgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gan4j.api.NoConfig;
import org.gan4j.api.data.Batch;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.engine.testing.StepHarness;
import org.gan4j.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The WGAN critic loss and schedule: sign convention, gradients, n_critic counting, the clipping bound. */
class WganScheduleTest {
    private final AdversarialLoss loss = new WassersteinLoss().create(new NoConfig());

    @Test
    void criticLossIsMeanFakeMinusMeanRealAndItsNegativeEstimatesTheDistance() {
        INDArray real = Nd4j.createFromArray(new double[][] {{2.0}, {4.0}});
        INDArray fake = Nd4j.createFromArray(new double[][] {{-1.0}, {0.5}, {1.5}});
        AdversarialLoss.DiscriminatorLoss d = loss.discriminator(real, fake);
        assertThat(d.value()).isCloseTo((-1 + 0.5 + 1.5) / 3.0 - 3.0, within(1e-12));
        // dL/dreal = -1/n lowers the loss by raising real scores; dL/dfake = +1/m
        assertThat(d.gradReal().toDoubleVector()).containsExactly(-0.5, -0.5);
        assertThat(d.gradFake().toDoubleVector()).containsOnly(1.0 / 3);
        AdversarialLoss.GeneratorLoss g = loss.generator(fake);
        assertThat(g.value()).isCloseTo(-1.0 / 3, within(1e-12));
        assertThat(g.gradFake().toDoubleVector()).containsOnly(-1.0 / 3);
    }

    @Test
    void eachIterationTakesNCriticClippedCriticStepsThenOneGeneratorStep() {
        Sequential g = Sequential.builder(3).dataType(DataType.DOUBLE).dense(8).relu().dense(2).build(1);
        Sequential f = Sequential.builder(2).dataType(DataType.DOUBLE).dense(16).leakyRelu(0.2).dense(1).build(2);
        f.params().muli(50); // far outside the bound before the first step
        INDArray real = Nd4j.rand(DataType.DOUBLE, 8, 2).addi(3);
        StepHarness h = new StepHarness(loss, () -> new Batch(real, null), 8).network("G", g).network("D", f).learningRate(0.01);
        h.run(new WganSchedule().create(new WganSchedule.Config(5, 0.01, "G", "D")), 2);
        assertThat(h.gradients("D")).hasSize(10);
        assertThat(h.gradients("G")).hasSize(2);
        assertThat(h.batchesDrawn()).isEqualTo(10);
        assertThat(f.params().amaxNumber().doubleValue()).isLessThanOrEqualTo(0.01);
        assertThat(f.params().amaxNumber().doubleValue()).isEqualTo(0.01);
        assertThat(h.metrics().get("em_estimate")).isEqualTo(-h.metrics().get("loss_d"));

        WganSchedule.clip(f.params().assign(0.5), 0.2);
        assertThat(f.params().minNumber().doubleValue()).isEqualTo(0.2);
    }

    @Test
    void theGeneratorStepFollowsTheCriticUphillAndLeavesItsParametersAlone() {
        // critic f(x) = w·x fixed (lr 0): G's gradient must be -w/m per sample, back-propagated into G
        Sequential g = Sequential.builder(2).dataType(DataType.DOUBLE).dense(2).build(3);
        Sequential f = Sequential.builder(2).dataType(DataType.DOUBLE).add(new org.gan4j.nn.Dense(1, false)).build(4);
        f.params().assign(Nd4j.createFromArray(new double[][] {{0.3, -0.7}}));
        INDArray before = f.params().dup();
        StepHarness h = new StepHarness(loss, () -> new Batch(Nd4j.ones(DataType.DOUBLE, 4, 2), null), 4)
                .network("G", g).network("D", f);
        h.run(new WganSchedule().create(new WganSchedule.Config(1, 0, "G", "D")), 1);
        assertThat(f.params()).isEqualTo(before);
        // dense layer y = z W + b: dL/db = sum over samples of dL/dy = 4 · (-w/4) = -w
        INDArray gradG = h.gradients("G").get(0);
        assertThat(gradG.getDouble(0, 4)).isCloseTo(-0.3, within(1e-12));
        assertThat(gradG.getDouble(0, 5)).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void boostedIterationsTrainTheCriticLongerAtTheStartAndPeriodically() {
        WganSchedule.Config c = new WganSchedule.Config(5, 0.01, "G", "D", 7, 2, 3, 0);
        // iterations 0 and 1 (the first two), 3 (every third); the others n_critic
        assertThat(java.util.stream.LongStream.range(0, 7).map(c::criticSteps).toArray()).containsExactly(7, 7, 5, 7, 5, 5, 7);
        assertThat(new WganSchedule.Config(5, 0.01, "G", "D").criticSteps(0)).isEqualTo(5);

        Sequential g = Sequential.builder(3).dataType(DataType.DOUBLE).dense(2).build(1);
        Sequential f = Sequential.builder(2).dataType(DataType.DOUBLE).dense(1).build(2);
        StepHarness h = new StepHarness(loss, () -> new Batch(Nd4j.ones(DataType.DOUBLE, 4, 2), null), 4)
                .network("G", g).network("D", f);
        h.run(new WganSchedule().create(c), 6);
        assertThat(h.gradients("D")).hasSize(7 + 7 + 5 + 7 + 5 + 5);
        assertThat(h.gradients("G")).hasSize(6);
    }

    @Test
    void theGradientPenaltyOfALinearCriticIsLambdaTimesItsWeightNormMinusOneSquared() {
        // f(x) = w·x has ∇ₓf = w at every interpolate: the penalty is λ(‖w‖ − 1)², its gradient 2λ(‖w‖ − 1)·w/‖w‖
        double[] w = {0.3, -0.7};
        double norm = Math.hypot(w[0], w[1]);
        INDArray[] gradients = new INDArray[2];
        double[] penalty = new double[2];
        INDArray real = Nd4j.rand(DataType.DOUBLE, 4, 2);
        for (int run = 0; run < 2; run++) {
            Sequential g = Sequential.builder(2).dataType(DataType.DOUBLE).dense(2).build(3);
            Sequential f = Sequential.builder(2).dataType(DataType.DOUBLE).add(new org.gan4j.nn.Dense(1, false)).build(4);
            f.params().assign(Nd4j.createFromArray(new double[][] {w}));
            StepHarness h = new StepHarness(loss, () -> new Batch(real, null), 4)
                    .network("G", g).network("D", f);
            h.run(new WganSchedule().create(new WganSchedule.Config(1, 0, "G", "D", 0, 25, 500, run * 10.0)), 1);
            gradients[run] = h.gradients("D").get(0);
            penalty[run] = h.metrics().getOrDefault("gradient_penalty", 0.0);
        }
        assertThat(penalty[1]).isCloseTo(10 * (norm - 1) * (norm - 1), within(1e-12));
        INDArray extra = gradients[1].sub(gradients[0]);
        assertThat(extra.getDouble(0)).isCloseTo(20 * (norm - 1) * w[0] / norm, within(1e-12));
        assertThat(extra.getDouble(1)).isCloseTo(20 * (norm - 1) * w[1] / norm, within(1e-12));
    }
}
