package org.gan4j.engine.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import org.gan4j.api.data.Batch;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.engine.testing.GradientCheck;
import org.gan4j.engine.testing.StepHarness;
import org.gan4j.engine.testing.TestLosses;
import org.gan4j.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code d_passes: separate}: D's gradient is that of two passes, BatchNorm normalising real and fake batches apart
 * (the DCGAN reference), not of one pass over both.
 */
class SeparateDiscriminatorPassesTest {
    private static final AdversarialLoss SQUARES = TestLosses.squares();

    private static Sequential d() {
        return Sequential.builder(3).dataType(DataType.DOUBLE).dense(6).batchNorm().leakyRelu(0.2).dense(1).build(2);
    }

    private static INDArray gradientOfDiscriminator(String passes, INDArray real) {
        Sequential g = Sequential.builder(2).dataType(DataType.DOUBLE).dense(3).build(1);
        StepHarness h = new StepHarness(SQUARES, () -> new Batch(real, null), 5).network("G", g).network("D", d());
        h.run(new AlternatingSchedule().create(new AlternatingSchedule.Config(1, "G", "D", false, passes)), 1);
        return h.gradients("D").get(0);
    }

    @Test
    void separatePassesGiveTheSumOfEachPassGradientsAndDifferFromOneJointPass() {
        INDArray real = GradientCheck.gaussian(3, 5, 3).addi(2);
        INDArray separate = gradientOfDiscriminator("separate", real);
        INDArray joint = gradientOfDiscriminator("joint", real);

        // expected: D on the real batch alone and on the fake batch alone, gradients added
        Sequential g = Sequential.builder(2).dataType(DataType.DOUBLE).dense(3).build(1);
        INDArray z = new StepHarness(SQUARES, () -> null, 5).network("G", g).noise("z-d-0", 5, 2);
        INDArray fake = g.forward(z, true).dup();
        Sequential dReal = d();
        Sequential dFake = d();
        INDArray rOut = dReal.forward(real, true);
        INDArray fOut = dFake.forward(fake, true);
        AdversarialLoss.DiscriminatorLoss dl = SQUARES.discriminator(rOut, fOut);
        dReal.backward(dl.gradReal(), true);
        dFake.backward(dl.gradFake(), true);
        INDArray expected = dReal.gradients().add(dFake.gradients());
        assertThat(separate.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(joint.sub(expected).amaxNumber().doubleValue()).as("BatchNorm makes one joint pass differ")
                .isGreaterThan(1e-4);
    }
}
