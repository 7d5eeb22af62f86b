package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Spectral normalisation: σ is the largest singular value, gradients match finite differences, replicas share u. */
class SpectralNormTest {

    @Test
    void theLayerComputesWithTheWeightDividedByItsLargestSingularValue() {
        Sequential net = Sequential.builder(3).dataType(DataType.DOUBLE).add(new Dense(3, false)).spectralNorm().build(1);
        Dense dense = (Dense) net.layers().get(0);
        dense.weights().assign(Nd4j.create(new double[][] {{0, 3, 0}, {2, 0, 0}, {0, 0, -1}}));
        INDArray x = Nd4j.create(new double[][] {{1, 1, 1}});
        for (int i = 0; i < 30; i++) {
            net.forward(x, true);
        }
        // the singular values are 3, 2, 1: the layer computes x·W / 3
        assertThat(net.forward(x, true).toDoubleVector()).containsExactly(new double[] {2 / 3.0, 1, -1 / 3.0}, within(1e-9));
        // evaluation mode uses u without advancing it and gives the same result
        INDArray u = net.buffers().get("0.u").dup();
        assertThat(net.forward(x, false).toDoubleVector()).containsExactly(new double[] {2 / 3.0, 1, -1 / 3.0}, within(1e-9));
        assertThat(net.buffers().get("0.u")).isEqualTo(u);
    }

    @Test
    void gradientsOfANormalisedConvolutionAndDenseLayerMatchFiniteDifferences() {
        Sequential net = Sequential.builder(2, 6, 6).dataType(DataType.DOUBLE).conv(3, 3, 2, 1, true).spectralNorm()
                .leakyRelu(0.2).flatten().dense(4).spectralNorm().leakyRelu(0.2).dense(1).build(3);
        INDArray x = SequentialGradientTest.gaussian(4, 5, 2, 6, 6);
        // converge the power iterations first: at the fixed point σ's sensitivity to u vanishes, so the gradient that
        // treats u as a constant is the exact one
        for (int i = 0; i < 300; i++) {
            net.forward(x, true);
        }
        SequentialGradientTest.check(net, x);
    }

    @Test
    void replicasShareUAndOnlyWeightLayersTakeIt() {
        Sequential net = Sequential.builder(4).dataType(DataType.DOUBLE).dense(3).spectralNorm().build(2);
        Sequential replica = net.replica();
        INDArray x = SequentialGradientTest.gaussian(1, 2, 4);
        replica.forward(x, true);
        assertThat(net.buffers().get("0.u")).isSameAs(replica.buffers().get("0.u"));
        assertThat(net.forward(x, false)).isEqualTo(replica.forward(x, false));
        assertThatThrownBy(() -> Sequential.builder(4).relu().spectralNorm()).hasMessageContaining("dense or convolution");
    }
}
