package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.gan4j.api.ConfigException;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DL4J bridge against central finite differences in double precision: parameter and input gradients of
 * {@code L = Σ c ⊙ net(x)} for a dense and a convolutional critic and a branching graph; in-place parameter updates take effect; crossing
 * into G leaves the gradients alone; replicas share parameters; layers gan4j cannot train are refused.
 */
class Dl4jNetworkTest {
    static MultiLayerConfiguration dense() {
        return dense(DataType.DOUBLE);
    }

    static MultiLayerConfiguration dense(DataType type) {
        return new NeuralNetConfiguration.Builder().dataType(type).seed(1).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(6).nOut(1).activation(Activation.IDENTITY).build())
                .build();
    }

    static MultiLayerConfiguration conv() {
        return new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(3).activation(Activation.LEAKYRELU).build())
                .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(7, 7, 1)).build();
    }

    private static double loss(Network n, INDArray x, INDArray c) {
        return n.forward(x, true).mul(c).sumNumber().doubleValue();
    }

    private static void checkGradients(Network n, INDArray x) {
        INDArray out = n.forward(x, true).dup();
        INDArray c = Nd4j.randn(DataType.DOUBLE, out.shape());
        loss(n, x, c);
        INDArray dx = n.backward(c, true).dup();
        INDArray dp = n.gradients().dup();
        INDArray p = n.params();
        double h = 1e-6;
        double worst = 0;
        double scale = 0;
        for (long i = 0; i < p.length(); i++) {
            double v = p.getDouble(i);
            p.putScalar(i, v + h);
            double up = loss(n, x, c);
            p.putScalar(i, v - h);
            double down = loss(n, x, c);
            p.putScalar(i, v);
            double fd = (up - down) / (2 * h);
            worst = Math.max(worst, Math.abs(fd - dp.getDouble(i)));
            scale = Math.max(scale, Math.abs(fd));
        }
        INDArray flat = x.reshape(x.length());
        for (long i = 0; i < flat.length(); i++) {
            double v = flat.getDouble(i);
            flat.putScalar(i, v + h);
            double up = loss(n, x, c);
            flat.putScalar(i, v - h);
            double down = loss(n, x, c);
            flat.putScalar(i, v);
            double fd = (up - down) / (2 * h);
            worst = Math.max(worst, Math.abs(fd - dx.reshape(dx.length()).getDouble(i)));
        }
        assertThat(scale).isGreaterThan(1e-3);
        assertThat(worst).as("max |finite difference - backward|").isLessThan(1e-6 * Math.max(1, scale));
    }

    @Test
    void denseAndConvolutionalGradientsMatchFiniteDifferences() {
        checkGradients(Dl4jNetwork.create(dense(), new long[] {4}, 3), Nd4j.randn(DataType.DOUBLE, 5, 4));
        Dl4jNetwork c = Dl4jNetwork.create(conv(), new long[] {1, 7, 7}, 3);
        assertThat(c.outputShape()).containsExactly(1);
        checkGradients(c, Nd4j.randn(DataType.DOUBLE, 3, 1, 7, 7));
    }

    /** Two branches of the input (tanh and sigmoid) merged, then one logit: a graph no layer stack can express. */
    static ComputationGraphConfiguration graph() {
        return graph(DataType.DOUBLE);
    }

    static ComputationGraphConfiguration graph(DataType type) {
        return new NeuralNetConfiguration.Builder().dataType(type).seed(1).graphBuilder()
                .addInputs("in")
                .addLayer("a", new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH).build(), "in")
                .addLayer("b", new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.SIGMOID).build(), "in")
                .addVertex("ab", new MergeVertex(), "a", "b")
                .addLayer("logit", new DenseLayer.Builder().nIn(8).nOut(1).activation(Activation.IDENTITY).build(), "ab")
                .setOutputs("logit").build();
    }

    @Test
    void aComputationGraphsGradientsMatchFiniteDifferencesAndItsReplicaShares() {
        Dl4jNetwork g = Dl4jNetwork.create(graph(), new long[] {4}, 3);
        assertThat(g.dl4j()).isInstanceOf(org.deeplearning4j.nn.graph.ComputationGraph.class);
        assertThat(g.numParams()).isEqualTo(4 * 5 + 5 + 4 * 3 + 3 + 8 + 1);
        checkGradients(g, Nd4j.randn(DataType.DOUBLE, 5, 4));
        INDArray x = Nd4j.randn(DataType.DOUBLE, 5, 4);
        Network r = g.replica();
        g.params().muli(1.5);
        assertThat(r.forward(x, false)).as("the replica reads the same parameters").isEqualTo(g.forward(x, false));
        Dl4jNetworks.register("graph-critic", graph(DataType.FLOAT));
        assertThat(new Dl4jDiscriminator().build(new Dl4jNetworks.Config("", "graph-critic", java.util.List.of()),
                new NetworkContext("discriminator", new long[] {4}, 0, 1)).numParams()).isEqualTo(g.numParams());
    }

    @Test
    void parametersAreLiveGradientsStayWhenCrossingAndReplicasShare() {
        Dl4jNetwork n = Dl4jNetwork.create(dense(), new long[] {4}, 3);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 5, 4);
        INDArray before = n.forward(x, false).dup();
        n.params().muli(2);
        assertThat(n.forward(x, false).sub(before).amaxNumber().doubleValue()).as("in-place changes take effect").isGreaterThan(1e-3);
        n.forward(x, true);
        n.backward(Nd4j.ones(DataType.DOUBLE, 5, 1), true);
        INDArray grads = n.gradients().dup();
        n.forward(x.mul(3), true);
        INDArray dx = n.backward(Nd4j.ones(DataType.DOUBLE, 5, 1), false);
        assertThat(dx.shape()).containsExactly(5, 4);
        assertThat(n.gradients()).as("only the input gradient").isEqualTo(grads);
        Network r = n.replica();
        assertThat(r.forward(x, false)).isEqualTo(n.forward(x, false));
        n.params().addi(0.5);
        assertThat(r.forward(x, false)).as("the replica reads the same parameters").isEqualTo(n.forward(x, false));
    }

    @Test
    void layersGan4jCannotTrainAndWrongShapesAreRefused() {
        MultiLayerConfiguration bn = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).build()).layer(new BatchNormalization.Builder().build())
                .layer(new DenseLayer.Builder().nIn(6).nOut(1).build()).build();
        assertThatThrownBy(() -> Dl4jNetwork.create(bn, new long[] {4}, 1)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("BatchNormalization");
        MultiLayerConfiguration out = new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder().nIn(4).nOut(2).build()).build();
        assertThatThrownBy(() -> Dl4jNetwork.create(out, new long[] {4}, 1)).hasMessageContaining("has a loss of its own");
        Dl4jNetworks.register("critic", dense(DataType.FLOAT));
        Dl4jNetworks.register("double-critic", dense());
        NetworkContext images = new NetworkContext("discriminator", new long[] {1, 7, 7}, 0, 1);
        assertThatThrownBy(() -> new Dl4jDiscriminator().build(new Dl4jNetworks.Config("", "critic", java.util.List.of()), images))
                .hasMessageContaining("does not take input [1, 7, 7]");
        NetworkContext flat = new NetworkContext("discriminator", new long[] {4}, 0, 1);
        assertThat(new Dl4jDiscriminator().build(new Dl4jNetworks.Config("", "critic", java.util.List.of()), flat).numParams())
                .isEqualTo(4 * 6 + 6 + 6 + 1);
        assertThatThrownBy(() -> new Dl4jGenerator().build(new Dl4jNetworks.Config("", "critic", java.util.List.of(4)), flat))
                .hasMessageContaining("a generator must produce the data's sample shape [4]");
        assertThatThrownBy(() -> new Dl4jNetworks.Config("", "", java.util.List.of())).hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> new Dl4jDiscriminator().build(new Dl4jNetworks.Config("", "double-critic", java.util.List.of()), flat))
                .hasMessageContaining("computes in DOUBLE");
        assertThatThrownBy(() -> new Dl4jDiscriminator().build(new Dl4jNetworks.Config("", "nope", java.util.List.of()), flat))
                .hasMessageContaining("no DL4J configuration registered as 'nope'; registered: ").hasMessageContaining("double-critic");
    }
}
