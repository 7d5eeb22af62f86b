package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Analytic gradients of every layer against central finite differences, in double precision. */
class SequentialGradientTest {
    /**
     * The absolute slack of a comparison. Native kernels get more: libnd4j M2.1's {@code batchnorm_bp} works at
     * float-like precision even on DOUBLE arrays (measured: an instance-normalised plane's input gradient sums to
     * 5e-8 instead of 1e-16), which shows as ~2e-6 on a conv bias whose true gradient is 0.
     */
    static final double ABSOLUTE = Compute.mode() == Compute.Mode.NATIVE ? 5e-6 : 1e-6;

    /** Loss = sum(out ⊙ r) for a fixed random r, so dLoss/dOut = r. */
    private static double loss(Sequential net, INDArray x, INDArray r) {
        // training mode: the function backward differentiates (batch statistics for BatchNorm)
        return net.forward(x, true).mul(r).sumNumber().doubleValue();
    }

    /** Standard normal test data in double precision, reproducible from {@code seed}. */
    static INDArray gaussian(long seed, long... shape) {
        Random rnd = new Random(seed);
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, rnd.nextGaussian());
        }
        return a;
    }

    static void check(Sequential net, INDArray x) {
        INDArray out = net.forward(x, true);
        INDArray r = gaussian(7, out.shape());
        INDArray dx = net.backward(r.dup(), true).dup();
        INDArray dp = net.gradients().dup();
        compare(net.params(), dp, () -> loss(net, x, r), "param", 150);
        compare(x, dx, () -> loss(net, x, r), "input", 50);
    }

    /** Perturbs about {@code samples} entries of {@code values} in place and compares central differences. */
    private static void compare(INDArray values, INDArray analytic, java.util.function.DoubleSupplier loss, String what,
                                int samples) {
        double eps = 1e-6;
        for (long i = 0; i < values.length(); i += Math.max(1, values.length() / samples)) {
            double v = values.getDouble(i);
            values.putScalar(i, v + eps);
            double up = loss.getAsDouble();
            values.putScalar(i, v - eps);
            double down = loss.getAsDouble();
            values.putScalar(i, v);
            double numeric = (up - down) / (2 * eps);
            assertThat(analytic.getDouble(i)).as("%s %d", what, i)
                    .isCloseTo(numeric, org.assertj.core.data.Offset.offset(ABSOLUTE + 1e-5 * Math.abs(numeric)));
        }
    }

    @Test
    void mlpWithEveryLayerMatchesFiniteDifferences() {
        Sequential net = Sequential.builder(2, 3).dataType(DataType.DOUBLE).flatten().dense(7).leakyRelu(0.2)
                .dense(5).relu().dense(4).tanh().reshape(2, 2).build(1);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 2, 3).subi(0.5).muli(3);
        check(net, x);
    }

    @Test
    void maxoutRoutesTheGradientToEachUnitsWinningPiece() {
        Sequential net = Sequential.builder(5).dataType(DataType.DOUBLE).dense(12).maxout(4).dense(6).maxout(2).dense(2)
                .build(7);
        check(net, gaussian(3, 4, 5));
        assertThat(net.outputShape()).containsExactly(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Sequential.builder(5).dense(10).maxout(3).build(1))
                .hasMessageContaining("maxout of 3 pieces needs flat input of a multiple of 3 features, got [10]");
    }

    @Test
    void inputGradientOnlyLeavesParameterGradientsUntouched() {
        Sequential net = Sequential.builder(3).dataType(DataType.DOUBLE).dense(4).leakyRelu(0.2).dense(1).build(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 6, 3);
        net.forward(x, true);
        net.backward(Nd4j.ones(DataType.DOUBLE, 6, 1), true);
        INDArray before = net.gradients().dup();
        net.forward(x.mul(2), true);
        INDArray dx = net.backward(Nd4j.ones(DataType.DOUBLE, 6, 1).muli(3), false);
        assertThat(net.gradients()).isEqualTo(before);
        assertThat(dx.shape()).containsExactly(6, 3);
        assertThat(dx.amaxNumber().doubleValue()).isGreaterThan(0);
    }

    @Test
    void sameSeedGivesSameWeightsAndInitMatchesPytorchLinearBounds() {
        Sequential a = Sequential.builder(100).dense(256).build(42);
        Sequential b = Sequential.builder(100).dense(256).build(42);
        Sequential c = Sequential.builder(100).dense(256).build(43);
        assertThat(a.params()).isEqualTo(b.params());
        assertThat(a.params()).isNotEqualTo(c.params());
        assertThat(a.numParams()).isEqualTo(100 * 256 + 256);
        double bound = 1 / Math.sqrt(100);
        assertThat(a.params().amaxNumber().doubleValue()).isLessThanOrEqualTo(bound).isGreaterThan(0.9 * bound);
    }
}
