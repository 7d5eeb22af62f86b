package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** InstanceNorm: every (sample, channel) plane normalised on its own, and its gradients. */
class InstanceNormTest {

    /** Gaussian data with a per-element ramp, so planes differ in mean and spread. */
    private static INDArray random(long seed, long... shape) {
        INDArray a = SequentialGradientTest.gaussian(seed, shape).muli(3).addi(1.5);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, a.getDouble(i) + i % 7);
        }
        return a;
    }

    @Test
    void eachPlaneHasZeroMeanAndUnitVarianceInBothModes() {
        Sequential net = Sequential.builder(3, 5, 4).dataType(DataType.DOUBLE).instanceNorm().build(1);
        assertThat(net.numParams()).isZero();
        INDArray x = random(2, 2, 3, 5, 4);
        for (boolean training : new boolean[] {true, false}) {
            INDArray y = net.forward(x, training).dup();
            for (int n = 0; n < 2; n++) {
                for (int c = 0; c < 3; c++) {
                    INDArray p = y.get(NDArrayIndex.point(n), NDArrayIndex.point(c));
                    INDArray xp = x.get(NDArrayIndex.point(n), NDArrayIndex.point(c)).dup();
                    double var = xp.var(false).getDouble(0);
                    assertThat(p.meanNumber().doubleValue()).isCloseTo(0, within(1e-9));
                    assertThat(p.getDouble(0, 0)).isCloseTo((xp.getDouble(0, 0) - xp.meanNumber().doubleValue())
                            / Math.sqrt(var + 1e-5), within(1e-9));
                }
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        SequentialGradientTest.check(Sequential.builder(2, 5, 5).dataType(DataType.DOUBLE)
                .conv(3, 3, 1, 1, true).instanceNorm().relu().conv(2, 3, 1, 1, true).build(3), random(4, 2, 2, 5, 5));
    }
}
