package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Residual blocks: y = x + f(x), parameters nested in the network's vector, gradients through both paths. */
class ResidualTest {


    /** A CycleGAN-style block with zero padding: conv 3×3 → InstanceNorm → ReLU → conv 3×3 → InstanceNorm. */
    private static Residual block(int channels) {
        return new Residual(Conv2d.conv(channels, 3, 1, 1, true), new InstanceNorm(), new LeakyRelu(0),
                Conv2d.conv(channels, 3, 1, 1, true), new InstanceNorm());
    }

    @Test
    void outputIsInputPlusBranchAndParametersNest() {
        Sequential net = Sequential.builder(3, 6, 6).dataType(DataType.DOUBLE).add(block(3)).build(1);
        assertThat(net.numParams()).isEqualTo(2 * (3 * 3 * 9 + 3));
        Sequential branch = Sequential.builder(3, 6, 6).dataType(DataType.DOUBLE).add(Conv2d.conv(3, 3, 1, 1, true))
                .instanceNorm().relu().add(Conv2d.conv(3, 3, 1, 1, true)).instanceNorm().build(2);
        branch.params().assign(net.params());
        INDArray x = SequentialGradientTest.gaussian(3, 2, 3, 6, 6);
        assertThat(net.forward(x, false)).isEqualTo(x.add(branch.forward(x, false)));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        SequentialGradientTest.check(Sequential.builder(2, 5, 5).dataType(DataType.DOUBLE).add(block(2))
                .conv(1, 3, 1, 1, true).build(4), SequentialGradientTest.gaussian(5, 3, 2, 5, 5));
        SequentialGradientTest.check(Sequential.builder(6).dataType(DataType.DOUBLE).dense(6)
                .residual(new Dense(6), new LeakyRelu(0.2), new Dense(6)).build(6), SequentialGradientTest.gaussian(7, 4, 6));
    }

    @Test
    void aBranchThatChangesTheShapeIsRejected() {
        assertThatThrownBy(() -> Sequential.builder(3, 8, 8).residual(Conv2d.conv(4, 3, 1, 1, true)).build(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must keep the shape [3, 8, 8]");
    }
}
