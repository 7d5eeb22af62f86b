package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.DoubleSupplier;
import org.gan4j.api.train.GradientPenalty;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * WGAN-GP's and R1's gradients with respect to the critic's weights, against central finite differences of the
 * penalties themselves (computed from the input gradient of a plain backward pass), for dense and convolutional
 * critics with LeakyReLU and ReLU, in double precision.
 */
class GradientPenaltyTest {
    private static final double H = 1e-6;

    /** ‖∇ₓD(xᵢ)‖ per sample, from D's own backward pass. */
    private static double[] norms(Sequential d, INDArray x) {
        INDArray out = d.forward(x, true);
        INDArray g = d.backward(Nd4j.onesLike(out), false);
        long n = x.size(0);
        return g.reshape('c', n, g.length() / n).norm2(1).toDoubleVector();
    }

    private static double gp(Sequential d, INDArray x, double lambda) {
        double s = 0;
        for (double v : norms(d, x)) {
            s += (v - 1) * (v - 1);
        }
        return lambda * s / x.size(0);
    }

    private static double r1(Sequential d, INDArray x, double gamma) {
        double s = 0;
        for (double v : norms(d, x)) {
            s += v * v;
        }
        return gamma / 2 * s / x.size(0);
    }

    /** The analytic gradient (D's gradients zeroed first, so they hold the penalty's only) against finite differences. */
    private static void check(Sequential d, DoubleSupplier penalty, DoubleSupplier analytic) {
        d.gradients().assign(0);
        double value = analytic.getAsDouble();
        assertThat(value).isCloseTo(penalty.getAsDouble(), org.assertj.core.api.Assertions.within(1e-9));
        double[] grad = d.gradients().dup().toDoubleVector();
        INDArray p = d.params();
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < grad.length; i++) {
            double orig = p.getDouble(i);
            p.putScalar(i, orig + H);
            double plus = penalty.getAsDouble();
            p.putScalar(i, orig - H);
            double minus = penalty.getAsDouble();
            p.putScalar(i, orig);
            double fd = (plus - minus) / (2 * H);
            worst = Math.max(worst, Math.abs(fd - grad[i]));
            scale = Math.max(scale, Math.abs(fd));
        }
        assertThat(scale).as("the penalty moves with the weights").isGreaterThan(1e-3);
        assertThat(worst).as("max |finite difference - analytic|").isLessThan(1e-6 * Math.max(1, scale));
    }

    @Test
    void wganGpOnInterpolatesMatchesFiniteDifferencesForADenseCritic() {
        Sequential d = Sequential.builder(3).dataType(DataType.DOUBLE).dense(6).leakyRelu(0.2).dense(5).relu().dense(1)
                .build(3);
        INDArray real = Nd4j.rand(DataType.DOUBLE, 7, 3).subi(0.5).muli(4);
        INDArray fake = Nd4j.rand(DataType.DOUBLE, 7, 3).subi(0.5).muli(4);
        INDArray eps = Nd4j.rand(DataType.DOUBLE, 7);
        INDArray mixed = fake.add(real.sub(fake).muliColumnVector(eps.reshape(7, 1)));
        check(d, () -> gp(d, mixed, 10), () -> GradientPenalty.wgangp(d, real, fake, eps, 10));
    }

    @Test
    void wganGpMatchesFiniteDifferencesForAMaxoutCritic() {
        // PacGAN's 2-D critics: dense layers of units × pieces, the maximum over each unit's pieces
        Sequential d = Sequential.builder(2).dataType(DataType.DOUBLE).dense(12).maxout(3).dense(10).maxout(5).dense(1)
                .build(4);
        INDArray real = Nd4j.rand(DataType.DOUBLE, 6, 2).subi(0.5).muli(4);
        INDArray fake = Nd4j.rand(DataType.DOUBLE, 6, 2).subi(0.5).muli(4);
        INDArray eps = Nd4j.rand(DataType.DOUBLE, 6);
        INDArray mixed = fake.add(real.sub(fake).muliColumnVector(eps.reshape(6, 1)));
        check(d, () -> gp(d, mixed, 10), () -> GradientPenalty.wgangp(d, real, fake, eps, 10));
    }

    @Test
    void r1MatchesFiniteDifferencesForAConvolutionalCritic() {
        Sequential d = Sequential.builder(2, 6, 6).dataType(DataType.DOUBLE).conv(3, 3, 2, 1, true).leakyRelu(0.2)
                .conv(4, 3, 1, 1, true).leakyRelu(0.2).flatten().dense(1).build(5);
        INDArray real = Nd4j.rand(DataType.DOUBLE, 4, 2, 6, 6).subi(0.5).muli(2);
        check(d, () -> r1(d, real, 5), () -> GradientPenalty.r1(d, real, 5));
    }

    @Test
    void thePenaltyIsAddedToTheLossGradientsAndLeavesBiasesAlone() {
        Sequential d = Sequential.builder(3).dataType(DataType.DOUBLE).dense(4).leakyRelu(0.2).dense(1).build(2);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 3);
        d.gradients().assign(0);
        GradientPenalty.r1(d, x, 1);
        INDArray penaltyOnly = d.gradients().dup();
        // the last bias (the final parameter) cannot change an input gradient
        assertThat(penaltyOnly.getDouble(penaltyOnly.length() - 1)).isZero();
        d.gradients().assign(2);
        GradientPenalty.r1(d, x, 1);
        assertThat(d.gradients()).isEqualTo(penaltyOnly.add(2));
    }

    @Test
    void aCriticThatIsNotPiecewiseLinearIsRefusedAndLeftAsItWas() {
        Sequential d = Sequential.builder(3).dataType(DataType.DOUBLE).dense(4).batchNorm().leakyRelu(0.2).dense(1)
                .build(2);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 3);
        // training mode: batch statistics, so the penalty's own forward pass (which moves the running ones) cannot matter
        INDArray before = d.forward(x, true).dup();
        assertThatThrownBy(() -> GradientPenalty.r1(d, x, 1)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("layer 1: BatchNorm is not piecewise linear in its input");
        // the dense layer before it was switched back: its bias is added again
        assertThat(d.forward(x, true)).isEqualTo(before);
    }
}
