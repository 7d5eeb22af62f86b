package org.gan4j.examples.stddev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gan4j.engine.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The appended statistic on a batch worked by hand, and the input gradient against finite differences. */
class MinibatchStddevTest {

    @Test
    void appendsTheMeanFeatureStandardDeviation() {
        // feature 0: 1, 3 (σ 1); feature 1: 2, 2 (σ 0) → mean σ 0.5 on both rows (σ = √(var + 1e-8)); the
        // features pass through
        double want = (Math.sqrt(1 + 1e-8) + Math.sqrt(1e-8)) / 2;
        INDArray x = Nd4j.create(new double[][] {{1, 2}, {3, 2}});
        INDArray y = new MinibatchStddev().forward(x, false);
        assertThat(y.shape()).containsExactly(2, 3);
        assertThat(y.getDouble(0, 0)).isEqualTo(1);
        assertThat(y.getDouble(1, 1)).isEqualTo(2);
        assertThat(y.getDouble(0, 2)).isCloseTo(want, within(1e-12));
        assertThat(y.getDouble(1, 2)).isCloseTo(want, within(1e-12));
    }

    @Test
    void inputGradientMatchesFiniteDifferences() {
        MinibatchStddev layer = new MinibatchStddev();
        INDArray x = GradientCheck.gaussian(7, 6, 4);
        INDArray r = GradientCheck.gaussian(8, 6, 5);
        layer.forward(x, true);
        INDArray analytic = layer.backward(r, true).dup();
        double worst = GradientCheck.worstMismatch(x, analytic,
                () -> new MinibatchStddev().forward(x, false).mul(r).sumNumber().doubleValue(), 24);
        assertThat(worst).isLessThan(1);
        assertThat(x.dataType()).isEqualTo(DataType.DOUBLE);
    }
}
