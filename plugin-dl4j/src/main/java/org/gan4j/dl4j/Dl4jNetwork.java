package org.gan4j.dl4j;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.gan4j.api.ConfigException;
import org.gan4j.api.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J {@link MultiLayerNetwork} behind gan4j's {@link Network} contract. gan4j's optimizers update DL4J's own flat
 * parameter view in place and read its flat gradient view, so DL4J's updater never runs; forward and backward are
 * DL4J's ({@code feedForward}, {@code backpropGradient}), with workspaces off so activations outlive the call.
 *
 * <p>The last layer must not be an output layer with a loss (gan4j's losses take the network's raw output): end a
 * discriminator with a {@code DenseLayer} of identity activation, a generator with its image activation (tanh).
 * Layers whose parameters include non-trainable state (BatchNormalization's running mean and variance are
 * parameters in DL4J) are refused, because gan4j's optimizers would train them.
 */
public final class Dl4jNetwork implements Network {
    private final MultiLayerNetwork net;
    private final long[] inputShape;
    private final long[] outputShape;

    private Dl4jNetwork(MultiLayerNetwork net, long[] inputShape, long[] outputShape) {
        this.net = net;
        this.inputShape = inputShape.clone();
        this.outputShape = outputShape.clone();
    }

    /**
     * A fresh network of a configuration, initialised by DL4J from {@code seed}; its output shape is found by a
     * forward pass of two zero samples.
     *
     * @param conf the configuration (copied; workspaces are switched off in the copy)
     * @param inputShape one input sample's shape, e.g. {@code [100]} or {@code [1, 28, 28]}
     * @param seed the initialisation seed
     * @return the network
     * @throws ConfigException when the configuration has a layer gan4j cannot train or does not take that input
     */
    public static Dl4jNetwork create(MultiLayerConfiguration conf, long[] inputShape, long seed) {
        MultiLayerConfiguration c = conf.clone();
        c.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        c.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        for (NeuralNetConfiguration layer : c.getConfs()) {
            layer.setSeed(seed);
            String type = layer.getLayer().getClass().getSimpleName();
            if (type.equals("BatchNormalization")) {
                throw new ConfigException("DL4J network: layer " + layer.getLayer().getLayerName() + " (BatchNormalization)"
                        + " keeps its running statistics among DL4J's parameters, which gan4j's optimizers would train;"
                        + " use gan4j's own networks for BatchNorm");
            }
            if (layer.getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer
                    || layer.getLayer() instanceof org.deeplearning4j.nn.conf.layers.LossLayer) {
                throw new ConfigException("DL4J network: layer " + layer.getLayer().getLayerName() + " (" + type
                        + ") has a loss of its own; end the network with a DenseLayer (identity activation for a "
                        + "discriminator's logit) — gan4j's loss takes the raw output");
            }
        }
        MultiLayerNetwork net = new MultiLayerNetwork(c);
        net.init();
        net.initGradientsView();
        INDArray probe = Nd4j.zeros(net.params().dataType(), withBatch(2, inputShape));
        long[] out;
        try {
            out = net.output(probe, false).shape();
        } catch (RuntimeException e) {
            throw new ConfigException("DL4J network: does not take input " + Arrays.toString(inputShape) + ": "
                    + e.getMessage(), e);
        }
        return new Dl4jNetwork(net, inputShape, Arrays.copyOfRange(out, 1, out.length));
    }

    /**
     * The DL4J network itself, e.g. to save it with DL4J's {@code ModelSerializer}.
     *
     * @return the live network
     */
    public MultiLayerNetwork dl4j() {
        return net;
    }

    @Override
    public long[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public long[] outputShape() {
        return outputShape.clone();
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        INDArray x = input.castTo(net.params().dataType());
        if (!training) {
            return net.output(x, false);
        }
        net.setInput(x);
        java.util.List<INDArray> acts = net.feedForward(true, false);
        return acts.get(acts.size() - 1);
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean parameterGradients) {
        INDArray grads = net.getGradientsViewArray();
        // DL4J always writes its parameter gradients; crossing D into G must leave them as they were
        INDArray saved = parameterGradients ? null : grads.dup();
        INDArray dx = net.backpropGradient(gradOutput.castTo(grads.dataType()), LayerWorkspaceMgr.noWorkspaces())
                .getSecond();
        if (saved != null) {
            grads.assign(saved);
        }
        return dx.reshape(withBatch(dx.size(0), inputShape));
    }

    @Override
    public INDArray params() {
        return net.params();
    }

    @Override
    public INDArray gradients() {
        return net.getGradientsViewArray();
    }

    @Override
    public long numParams() {
        return net.numParams();
    }

    /** A second DL4J network on the same parameter array (not a copy), with activations and gradients of its own. */
    @Override
    public Network replica() {
        MultiLayerNetwork twin = new MultiLayerNetwork(net.getLayerWiseConfigurations().clone());
        twin.init(net.params(), false);
        twin.initGradientsView();
        return new Dl4jNetwork(twin, inputShape, outputShape);
    }

    private static long[] withBatch(long n, long[] shape) {
        long[] s = new long[shape.length + 1];
        s[0] = n;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }
}
