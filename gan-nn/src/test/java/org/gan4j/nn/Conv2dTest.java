package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Convolutions: PyTorch's semantics and layouts, output sizes, adjointness, and gradients. */
class Conv2dTest {


    /** Cross-correlation as PyTorch defines it: y[n,o,i,j] = b[o] + Σ w[o,c,u,v] · xpad[n,c,i·s+u,j·s+v]. */
    private static double[] naiveConv(INDArray x, INDArray w, INDArray b, int s, int p) {
        long n = x.size(0);
        long c = x.size(1);
        long h = x.size(2);
        long wd = x.size(3);
        long o = w.size(0);
        long k = w.size(2);
        long oh = (h + 2 * p - k) / s + 1;
        long ow = (wd + 2 * p - k) / s + 1;
        double[] y = new double[(int) (n * o * oh * ow)];
        int idx = 0;
        for (long a = 0; a < n; a++) {
            for (long q = 0; q < o; q++) {
                for (long i = 0; i < oh; i++) {
                    for (long j = 0; j < ow; j++) {
                        double v = b == null ? 0 : b.getDouble(q);
                        for (long cc = 0; cc < c; cc++) {
                            for (long u = 0; u < k; u++) {
                                for (long t = 0; t < k; t++) {
                                    long yy = i * s + u - p;
                                    long xx = j * s + t - p;
                                    if (yy >= 0 && yy < h && xx >= 0 && xx < wd) {
                                        v += w.getDouble(q, cc, u, t) * x.getDouble(a, cc, yy, xx);
                                    }
                                }
                            }
                        }
                        y[idx++] = v;
                    }
                }
            }
        }
        return y;
    }

    @Test
    void convolutionIsPytorchsCrossCorrelationWithItsWeightLayout() {
        Sequential net = Sequential.builder(3, 7, 6).dataType(DataType.DOUBLE).conv(4, 3, 2, 1, true).build(1);
        Conv2d conv = (Conv2d) net.layers().get(0);
        INDArray bias = net.params().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(4 * 3 * 9, 4 * 3 * 9 + 4));
        INDArray x = SequentialGradientTest.gaussian(2, 2, 3, 7, 6);
        INDArray y = net.forward(x, false);
        assertThat(y.shape()).containsExactly(2, 4, 4, 3);
        assertThat(org.gan4j.api.nn.HostData.doubles(y)).containsExactly(naiveConv(x, conv.weights(), bias.dup(), 2, 1), within(1e-9));
    }

    @Test
    void outputSizesMatchDcganAndPix2pixShapes() {
        // D: 64×64 → 32 with k4 s2 p1; G: 1×1 → 4×4 with k4 s1 p0, then 4 → 8 with k4 s2 p1
        assertThat(Conv2d.conv(8, 4, 2, 1, false).outputShape(new long[] {3, 64, 64})).containsExactly(8, 32, 32);
        assertThat(Conv2d.transposed(8, 4, 1, 0, false).outputShape(new long[] {100, 1, 1})).containsExactly(8, 4, 4);
        assertThat(Conv2d.transposed(8, 4, 2, 1, false).outputShape(new long[] {16, 4, 4})).containsExactly(8, 8, 8);
        assertThat(Conv2d.conv(1, 4, 1, 1, true).outputShape(new long[] {512, 31, 31})).containsExactly(1, 30, 30);
    }

    @Test
    void transposedConvolutionIsTheAdjointOfConvolutionWithTheSameWeights() {
        // Conv2d(in 3 → out 5) has weights [5, 3, k, k]; ConvTranspose2d(in 5 → out 3) has weights [5, 3, k, k]
        Sequential conv = Sequential.builder(3, 8, 8).dataType(DataType.DOUBLE).conv(5, 4, 2, 1, false).build(3);
        Sequential convT = Sequential.builder(5, 4, 4).dataType(DataType.DOUBLE).convTranspose(3, 4, 2, 1, false).build(4);
        convT.params().assign(conv.params());
        INDArray x = SequentialGradientTest.gaussian(5, 2, 3, 8, 8);
        INDArray y = SequentialGradientTest.gaussian(6, 2, 5, 4, 4);
        double lhs = conv.forward(x, false).mul(y).sumNumber().doubleValue();
        double rhs = x.mul(convT.forward(y, false)).sumNumber().doubleValue();
        assertThat(lhs).isCloseTo(rhs, within(1e-9 * Math.abs(lhs) + 1e-9));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        SequentialGradientTest.check(Sequential.builder(2, 6, 5).dataType(DataType.DOUBLE)
                .conv(3, 3, 2, 1, true).leakyRelu(0.2).convTranspose(2, 4, 2, 1, true).tanh().build(7), SequentialGradientTest.gaussian(8, 2, 2, 6, 5));
        SequentialGradientTest.check(Sequential.builder(2, 5, 5).dataType(DataType.DOUBLE)
                .conv(3, 3, 1, 0, false).convTranspose(2, 3, 1, 0, false).build(9), SequentialGradientTest.gaussian(10, 3, 2, 5, 5));
    }

    @Test
    void inputGradientOnlyLeavesParameterGradientsUntouched() {
        Sequential net = Sequential.builder(2, 6, 6).dataType(DataType.DOUBLE).conv(3, 3, 1, 1, true)
                .convTranspose(2, 4, 2, 1, false).build(11);
        INDArray x = SequentialGradientTest.gaussian(12, 2, 2, 6, 6);
        INDArray out = net.forward(x, true);
        net.backward(Nd4j.onesLike(out), true);
        INDArray before = net.gradients().dup();
        net.forward(x.mul(3), true);
        net.backward(Nd4j.onesLike(out).muli(2), false);
        assertThat(net.gradients()).isEqualTo(before);
    }

    @Test
    void theGemmPathForTinyOutputsMatchesTheConvolutionOpsAndFiniteDifferences() {
        // the path U-Net's inner levels take; forced here on layers of every kind, with and without output padding
        long[][] layers = {{0, 4, 2, 1, 0}, {0, 3, 1, 1, 0}, {1, 4, 2, 1, 0}, {1, 3, 2, 1, 1}, {1, 4, 1, 0, 0}};
        for (long[] l : layers) {
            boolean t = l[0] == 1;
            java.util.function.Supplier<Sequential> net = () -> Sequential.builder(3, 4, 4).dataType(DataType.DOUBLE)
                    .add(t ? Conv2d.transposed(2, (int) l[1], (int) l[2], (int) l[3], (int) l[4], true)
                            : Conv2d.conv(2, (int) l[1], (int) l[2], (int) l[3], true)).tanh().build(21);
            INDArray x = SequentialGradientTest.gaussian(22, 2, 3, 4, 4);
            try {
                Conv2d.forceGemm = false;
                Sequential ops = net.get();
                INDArray yOps = ops.forward(x, true).dup();
                INDArray dxOps = ops.backward(Nd4j.onesLike(yOps), true).dup();
                INDArray gOps = ops.gradients().dup();
                Conv2d.forceGemm = true;
                Sequential gemm = net.get();
                assertThat(gemm.forward(x, true)).as("forward %s", java.util.Arrays.toString(l)).isEqualTo(yOps);
                assertThat(gemm.backward(Nd4j.onesLike(yOps), true)).as("dx %s", java.util.Arrays.toString(l)).isEqualTo(dxOps);
                assertThat(gemm.gradients()).as("dparams %s", java.util.Arrays.toString(l)).isEqualTo(gOps);
                SequentialGradientTest.check(net.get(), x);
            } finally {
                Conv2d.forceGemm = null;
            }
        }
    }
}
