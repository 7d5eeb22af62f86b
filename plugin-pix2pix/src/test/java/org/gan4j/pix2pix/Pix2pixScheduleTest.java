package org.gan4j.pix2pix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleSupplier;
import org.gan4j.api.ConfigException;
import org.gan4j.api.data.Batch;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.engine.testing.GradientCheck;
import org.gan4j.engine.testing.StepHarness;
import org.gan4j.engine.testing.TestLosses;
import org.gan4j.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The pix2pix step: G's gradient is that of GAN + λ·L1 through the frozen D; D's objective is halved. */
class Pix2pixScheduleTest {
    static final AdversarialLoss SQUARES = TestLosses.squares();

    @Test
    void generatorGradientIsThatOfTheGanTermPlusLambdaL1ThroughTheFrozenDiscriminator() {
        Sequential g = Sequential.builder(2, 6, 6).dataType(DataType.DOUBLE).conv(3, 3, 1, 1, true).batchNorm().relu()
                .conv(2, 3, 1, 1, true).tanh().build(1);
        Sequential d = Sequential.builder(4, 6, 6).dataType(DataType.DOUBLE).conv(3, 4, 2, 1, true).batchNorm()
                .leakyRelu(0.2).conv(1, 2, 1, 0, true).build(2);
        INDArray pairs = GradientCheck.gaussian(3, 3, 4, 6, 6);
        INDArray dBefore = d.params().dup();
        StepHarness h = new StepHarness(SQUARES, () -> new Batch(pairs, null), 3).network("G", g).network("D", d);
        h.run(new Pix2pixSchedule().create(new Pix2pixSchedule.Config(100, 1, 0, "joint", "G", "D")), 1);
        assertThat(d.params()).as("lr 0: D's step changed nothing G's objective depends on").isEqualTo(dBefore);

        INDArray a = pairs.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).dup();
        INDArray b = pairs.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 4)).dup();
        DoubleSupplier objective = () -> {
            INDArray fake = g.forward(a, true).dup();
            INDArray out = d.forward(Nd4j.concat(1, a, fake), true);
            return SQUARES.generator(out).value() + 100 * Transforms.abs(fake.sub(b)).meanNumber().doubleValue();
        };
        assertThat(GradientCheck.worstMismatch(g.params(), h.gradients("G").get(0), objective, 60)).isLessThanOrEqualTo(1);
        assertThat(h.metrics().get("loss_g")).isCloseTo(objective.getAsDouble(), within(1e-9));

        // D's recorded gradient is half that of the loss on the real pair and the (A, G(A)) pair in one pass
        INDArray fake = g.forward(a, true).dup();
        INDArray out = d.forward(Nd4j.concat(0, pairs, Nd4j.concat(1, a, fake)), true);
        AdversarialLoss.DiscriminatorLoss dl = SQUARES.discriminator(out.get(NDArrayIndex.interval(0, 3)),
                out.get(NDArrayIndex.interval(3, 6)));
        d.backward(Nd4j.concat(0, dl.gradReal(), dl.gradFake()), true);
        assertThat(h.gradients("D").get(0).sub(d.gradients().mul(0.5)).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(h.metrics().get("loss_d")).isCloseTo(0.5 * dl.value(), within(1e-12));
    }

    @Test
    void dataThatIsNotAnInputTargetPairForGIsRejectedWithTheShapes() {
        Sequential g = Sequential.builder(3, 4, 4).dataType(DataType.DOUBLE).conv(3, 3, 1, 1, true).build(1);
        Sequential d = Sequential.builder(4, 4, 4).dataType(DataType.DOUBLE).conv(1, 4, 1, 0, true).build(2);
        StepHarness h = new StepHarness(SQUARES, () -> new Batch(GradientCheck.gaussian(1, 2, 4, 4, 4), null), 2).network("G", g).network("D", d);
        assertThatThrownBy(() -> h.run(new Pix2pixSchedule().create(new Pix2pixSchedule.Config(100, 1, 0, "joint", "G", "D")), 1))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[2, 4, 4, 4]").hasMessageContaining("G maps 3 to 3");
    }

    @Test
    void withoutTheGanTermGLearnsFromL1AloneAndDIsNeverStepped() {
        Sequential g = Sequential.builder(2, 6, 6).dataType(DataType.DOUBLE).conv(2, 3, 1, 1, true).tanh().build(1);
        Sequential d = Sequential.builder(4, 6, 6).dataType(DataType.DOUBLE).conv(1, 4, 2, 1, true).build(2);
        INDArray pairs = GradientCheck.gaussian(4, 2, 4, 6, 6);
        StepHarness h = new StepHarness(SQUARES, () -> new Batch(pairs, null), 2).network("G", g).network("D", d);
        h.run(new Pix2pixSchedule().create(new Pix2pixSchedule.Config(100, 0, 0, "separate", "G", "D")), 2);
        assertThat(h.gradients("D")).isEmpty();
        assertThat(h.gradients("G")).hasSize(2);
        INDArray a = pairs.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).dup();
        INDArray b = pairs.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 4)).dup();
        DoubleSupplier l1 = () -> 100 * Transforms.abs(g.forward(a, true).dup().sub(b)).meanNumber().doubleValue();
        assertThat(GradientCheck.worstMismatch(g.params(), h.gradients("G").get(1), l1, 40)).isLessThanOrEqualTo(1);
        assertThat(h.metrics()).containsKeys("loss_l1", "loss_g").doesNotContainKey("loss_d");
    }

    @Test
    void separatePassesNormaliseRealAndFakePairsEachByTheirOwnBatchStatistics() {
        Sequential g = Sequential.builder(2, 6, 6).dataType(DataType.DOUBLE).conv(2, 3, 1, 1, true).tanh().build(1);
        Sequential d = Sequential.builder(4, 6, 6).dataType(DataType.DOUBLE).conv(3, 4, 2, 1, true).batchNorm()
                .leakyRelu(0.2).conv(1, 2, 1, 0, true).build(2);
        INDArray pairs = GradientCheck.gaussian(5, 3, 4, 6, 6);
        StepHarness h = new StepHarness(SQUARES, () -> new Batch(pairs, null), 3).network("G", g).network("D", d);
        h.run(new Pix2pixSchedule().create(new Pix2pixSchedule.Config(100, 1, 0, "separate", "G", "D")), 1);

        // D's gradient: half the sum of a pass over the real pairs alone and one over the fake pairs alone
        INDArray a = pairs.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).dup();
        INDArray fakePair = Nd4j.concat(1, a, g.forward(a, true).dup());
        AdversarialLoss.DiscriminatorLoss dl = SQUARES.discriminator(d.forward(pairs, true).dup(), d.forward(fakePair, true).dup());
        d.forward(pairs, true);
        d.backward(dl.gradReal(), true);
        INDArray realGrad = d.gradients().dup();
        d.forward(fakePair, true);
        d.backward(dl.gradFake(), true);
        INDArray expected = realGrad.addi(d.gradients()).muli(0.5);
        assertThat(h.gradients("D").get(0).sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(h.metrics().get("loss_d")).isCloseTo(0.5 * dl.value(), within(1e-12));
        assertThatThrownBy(() -> new Pix2pixSchedule.Config(100, 1, 0, "both", "G", "D")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("schedule.d_passes");
    }
}
