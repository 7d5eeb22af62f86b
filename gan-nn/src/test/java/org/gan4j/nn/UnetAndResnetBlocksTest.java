package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The pix2pix and CycleGAN pieces: U-Net skips, dropout, reflection padding, output padding. */
class UnetAndResnetBlocksTest {

    /** One U-Net level: down (k4 s2 p1) → BatchNorm → LeakyReLU → up (k4 s2 p1), concatenated with its input. */
    private static Skip level(int inner, int outer) {
        return new Skip(new LeakyRelu(0.2), Conv2d.conv(inner, 4, 2, 1, false), new BatchNorm(), new LeakyRelu(0),
                Conv2d.transposed(outer, 4, 2, 1, false));
    }

    @Test
    void skipConcatenatesInputAndBranchAlongChannels() {
        Sequential net = Sequential.builder(3, 8, 8).dataType(DataType.DOUBLE).add(level(4, 2)).build(1);
        assertThat(net.outputShape()).containsExactly(5, 8, 8);
        INDArray x = SequentialGradientTest.gaussian(2, 2, 3, 8, 8);
        INDArray y = net.forward(x, true).dup();
        assertThat(y.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3))).isEqualTo(x);
        Skip skip = (Skip) net.layers().get(0);
        INDArray h = x;
        for (Layer l : skip.layers()) {
            h = l.forward(h, true);
        }
        assertThat(y.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 5))).isEqualTo(h);
    }

    @Test
    void nestedSkipsMatchFiniteDifferences() {
        // two levels, the shape pix2pix nests seven (or eight) of
        Skip innerLevel = level(4, 4);
        Skip outer = new Skip(Conv2d.conv(4, 4, 2, 1, false), new BatchNorm(), innerLevel, new LeakyRelu(0),
                Conv2d.transposed(2, 4, 2, 1, false));
        SequentialGradientTest.check(Sequential.builder(2, 8, 8).dataType(DataType.DOUBLE).add(outer).conv(1, 3, 1, 1, true)
                .build(3), SequentialGradientTest.gaussian(4, 3, 2, 8, 8));
    }

    @Test
    void aSkipBranchThatChangesTheSpatialSizeIsRejected() {
        assertThatThrownBy(() -> Sequential.builder(3, 8, 8).skip(Conv2d.conv(4, 4, 2, 1, true)).build(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spatial shape of [3, 8, 8]");
    }

    @Test
    void reflectionPadMirrorsWithoutRepeatingTheEdge() {
        INDArray x = Nd4j.arange(12).castTo(DataType.DOUBLE).reshape(1, 1, 3, 4);
        INDArray y = Sequential.builder(1, 3, 4).dataType(DataType.DOUBLE).reflectionPad(2).build(1).forward(x, false);
        assertThat(y.shape()).containsExactly(1, 1, 7, 8);
        // PyTorch's ReflectionPad2d(2): padded index i reads source index |i - 2| reflected at the far edge
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 8; j++) {
                int r = reflect(i - 2, 3);
                int c = reflect(j - 2, 4);
                assertThat(y.getDouble(0, 0, i, j)).as("(%d, %d)", i, j).isEqualTo(x.getDouble(0, 0, r, c));
            }
        }
    }

    private static int reflect(int i, int n) {
        int a = Math.abs(i);
        return a < n ? a : 2 * (n - 1) - a;
    }

    @Test
    void resnetBlockWithReflectionPaddingMatchesFiniteDifferences() {
        Residual block = new Residual(new ReflectionPad(1), Conv2d.conv(2, 3, 1, 0, true), new InstanceNorm(),
                new LeakyRelu(0), new ReflectionPad(1), Conv2d.conv(2, 3, 1, 0, true), new InstanceNorm());
        SequentialGradientTest.check(Sequential.builder(2, 5, 6).dataType(DataType.DOUBLE).reflectionPad(3)
                .conv(2, 7, 1, 0, true).add(block).build(5), SequentialGradientTest.gaussian(6, 2, 2, 5, 6));
    }

    @Test
    void outputPaddingDoublesTheSizeAndIsTheAdjointOfTheStridedConvolution() {
        // CycleGAN's up-sampling: ConvTranspose2d(k 3, s 2, p 1, output_padding 1) maps H to 2H and is the adjoint of
        // Conv2d(k 3, s 2, p 1) from 2H to H with the same weights
        Sequential conv = Sequential.builder(3, 10, 10).dataType(DataType.DOUBLE).conv(4, 3, 2, 1, false).build(7);
        Sequential convT = Sequential.builder(4, 5, 5).dataType(DataType.DOUBLE).convTranspose(3, 3, 2, 1, 1, false).build(8);
        assertThat(conv.outputShape()).containsExactly(4, 5, 5);
        assertThat(convT.outputShape()).containsExactly(3, 10, 10);
        convT.params().assign(conv.params());
        INDArray x = SequentialGradientTest.gaussian(9, 2, 3, 10, 10);
        INDArray y = SequentialGradientTest.gaussian(10, 2, 4, 5, 5);
        double lhs = conv.forward(x, false).mul(y).sumNumber().doubleValue();
        double rhs = x.mul(convT.forward(y, false)).sumNumber().doubleValue();
        assertThat(lhs).isCloseTo(rhs, within(1e-9 * Math.abs(lhs) + 1e-9));
        SequentialGradientTest.check(Sequential.builder(2, 4, 3).dataType(DataType.DOUBLE)
                .convTranspose(3, 3, 2, 1, 1, true).tanh().build(11), SequentialGradientTest.gaussian(12, 2, 2, 4, 3));
        assertThatThrownBy(() -> Conv2d.transposed(3, 3, 2, 1, 2, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dropoutZeroesAboutPScalesSurvivorsAndReplaysItsMaskFromTheCounter() {
        Sequential net = Sequential.builder(1000).dataType(DataType.DOUBLE).dropout(0.5).build(13);
        INDArray x = Nd4j.ones(DataType.DOUBLE, 4, 1000);
        INDArray y = net.forward(x, true).dup();
        double zeros = y.eq(0).castTo(DataType.DOUBLE).sumNumber().doubleValue() / y.length();
        assertThat(zeros).isBetween(0.46, 0.54);
        assertThat(y.sumNumber().doubleValue() / y.length()).isCloseTo(1.0, within(0.08));
        INDArray r = SequentialGradientTest.gaussian(14, 4, 1000);
        assertThat(net.backward(r, true)).isEqualTo(r.mul(y));
        assertThat(net.forward(x, true)).isNotEqualTo(y);
        assertThat(net.forward(x, false)).isEqualTo(x);
        // the mask is a function of the seed and the call counter, which checkpoints restore
        net.buffers().values().iterator().next().assign(0);
        assertThat(net.forward(x, true)).isEqualTo(y);
        Sequential same = Sequential.builder(1000).dataType(DataType.DOUBLE).dropout(0.5).build(13);
        assertThat(same.forward(x, true)).isEqualTo(y);
    }

    @Test
    void aReplicaSharesParametersAndRunningStatisticsButKeepsItsOwnActivationsAndGradients() {
        Sequential net = Sequential.builder(2, 8, 8).dataType(DataType.DOUBLE).add(level(3, 2)).dropout(0.3)
                .conv(1, 3, 1, 1, true).build(31);
        Sequential replica = net.replica();
        assertThat(replica.params()).isSameAs(net.params());
        assertThat(replica.gradients()).isNotSameAs(net.gradients());
        INDArray a = SequentialGradientTest.gaussian(32, 2, 2, 8, 8);
        INDArray b = SequentialGradientTest.gaussian(33, 3, 2, 8, 8);
        INDArray ya = net.forward(a, true).dup();
        INDArray yb = replica.forward(b, true).dup();
        // both passes can be back-propagated: the replica's forward did not overwrite the network's activations
        INDArray ga = net.backward(Nd4j.onesLike(ya), true).dup();
        replica.backward(Nd4j.onesLike(yb), true);
        Sequential fresh = Sequential.builder(2, 8, 8).dataType(DataType.DOUBLE).add(level(3, 2)).dropout(0.3)
                .conv(1, 3, 1, 1, true).build(31);
        INDArray yFresh = fresh.forward(a, true);
        assertThat(yFresh).isEqualTo(ya);
        assertThat(fresh.backward(Nd4j.onesLike(yFresh), true)).isEqualTo(ga);
        assertThat(fresh.gradients()).isEqualTo(net.gradients());
        // running statistics are shared: the replica's batch moved them too
        assertThat(net.buffers().get("0.2.running_mean")).isSameAs(replica.buffers().get("0.2.running_mean"));
        assertThat(replica.gradients().norm2Number().doubleValue()).isPositive();
    }
}
