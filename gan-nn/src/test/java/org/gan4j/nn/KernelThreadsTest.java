package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.gan4j.api.nn.HostData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The Java passes split across threads give the one-thread result, bit for bit, and every element is written. */
class KernelThreadsTest {
    @AfterEach
    void oneThreadAgain() {
        KernelThreads.setForCurrentThread(1);
    }

    /** Each run gets a network of its own, so an element a split forgot would keep the buffer's fresh garbage. */
    private static INDArray[] run(java.util.function.Supplier<Sequential> net, INDArray x, INDArray g, int threads) {
        KernelThreads.setForCurrentThread(threads);
        Layer layer = net.get().layers().get(0);
        INDArray y = layer.forward(x, true).dup();
        INDArray dx = layer.backward(g, true).dup();
        return new INDArray[] {y, dx};
    }

    @Test
    void normalisationAndActivationsAreTheSameOnTwoThreads() {
        // the threads are the host kernels' (native ops take libnd4j's own)
        Compute.Mode before = Compute.mode();
        Compute.use(Compute.Mode.HOST);
        try {
            sameOnTwoThreads();
        } finally {
            Compute.use(before);
        }
    }

    private void sameOnTwoThreads() {
        Nd4j.getRandom().setSeed(3);
        // large enough to be split; batch 1 makes batch norm's channels independent planes, batch 3 does not
        for (long n : new long[] {1, 3}) {
            INDArray x = Nd4j.rand(DataType.FLOAT, n, 16, 96, 96).subi(0.5);
            INDArray g = Nd4j.rand(DataType.FLOAT, n, 16, 96, 96).subi(0.5);
            java.util.Map<String, java.util.function.Supplier<Sequential>> nets = java.util.Map.of(
                    "batch norm", () -> Sequential.builder(16, 96, 96).batchNorm().build(1),
                    "instance norm", () -> Sequential.builder(16, 96, 96).instanceNorm().build(1),
                    "leaky relu", () -> Sequential.builder(16, 96, 96).leakyRelu(0.2).build(1));
            for (var e : nets.entrySet()) {
                INDArray[] one = run(e.getValue(), x, g, 1);
                INDArray[] two = run(e.getValue(), x, g, 2);
                assertThat(java.util.Arrays.equals(HostData.floats(two[0]), HostData.floats(one[0])))
                        .as(e.getKey() + " forward, batch " + n + ", bit for bit").isTrue();
                assertThat(java.util.Arrays.equals(HostData.floats(two[1]), HostData.floats(one[1])))
                        .as(e.getKey() + " backward, batch " + n + ", bit for bit").isTrue();
                assertThat(one[0].sumNumber().doubleValue()).as("not trivially zero").isNotZero();
            }
        }
    }
}
