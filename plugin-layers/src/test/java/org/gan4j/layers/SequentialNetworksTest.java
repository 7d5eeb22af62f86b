package org.gan4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Layer lists become networks with the right shapes, parameter counts, buffers and initialisation. */
class SequentialNetworksTest {
    private static final NetworkContext MNIST = new NetworkContext("G", new long[] {1, 28, 28}, 10, 3);

    private static SequentialConfig config(List<Long> input, String init, Object... layers) {
        return new SequentialConfig(input, List.of(layers), init);
    }

    /** The peer benchmark's dcgan28 generator; PyTorch counts 771,968 parameters. */
    static SequentialConfig dcgan28Generator() {
        return config(List.of(100L), "dcgan", Map.of("dense", 6272, "bias", false), "batch_norm", "relu",
                Map.of("reshape", List.of(128, 7, 7)),
                Map.of("conv_transpose", 64, "kernel", 4, "stride", 2, "padding", 1, "bias", false), "batch_norm", "relu",
                Map.of("conv_transpose", 1, "kernel", 4, "stride", 2, "padding", 1, "bias", false), "tanh");
    }

    @Test
    void dcgan28NetworksHaveThePeersShapesAndParameterCounts() {
        Network g = new SequentialGenerator().build(dcgan28Generator(), MNIST);
        assertThat(g.numParams()).isEqualTo(771_968);
        assertThat(g.inputShape()).containsExactly(100);
        assertThat(g.outputShape()).containsExactly(1, 28, 28);
        assertThat(g.buffers()).containsKeys("1.running_mean", "1.running_var", "5.running_mean", "5.running_var");
        INDArray out = g.forward(Nd4j.randn(DataType.FLOAT, 5, 100), true);
        assertThat(out.shape()).containsExactly(5, 1, 28, 28);
        assertThat(out.amaxNumber().doubleValue()).isLessThanOrEqualTo(1.0);

        SequentialConfig d = config(List.of(), "dcgan", Map.of("conv", 64, "kernel", 4, "stride", 2, "padding", 1),
                "leaky_relu", Map.of("conv", 128, "kernel", 4, "stride", 2, "padding", 1, "bias", false), "batch_norm",
                "leaky_relu", "flatten", Map.of("dense", 1));
        Network dn = new SequentialDiscriminator().build(d, new NetworkContext("D", new long[] {1, 28, 28}, 10, 4));
        assertThat(dn.numParams()).isEqualTo(138_689);
        assertThat(dn.forward(out, true).shape()).containsExactly(5, 1);
    }

    @Test
    void dcganInitialisationDrawsConvolutionsFromNormal002() {
        SequentialConfig c = config(List.of(), "dcgan", Map.of("conv", 64, "kernel", 4, "stride", 2, "padding", 1,
                "bias", false), "flatten", Map.of("dense", 1));
        Network n = new SequentialDiscriminator().build(c, new NetworkContext("D", new long[] {3, 32, 32}, 0, 5));
        INDArray w = n.params().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 64 * 3 * 16));
        double std = w.stdNumber().doubleValue();
        assertThat(std).isBetween(0.018, 0.022);
        assertThat(w.meanNumber().doubleValue()).isBetween(-0.002, 0.002);
    }

    @Test
    void residualBlocksWithInstanceNormNestInYaml() {
        Map<String, Object> conv = Map.of("conv", 8, "kernel", 3, "stride", 1, "padding", 1);
        SequentialConfig c = config(List.of(), "dcgan", Map.of("conv", 8, "kernel", 3, "padding", 1), "instance_norm",
                "relu", Map.of("residual", List.of(conv, "instance_norm", "relu", conv, "instance_norm")), "flatten",
                Map.of("dense", 1));
        Network d = new SequentialDiscriminator().build(c, new NetworkContext("D", new long[] {3, 8, 8}, 0, 7));
        assertThat(d.numParams()).isEqualTo((8 * 3 * 9 + 8) + 2 * (8 * 8 * 9 + 8) + (8 * 64 + 1));
        assertThat(d.forward(Nd4j.randn(DataType.FLOAT, 2, 3, 8, 8), true).shape()).containsExactly(2, 1);
        assertThatThrownBy(() -> new SequentialDiscriminator().build(config(List.of(), "pytorch",
                Map.of("residual", List.of(Map.of("conv", 4, "kernel", 3, "padding", 1))), "flatten", Map.of("dense", 1)),
                new NetworkContext("D", new long[] {3, 8, 8}, 0, 7)))
                .hasMessageContaining("networks.D.layers: a residual branch must keep the shape [3, 8, 8]");
    }

    @Test
    void mistakesAreReportedWithTheirPath() {
        assertThatThrownBy(() -> new SequentialGenerator().build(config(List.of(100L), "pytorch",
                Map.of("dense", 10)), MNIST))
                .isInstanceOf(ConfigException.class)
                .hasMessage("networks.G.layers: the network produces [10] per sample but must produce [1, 28, 28]");
        assertThatThrownBy(() -> new SequentialGenerator().build(config(List.of(100L), "pytorch", "gelu"), MNIST))
                .hasMessageStartingWith("networks.G.layers[0]: unknown layer 'gelu'; known: batch_norm, conv, ");
        assertThatThrownBy(() -> new SequentialGenerator().build(config(List.of(100L), "pytorch",
                Map.of("dense", 784), Map.of("conv", 8, "kernal", 3)), MNIST))
                .hasMessage("networks.G.layers[1].kernal: unknown key for conv");
        assertThatThrownBy(() -> new SequentialGenerator().build(config(List.of(100L), "pytorch",
                Map.of("conv", 8)), MNIST))
                .hasMessageStartingWith("networks.G.layers: Conv2d needs [C, H, W] input");
        assertThatThrownBy(() -> config(List.of(), "xavier", "relu")).hasMessage("init: expected pytorch or dcgan, got 'xavier'");
    }
}
