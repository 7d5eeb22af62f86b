package org.gan4j.dcgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gan4j.api.ConfigException;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** DCGAN networks at 28, 32 and 64 px: shapes, the reference parameter counts, initialisation, bad sizes. */
class DcganNetworksTest {
    private static NetworkContext images(String role, long c, long size) {
        return new NetworkContext(role, new long[] {c, size, size}, 0, 3);
    }

    @Test
    void generatorAndDiscriminatorFitEachSupportedSize() {
        for (long[] cs : new long[][] {{1, 28}, {3, 32}, {3, 64}}) {
            Network g = new DcganGenerator().build(new DcganGenerator.Config(100, 16), images("G", cs[0], cs[1]));
            Network d = new DcganDiscriminator().build(new DcganDiscriminator.Config(16), images("D", cs[0], cs[1]));
            assertThat(g.inputShape()).containsExactly(100, 1, 1);
            assertThat(g.outputShape()).as("G at %d px", cs[1]).containsExactly(cs[0], cs[1], cs[1]);
            assertThat(d.outputShape()).as("D at %d px", cs[1]).containsExactly(1);
            INDArray x = g.forward(Nd4j.randn(DataType.FLOAT, 3, 100, 1, 1), true);
            assertThat(x.amaxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
            assertThat(d.forward(x, true).shape()).containsExactly(3, 1);
        }
    }

    @Test
    void underAConditionalScheduleGTakesLabelsAfterZAndDTakesLabelPlanesAtEachSize() {
        for (long[] cs : new long[][] {{1, 28}, {3, 32}, {3, 64}}) {
            NetworkContext gc = new NetworkContext("G", new long[] {cs[0], cs[1], cs[1]}, 10, 3, true);
            NetworkContext dc = new NetworkContext("D", new long[] {cs[0], cs[1], cs[1]}, 10, 3, true);
            Network g = new DcganGenerator().build(new DcganGenerator.Config(100, 8), gc);
            Network d = new DcganDiscriminator().build(new DcganDiscriminator.Config(8), dc);
            assertThat(g.inputShape()).containsExactly(110, 1, 1);
            assertThat(g.outputShape()).containsExactly(cs[0], cs[1], cs[1]);
            assertThat(d.inputShape()).as("D at %d px", cs[1]).containsExactly(cs[0] + 10, cs[1], cs[1]);
            INDArray x = g.forward(Nd4j.randn(DataType.FLOAT, 2, 110, 1, 1), true);
            INDArray in = org.gan4j.api.train.Labels.discriminatorInput(x,
                    org.gan4j.api.train.Labels.oneHot(org.gan4j.api.train.Labels.of(3, 9), 10), d.inputShape());
            assertThat(d.forward(in, true).shape()).containsExactly(2, 1);
        }
    }

    @Test
    void aReplicaOfDComputesWhatDComputesAtEachSize() {
        for (long[] cs : new long[][] {{1, 28}, {3, 32}, {3, 64}}) {
            Network d = new DcganDiscriminator().build(new DcganDiscriminator.Config(16), images("D", cs[0], cs[1]));
            Network replica = d.replica();
            INDArray x = Nd4j.randn(DataType.FLOAT, 8, cs[0], cs[1], cs[1]);
            INDArray out = d.forward(x, true).dup();
            assertThat(replica.forward(x, true).sub(out).amaxNumber().doubleValue()).as("%d px", cs[1]).isLessThan(1e-4);
            INDArray g = Nd4j.randn(DataType.FLOAT, 8, 1);
            INDArray gd = d.backward(g, true).dup();
            INDArray pd = d.gradients().dup();
            assertThat(replica.backward(g, true).sub(gd).amaxNumber().doubleValue()).isLessThan(1e-4);
            assertThat(replica.gradients().sub(pd).amaxNumber().doubleValue()).isLessThan(1e-4);
        }
    }

    @Test
    void interleavedPassesOfDAndItsReplicaGiveEachItsOwnGradients() {
        for (long[] cs : new long[][] {{1, 28}, {3, 64}}) {
            Network d = new DcganDiscriminator().build(new DcganDiscriminator.Config(16), images("D", cs[0], cs[1]));
            INDArray x1 = Nd4j.randn(DataType.FLOAT, 8, cs[0], cs[1], cs[1]);
            INDArray x2 = Nd4j.randn(DataType.FLOAT, 8, cs[0], cs[1], cs[1]).muli(0.5).addi(0.3);
            INDArray g1 = Nd4j.randn(DataType.FLOAT, 8, 1);
            INDArray g2 = Nd4j.randn(DataType.FLOAT, 8, 1);
            d.forward(x1, true);
            INDArray ref1 = d.backward(g1, true).dup();
            INDArray refP1 = d.gradients().dup();
            d.forward(x2, true);
            INDArray ref2 = d.backward(g2, true).dup();
            INDArray refP2 = d.gradients().dup();
            Network r = d.replica();
            d.forward(x1, true);
            r.forward(x2, true);
            INDArray got1 = d.backward(g1, true).dup();
            INDArray got2 = r.backward(g2, true).dup();
            assertThat(got1.sub(ref1).amaxNumber().doubleValue()).as("%d px, D", cs[1]).isLessThan(1e-4);
            assertThat(d.gradients().sub(refP1).amaxNumber().doubleValue()).as("%d px, D params", cs[1]).isLessThan(1e-3);
            assertThat(got2.sub(ref2).amaxNumber().doubleValue()).as("%d px, replica", cs[1]).isLessThan(1e-4);
            assertThat(r.gradients().sub(refP2).amaxNumber().doubleValue()).as("%d px, replica params", cs[1]).isLessThan(1e-3);
        }
    }

    @Test
    void at64PixelsTheNetworksAreThePapersWithThePeersParameterCounts() {
        // ../shared/bench/torch_gan_bench.py's dcgan64 (PyTorch's DCGAN example): G 3,576,704, D 2,765,568
        assertThat(new DcganGenerator().build(new DcganGenerator.Config(100, 64), images("G", 3, 64)).numParams())
                .isEqualTo(3_576_704);
        assertThat(new DcganDiscriminator().build(new DcganDiscriminator.Config(64), images("D", 3, 64)).numParams())
                .isEqualTo(2_765_568);
    }

    @Test
    void convolutionWeightsAreNormal002AndBatchNormScalesNormalAroundOne() {
        org.gan4j.nn.Sequential d = DcganNetworks.discriminator(64, 3, 64, 5);
        INDArray w = ((org.gan4j.nn.Conv2d) d.layers().get(2)).weights();
        assertThat(w.stdNumber().doubleValue()).isBetween(0.019, 0.021);
        INDArray gamma = ((org.gan4j.nn.BatchNorm) d.layers().get(3)).gamma();
        assertThat(gamma.meanNumber().doubleValue()).isBetween(0.99, 1.01);
        assertThat(gamma.stdNumber().doubleValue()).isBetween(0.015, 0.025);
    }

    @Test
    void otherImageSizesAreRejectedWithTheSupportedOnes() {
        assertThatThrownBy(() -> new DcganGenerator().build(new DcganGenerator.Config(100, 64), images("G", 3, 48)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("networks.G").hasMessageContaining("28, 32 and 64")
                .hasMessageContaining("48");
        assertThatThrownBy(() -> new DcganDiscriminator().build(new DcganDiscriminator.Config(64),
                new NetworkContext("D", new long[] {784}, 0, 1))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("square images");
    }
}
