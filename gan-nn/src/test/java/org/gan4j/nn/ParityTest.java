package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.gan4j.api.nn.HostData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Host and native kernels agree: every layer's forward (training and evaluation) and backward (input and parameter
 * gradients), two iterations deep so BatchNorm's running statistics and dropout's counter move, in FLOAT as networks
 * train. The tolerance is relative to the largest value compared: ~1e-5 (both compute in their own precision and
 * order of summation).
 */
class ParityTest {
    static final double TOLERANCE = 1e-5;
    private final Compute.Mode before = Compute.mode();

    @AfterEach
    void restore() {
        Compute.use(before);
    }

    static Map<String, Object[]> cases() {
        Map<String, Object[]> c = new LinkedHashMap<>();
        c.put("leaky-relu", new Object[] {(Supplier<Sequential>) () -> Sequential.builder(8, 6, 6).leakyRelu(0.2).build(1), new long[] {3, 8, 6, 6}});
        c.put("relu", new Object[] {(Supplier<Sequential>) () -> Sequential.builder(40).relu().build(1), new long[] {5, 40}});
        c.put("batch-norm-2d", new Object[] {(Supplier<Sequential>) () -> Sequential.builder(8, 6, 6).batchNorm().build(2), new long[] {4, 8, 6, 6}});
        c.put("batch-norm-1d", new Object[] {(Supplier<Sequential>) () -> Sequential.builder(16).batchNorm().build(2), new long[] {9, 16}});
        c.put("batch-norm-batch-of-one", new Object[] {(Supplier<Sequential>) () -> Sequential.builder(8, 6, 6).batchNorm().build(2), new long[] {1, 8, 6, 6}});
        c.put("instance-norm", new Object[] {(Supplier<Sequential>) () -> Sequential.builder(8, 6, 6).instanceNorm().build(3), new long[] {3, 8, 6, 6}});
        c.put("dropout", new Object[] {(Supplier<Sequential>) () -> Sequential.builder(8, 6, 6).dropout(0.5).build(4), new long[] {3, 8, 6, 6}});
        c.put("dense-leaky-relu-dense", new Object[] {(Supplier<Sequential>) () -> Sequential.builder(10).dense(12).leakyRelu(0.2).dense(3).build(5), new long[] {6, 10}});
        c.put("conv-batch-norm-leaky-relu", new Object[] {(Supplier<Sequential>) () -> Sequential.builder(3, 8, 8).conv(8, 4, 2, 1, false).batchNorm().leakyRelu(0.2).build(6), new long[] {4, 3, 8, 8}});
        c.put("conv-transpose-batch-norm-relu-tanh", new Object[] {(Supplier<Sequential>) () -> Sequential.builder(8, 4, 4).convTranspose(4, 4, 2, 1, false).batchNorm().relu().tanh().build(7), new long[] {2, 8, 4, 4}});
        c.put("reflection-pad-conv-instance-norm-relu", new Object[] {(Supplier<Sequential>) () -> Sequential.builder(3, 8, 8).reflectionPad(1).conv(4, 3, 1, 0, true).instanceNorm().relu().build(8), new long[] {2, 3, 8, 8}});
        c.put("spectral-norm-conv", new Object[] {(Supplier<Sequential>) () -> Sequential.builder(3, 8, 8).conv(4, 4, 2, 1, true).spectralNorm().leakyRelu(0.2).flatten().dense(1).build(9), new long[] {2, 3, 8, 8}});
        return c;
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> args() {
        return cases().entrySet().stream().map(e -> org.junit.jupiter.params.provider.Arguments.of(e.getKey(), e.getValue()[0], e.getValue()[1]));
    }

    /** Two training iterations (forward, backward) and an evaluation forward; every array they produce. */
    private static Map<String, INDArray> run(Compute.Mode mode, Supplier<Sequential> make, long[] shape) {
        Compute.use(mode);
        Sequential net = make.get();
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (int it = 0; it < 2; it++) {
            Nd4j.getRandom().setSeed(100 + it);
            INDArray x = Nd4j.randn(DataType.FLOAT, shape);
            INDArray y = net.forward(x, true);
            out.put("forward " + it, y.dup());
            Nd4j.getRandom().setSeed(200 + it);
            INDArray g = Nd4j.randn(DataType.FLOAT, y.shape());
            out.put("input gradient " + it, net.backward(g, true).dup());
            out.put("parameter gradient " + it, net.gradients().dup());
            // a small step, so the second iteration sees other parameters
            net.params().subi(net.gradients().mul(0.01));
        }
        Nd4j.getRandom().setSeed(300);
        out.put("evaluation forward", net.forward(Nd4j.randn(DataType.FLOAT, shape), false).dup());
        net.buffers().forEach((k, v) -> out.put("buffer " + k, v.dup()));
        return out;
    }

    /** The largest difference relative to the largest magnitude of the reference. */
    static double relativeDifference(INDArray reference, INDArray other) {
        double[] a = HostData.doubles(reference);
        double[] b = HostData.doubles(other);
        double scale = 1e-30;
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(a[i]));
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst / Math.max(scale, 1e-6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("args")
    void hostAndNativeAgree(String name, Supplier<Sequential> make, long[] shape) {
        Map<String, INDArray> host = run(Compute.Mode.HOST, make, shape);
        Map<String, INDArray> nat = run(Compute.Mode.NATIVE, make, shape);
        assertThat(nat.keySet()).isEqualTo(host.keySet());
        for (String k : host.keySet()) {
            double d = relativeDifference(host.get(k), nat.get(k));
            System.out.printf("parity %-40s %-24s %.2e%n", name, k, d);
            assertThat(d).as(name + " " + k).isLessThan(TOLERANCE);
        }
        assertThat(host.get("forward 0").sumNumber().doubleValue()).as("not trivially zero").isNotZero();
    }
}
