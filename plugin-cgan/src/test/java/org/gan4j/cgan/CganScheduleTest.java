package org.gan4j.cgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.gan4j.api.ConfigException;
import org.gan4j.api.data.Batch;
import org.gan4j.api.nn.Network;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.api.train.Labels;
import org.gan4j.engine.testing.GradientCheck;
import org.gan4j.engine.testing.StepHarness;
import org.gan4j.engine.testing.TestLosses;
import org.gan4j.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Label plumbing of the cgan step: which labels reach which network, and G's gradient through the frozen D. */
class CganScheduleTest {
    static final AdversarialLoss SQUARES = TestLosses.squares();
    static final int K = 3;

    /** Remembers every input it is given. */
    static final class Recording implements Network {
        final Sequential net;
        final List<INDArray> inputs = new ArrayList<>();

        Recording(Sequential net) {
            this.net = net;
        }

        @Override
        public long[] inputShape() {
            return net.inputShape();
        }

        @Override
        public long[] outputShape() {
            return net.outputShape();
        }

        @Override
        public INDArray forward(INDArray input, boolean training) {
            inputs.add(input.dup());
            return net.forward(input, training);
        }

        @Override
        public INDArray backward(INDArray gradOutput, boolean parameterGradients) {
            return net.backward(gradOutput, parameterGradients);
        }

        @Override
        public INDArray params() {
            return net.params();
        }

        @Override
        public INDArray gradients() {
            return net.gradients();
        }

        @Override
        public long numParams() {
            return net.numParams();
        }
    }

