package org.gan4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;
import org.gan4j.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * U-Net, PatchGAN and ResNet generator: the shapes and parameter counts of junyanz/pytorch-CycleGAN-and-pix2pix
 * (the counts are what PyTorch reports for the peer benchmark's networks).
 */
class ImageToImageNetworksTest {
    private static NetworkContext images(String role, long channels, long size) {
        return new NetworkContext(role, new long[] {channels, size, size}, 0, 7);
    }

    @Test
    void pix2pixNetworksAt128PixelsHaveThePeersParameterCountsAndPatchMap() {
        Network g = new UnetGenerator().build(new UnetGenerator.Config(3, 3, 64, 0, 0.5, "batch"), images("G", 6, 128));
        assertThat(g.numParams()).isEqualTo(41_828_995);
        assertThat(g.inputShape()).containsExactly(3, 128, 128);
        assertThat(g.outputShape()).containsExactly(3, 128, 128);
        Network d = new PatchGanDiscriminator().build(new PatchGanDiscriminator.Config(0, 64, 3, "batch"), images("D", 6, 128));
        assertThat(d.numParams()).isEqualTo(2_768_705);
        assertThat(d.outputShape()).containsExactly(1, 14, 14);
        assertThat(new PatchGanDiscriminator().build(new PatchGanDiscriminator.Config(0, 64, 3, "batch"), images("D", 6, 256))
                .outputShape()).as("pix2pix's 30×30 map at 256 px").containsExactly(1, 30, 30);
    }

    @Test
    void cycleganNetworksAt128PixelsHaveThePeersParameterCounts() {
        Network g = new ResnetGenerator().build(new ResnetGenerator.Config(3, 3, 64, 0, "instance"), images("G", 6, 128));
        assertThat(g.numParams()).as("one ResNet-6 generator, half the peer's pair").isEqualTo(15_675_398 / 2);
        assertThat(g.outputShape()).containsExactly(3, 128, 128);
        Network d = new PatchGanDiscriminator().build(new PatchGanDiscriminator.Config(3, 64, 3, "instance"), images("D", 6, 128));
        assertThat(d.numParams()).isEqualTo(5_529_474 / 2);
    }

    @Test
    void smallUnetRunsForwardAndBackwardWithSkipShapesAtEveryLevel() {
        Sequential g = Architectures.unet(1, 2, 32, 5, 4, 0.5, Architectures.Norm.BATCH, 3);
        // outermost conv, then one skip block whose output stacks the level's input (4) and its decoder output (4)
        assertThat(g.layers().get(1).outputShape(new long[] {4, 16, 16})).containsExactly(8, 16, 16);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 32, 32).muli(2).subi(1);
        INDArray y = g.forward(x, true);
        assertThat(y.shape()).containsExactly(2, 2, 32, 32);
        assertThat(y.amaxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
        INDArray dx = g.backward(Nd4j.onesLike(y), true);
        assertThat(dx.shape()).containsExactly(2, 1, 32, 32);
        assertThat(g.gradients().norm2Number().doubleValue()).isPositive();
        assertThatThrownBy(() -> new UnetGenerator().build(new UnetGenerator.Config(3, 3, 64, 8, 0.5, "batch"), images("G", 6, 128)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("networks.G").hasMessageContaining("divisible by 2^levels");
    }

    @Test
    void pix2pixInitialisationZeroesBiasesAndDrawsWeightsFromNormal002() {
        Sequential d = Architectures.patchGan(6, 64, 64, 3, Architectures.Norm.BATCH, 9);
        org.gan4j.nn.Conv2d first = (org.gan4j.nn.Conv2d) d.layers().get(0);
        assertThat(first.bias().sumNumber().doubleValue()).isZero();
        assertThat(first.weights().stdNumber().doubleValue()).isBetween(0.018, 0.022);
    }

    @Test
    void yamlLayerListsHaveSkipDropoutReflectionPadAndOutputPadding() {
        SequentialConfig c = new SequentialConfig(List.of(), List.of(Map.of("reflection_pad", 1),
                Map.of("conv", 4, "kernel", 3, "stride", 2, "padding", 0),
                Map.of("skip", List.of(Map.of("conv", 4, "kernel", 3, "padding", 1), Map.of("dropout", 0.5))),
                Map.of("conv_transpose", 2, "kernel", 3, "stride", 2, "padding", 1, "output_padding", 1), "tanh"), "pytorch");
        Network g = new SequentialGenerator().build(c, images("G", 2, 8));
        assertThat(g.outputShape()).containsExactly(2, 8, 8);
        assertThatThrownBy(() -> new SequentialGenerator().build(new SequentialConfig(List.of(),
                List.of(Map.of("conv", 2, "kernel", 3, "padding", 1, "output_padding", 1)), "pytorch"), images("G", 2, 8)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("networks.G.layers[0].output_padding");
        assertThatThrownBy(() -> new SequentialGenerator().build(new SequentialConfig(List.of(),
                List.of(Map.of("dropout", 1.5)), "pytorch"), images("G", 2, 8)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("layers[0].dropout");
    }
}
