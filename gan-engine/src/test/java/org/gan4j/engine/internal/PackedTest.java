package org.gan4j.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gan4j.api.TrainingException;
import org.gan4j.api.nn.Network;
import org.gan4j.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** PacGAN packing: groups of m consecutive samples side by side, one output per group, gradients back per sample. */
class PackedTest {

    @Test
    void groupsOfConsecutiveSamplesAreJudgedAsOneAndGradientsGoBackPerSample() {
        // vectors [2] packed by 4: the inner network takes [8]
        Sequential inner = Sequential.builder(8).dense(3).leakyRelu(0.2).dense(1).build(5);
        Network packed = new Packed(inner, 4, new long[] {2});
        assertThat(packed.inputShape()).containsExactly(2);
        assertThat(packed.numParams()).isEqualTo(inner.numParams());
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 2);
        INDArray out = packed.forward(x, true).dup();
        assertThat(out.shape()).containsExactly(2, 1);
        // row 0 of the packed batch is samples 0..3 side by side
        INDArray grouped = Nd4j.concat(1, x.getRow(0, true), x.getRow(1, true), x.getRow(2, true), x.getRow(3, true));
        assertThat(inner.forward(grouped, false).getDouble(0)).isCloseTo(out.getDouble(0), org.assertj.core.api.Assertions.within(1e-6));

        packed.forward(x, true);
        INDArray g = packed.backward(Nd4j.ones(DataType.FLOAT, 2, 1), true).dup();
        assertThat(g.shape()).containsExactly(8, 2);
        INDArray direct = inner.forward(x.reshape('c', 2, 8), true);
        assertThat(direct.shape()).containsExactly(2, 1);
        INDArray gInner = inner.backward(Nd4j.ones(DataType.FLOAT, 2, 1), true);
        assertThat(g.reshape('c', 2, 8)).isEqualTo(gInner);
    }

    @Test
    void imagesPackAlongTheirChannelsAndABatchThatDoesNotSplitIsRefused() {
        assertThat(Packed.shape(new long[] {1, 28, 28}, 4)).containsExactly(4, 28, 28);
        Sequential inner = Sequential.builder(2 * 4 * 4).dense(1).build(1);
        Network packed = new Packed(inner, 2, new long[] {4 * 4});
        assertThatThrownBy(() -> packed.forward(Nd4j.zeros(DataType.FLOAT, 5, 16), true))
                .isInstanceOf(TrainingException.class)
                .hasMessage("pack: 2: a batch of 5 samples does not split into groups of 2; make training.batch_size "
                        + "(per worker) a multiple of 2");
    }
}
