package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** BatchNorm: PyTorch's normalisation and running statistics, its gradients, and its buffers. */
class BatchNormTest {

    private static INDArray random(long seed, double shift, long... shape) {
        return SequentialGradientTest.gaussian(seed, shape).muli(2).addi(shift);
    }

    @Test
    void trainingModeNormalisesEachChannelAndUpdatesRunningStatisticsLikePytorch() {
        Sequential net = Sequential.builder(3, 4, 5).dataType(DataType.DOUBLE).batchNorm().build(1);
        INDArray x = random(2, 3.0, 6, 3, 4, 5);
        INDArray y = net.forward(x, true);
        for (int c = 0; c < 3; c++) {
            INDArray ch = y.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(c));
            assertThat(ch.meanNumber().doubleValue()).isCloseTo(0, within(1e-9));
            assertThat(ch.mul(ch).meanNumber().doubleValue()).isCloseTo(1, within(1e-3));
            INDArray xc = x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(c)).dup();
            double mean = xc.meanNumber().doubleValue();
            double unbiased = xc.sub(mean).mul(xc.sub(mean)).sumNumber().doubleValue() / (xc.length() - 1);
            assertThat(net.buffers().get("0.running_mean").getDouble(c)).isCloseTo(0.1 * mean, within(1e-9));
            assertThat(net.buffers().get("0.running_var").getDouble(c)).isCloseTo(0.9 + 0.1 * unbiased, within(1e-9));
        }
        // evaluation mode uses the running statistics
        INDArray e = net.forward(x, false);
        double m0 = net.buffers().get("0.running_mean").getDouble(0);
        double v0 = net.buffers().get("0.running_var").getDouble(0);
        assertThat(e.getDouble(0, 0, 0, 0)).isCloseTo((x.getDouble(0, 0, 0, 0) - m0) / Math.sqrt(v0 + 1e-5), within(1e-9));
    }

    @Test
    void gradientsMatchFiniteDifferencesIn1dAnd2d() {
        SequentialGradientTest.check(Sequential.builder(2, 4, 4).dataType(DataType.DOUBLE)
                .conv(3, 3, 1, 1, false).batchNorm().relu().conv(2, 3, 1, 1, true).build(3), random(4, 0.5, 4, 2, 4, 4));
        SequentialGradientTest.check(Sequential.builder(5).dataType(DataType.DOUBLE)
                .dense(6).batchNorm().leakyRelu(0.2).dense(2).build(5), random(6, -1, 7, 5));
    }
}
