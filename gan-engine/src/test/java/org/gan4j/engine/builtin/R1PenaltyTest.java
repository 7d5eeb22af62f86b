package org.gan4j.engine.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gan4j.api.data.Batch;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.engine.testing.GradientCheck;
import org.gan4j.engine.testing.StepHarness;
import org.gan4j.engine.testing.TestLosses;
import org.gan4j.nn.Dense;
import org.gan4j.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code alternating} with {@code r1: γ}: a linear D(x) = w·x has ∇ₓD = w, so R1 = γ/2·‖w‖² with gradient γ·w. */
class R1PenaltyTest {
    private static final AdversarialLoss SQUARES = TestLosses.squares();

    @Test
    void r1AddsGammaTimesTheWeightsToALinearDiscriminatorsGradientAndRecordsItsValue() {
        double[] w = {0.4, -0.2, 0.9};
        INDArray real = GradientCheck.gaussian(5, 6, 3);
        INDArray[] grads = new INDArray[2];
        double[] r1 = new double[2];
        for (int run = 0; run < 2; run++) {
            Sequential g = Sequential.builder(2).dataType(DataType.DOUBLE).dense(3).build(1);
            Sequential d = Sequential.builder(3).dataType(DataType.DOUBLE).add(new Dense(1, false)).build(2);
            d.params().assign(org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][] {w}));
            StepHarness h = new StepHarness(SQUARES, () -> new Batch(real, null), 6).network("G", g).network("D", d);
            h.run(new AlternatingSchedule().create(new AlternatingSchedule.Config(1, "G", "D", false, "joint", run * 2.0)), 1);
            grads[run] = h.gradients("D").get(0);
            r1[run] = h.metrics().getOrDefault("r1", 0.0);
        }
        double sq = w[0] * w[0] + w[1] * w[1] + w[2] * w[2];
        assertThat(r1[1]).isCloseTo(sq, within(1e-12));
        assertThat(r1[0]).isZero();
        INDArray extra = grads[1].sub(grads[0]);
        for (int i = 0; i < 3; i++) {
            assertThat(extra.getDouble(i)).isCloseTo(2 * w[i], within(1e-12));
        }
    }
}