    static INDArray labelsOf(INDArray rows, long from) {
        return rows.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + K));
    }

    @Test
    void realSamplesMeetTheirOwnLabelsAndFakesTheLabelsGWasAskedFor() {
        Recording g = new Recording(Sequential.builder(5 + K).dataType(DataType.DOUBLE).dense(6).leakyRelu(0.2).dense(4)
                .tanh().build(1));
        Recording d = new Recording(Sequential.builder(4 + K).dataType(DataType.DOUBLE).dense(5).leakyRelu(0.2).dense(1)
                .build(2));
        INDArray x = GradientCheck.gaussian(3, 6, 4);
        int[] y = {0, 2, 1, 1, 0, 2};
        StepHarness h = new StepHarness(SQUARES, () -> new Batch(x, Labels.of(y)), 6).numClasses(K)
                .network("G", g).network("D", d);
        h.run(new CganSchedule().create(new CganSchedule.Config(1, "G", "D", "joint")), 1);

        // D step: one joint pass, real rows first: x ⊕ one-hot(y), then G's samples ⊕ the labels G was given
        INDArray dIn = d.inputs.get(0);
        assertThat(dIn.get(NDArrayIndex.interval(0, 6), NDArrayIndex.interval(0, 4))).isEqualTo(x);
        assertThat(labelsOf(dIn.get(NDArrayIndex.interval(0, 6), NDArrayIndex.all()), 4))
                .isEqualTo(Labels.oneHot(Labels.of(y), K).castTo(DataType.DOUBLE));
        INDArray gIn = g.inputs.get(0);
        assertThat(labelsOf(dIn.get(NDArrayIndex.interval(6, 12), NDArrayIndex.all()), 4)).isEqualTo(labelsOf(gIn, 5));
        assertThat(labelsOf(gIn, 5).sum(1).toDoubleVector()).containsOnly(1.0);
        // the G step asks for new labels and D judges the fakes with those
        INDArray gIn2 = g.inputs.get(1);
        assertThat(labelsOf(d.inputs.get(1), 4)).isEqualTo(labelsOf(gIn2, 5));
        assertThat(labelsOf(gIn2, 5)).isNotEqualTo(labelsOf(gIn, 5));
    }

    @Test
    void generatorGradientFlowsThroughTheFrozenDiscriminatorIntoTheSamplePartOnly() {
        Sequential gNet = Sequential.builder(5 + K, 1, 1).dataType(DataType.DOUBLE).convTranspose(2, 4, 1, 0, false)
                .batchNorm().relu().convTranspose(1, 4, 2, 1, false).tanh().build(1);
        Recording g = new Recording(gNet);
        Sequential d = Sequential.builder(1 + K, 8, 8).dataType(DataType.DOUBLE).conv(2, 4, 2, 1, true).leakyRelu(0.2)
                .conv(1, 4, 1, 0, true).flatten().build(2);
        INDArray x = GradientCheck.gaussian(4, 5, 1, 8, 8);
        int[] y = {2, 0, 1, 2, 1};
        INDArray dBefore = d.params().dup();
        StepHarness h = new StepHarness(SQUARES, () -> new Batch(x, Labels.of(y)), 5).numClasses(K)
                .network("G", g).network("D", d);
        h.run(new CganSchedule().create(new CganSchedule.Config(1, "G", "D", "separate")), 1);
        assertThat(d.params()).as("lr 0").isEqualTo(dBefore);

        INDArray gIn = g.inputs.get(g.inputs.size() - 1);
        INDArray oneHot = gIn.reshape(5, 5 + K).get(NDArrayIndex.all(), NDArrayIndex.interval(5, 5 + K)).dup();
        DoubleSupplier objective = () -> {
            INDArray fake = gNet.forward(gIn, true).dup();
            return SQUARES.generator(d.forward(Labels.discriminatorInput(fake, oneHot, d.inputShape()), true)).value();
        };
        assertThat(GradientCheck.worstMismatch(gNet.params(), h.gradients("G").get(0), objective, 40)).isLessThanOrEqualTo(1);
        assertThat(h.metrics().get("loss_g")).isCloseTo(objective.getAsDouble(), within(1e-9));
    }

    @Test
    void networksWithoutRoomForLabelsAreRejectedNamingTheShapesTheyNeed() {
        Sequential g = Sequential.builder(5 + K).dataType(DataType.DOUBLE).dense(4).build(1);
        Sequential d = Sequential.builder(4).dataType(DataType.DOUBLE).dense(1).build(2);
        StepHarness h = new StepHarness(SQUARES, () -> new Batch(GradientCheck.gaussian(1, 2, 4), Labels.of(0, 1)), 2)
                .numClasses(K).network("G", g).network("D", d);
        assertThatThrownBy(() -> h.run(new CganSchedule().create(new CganSchedule.Config(1, "G", "D", "joint")), 1))
                .isInstanceOf(ConfigException.class).hasMessageContaining("networks.D").hasMessageContaining("[7]");
    }

    @Test
    void labelLayouts() {
        INDArray oneHot = Labels.oneHot(Labels.of(2, 0), K);
        assertThat(oneHot.toFloatMatrix()).isDeepEqualTo(new float[][] {{0, 0, 1}, {1, 0, 0}});
        assertThatThrownBy(() -> Labels.oneHot(Labels.of(3), K)).hasMessageContaining("outside [0, 3)");
        INDArray img = GradientCheck.gaussian(1, 2, 1, 2, 2);
        INDArray planes = Labels.discriminatorInput(img, oneHot, new long[] {1 + K, 2, 2});
        assertThat(planes.shape()).containsExactly(2, 1 + K, 2, 2);
        assertThat(planes.get(NDArrayIndex.point(0), NDArrayIndex.point(3)).sumNumber().doubleValue()).isEqualTo(4.0);
        assertThat(planes.get(NDArrayIndex.point(0), NDArrayIndex.point(1)).sumNumber().doubleValue()).isEqualTo(0.0);
        assertThat(Labels.discriminatorInput(img, oneHot, new long[] {4 + K}).shape()).containsExactly(2, 4 + K);
        assertThat(Labels.sampleGradient(planes, img.shape())).isEqualTo(img);
        assertThat(Labels.generatorInput(GradientCheck.gaussian(1, 2, 5), oneHot, new long[] {5 + K, 1, 1}).shape())
                .containsExactly(2, 5 + K, 1, 1);
    }
}
