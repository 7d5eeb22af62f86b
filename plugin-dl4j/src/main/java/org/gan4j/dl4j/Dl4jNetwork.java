package org.gan4j.dl4j;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.gan4j.api.ConfigException;
import org.gan4j.api.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J {@link MultiLayerNetwork} or single-input, single-output {@link ComputationGraph} behind gan4j's
 * {@link Network} contract. gan4j's optimizers update DL4J's own flat parameter view in place and read its flat
 * gradient view, so DL4J's updater never runs; forward and backward are DL4J's, with workspaces off so activations
 * outlive the call.
 *
 * <p>The network must end in its raw output (gan4j's losses apply their own link): a discriminator in a
 * {@code DenseLayer} with identity activation, a generator in its image activation (tanh). Output and loss layers,
 * and BatchNormalization (DL4J keeps its running mean and variance among the parameters, which gan4j's optimizers
 * would train), are refused. Because DL4J's updater never runs, what it would apply — the configuration's updater,
 * l1/l2 and weight decay, gradient normalisation — is not used: the run's {@code optimizers} block decides.
 * An inference forward clears DL4J's stored layer inputs, so it must not come between a training forward and its
 * backward (gan4j's schedules never do that).
 */
public final class Dl4jNetwork implements Network {
    private final Engine engine;
    private final long[] inputShape;
    private final long[] outputShape;

    private Dl4jNetwork(Engine engine, long[] inputShape, long[] outputShape) {
        this.engine = engine;
        this.inputShape = inputShape.clone();
        this.outputShape = outputShape.clone();
    }

    /**
     * A fresh network of a layer-stack configuration, initialised by DL4J from {@code seed}; its output shape is found
     * by a forward pass of two zero samples.
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
        c.getConfs().forEach(l -> check(l, seed));
        MultiLayerNetwork net = new MultiLayerNetwork(c);
        net.init();
        net.initGradientsView();
        return probed(new Stack(net), inputShape);
    }

    /**
     * A fresh network of a graph configuration with one input and one output.
     *
     * @param conf the configuration (copied; workspaces are switched off in the copy)
     * @param inputShape one input sample's shape
     * @param seed the initialisation seed
     * @return the network
     * @throws ConfigException for more inputs or outputs, a layer gan4j cannot train, or an input it does not take
     */
    public static Dl4jNetwork create(ComputationGraphConfiguration conf, long[] inputShape, long seed) {
        ComputationGraphConfiguration c = conf.clone();
        if (c.getNetworkInputs().size() != 1 || c.getNetworkOutputs().size() != 1) {
            throw new ConfigException("DL4J network: a graph needs one input and one output, this one has inputs "
                    + c.getNetworkInputs() + " and outputs " + c.getNetworkOutputs());
        }
        c.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        c.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        c.getVertices().values().forEach(v -> {
            if (v instanceof LayerVertex lv) {
                check(lv.getLayerConf(), seed);
            }
        });
        Graph g = new Graph(c);
        g.init();
        g.initGradientsView();
        return probed(g, inputShape);
    }

    private static void check(NeuralNetConfiguration layer, long seed) {
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

    private static Dl4jNetwork probed(Engine e, long[] inputShape) {
        INDArray probe = Nd4j.zeros(e.params().dataType(), org.gan4j.api.nn.Shapes.withBatch(2, inputShape));
        long[] out;
        try {
            out = e.output(probe).shape();
        } catch (RuntimeException ex) {
            throw new ConfigException("DL4J network: does not take input " + Arrays.toString(inputShape) + ": "
                    + ex.getMessage(), ex);
        }
        return new Dl4jNetwork(e, inputShape, Arrays.copyOfRange(out, 1, out.length));
    }

    /**
     * The DL4J network itself, e.g. to save it with DL4J's {@code ModelSerializer}.
     *
     * @return the live {@link MultiLayerNetwork} or {@link ComputationGraph}
     */
    public org.deeplearning4j.nn.api.Model dl4j() {
        return engine.model();
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
        INDArray x = input.castTo(engine.params().dataType());
        return training ? engine.train(x) : engine.output(x);
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean parameterGradients) {
        INDArray grads = engine.gradients();
        // DL4J always writes its parameter gradients; crossing D into G must leave them as they were
        INDArray saved = parameterGradients ? null : grads.dup();
        INDArray dx = engine.backward(gradOutput.castTo(grads.dataType()));
        if (saved != null) {
            grads.assign(saved);
        }
        return dx.reshape(org.gan4j.api.nn.Shapes.withBatch(dx.size(0), inputShape));
    }

    @Override
    public INDArray params() {
        return engine.params();
    }

    @Override
    public INDArray gradients() {
        return engine.gradients();
    }

    @Override
    public long numParams() {
        return engine.params().length();
    }

    /** A second DL4J network on the same parameter array (not a copy), with activations and gradients of its own. */
    @Override
    public Network replica() {
        return new Dl4jNetwork(engine.twin(), inputShape, outputShape);
    }

    /** What the two DL4J network types offer, in the form the bridge needs. */
    private interface Engine {
        INDArray params();

        INDArray gradients();

        INDArray output(INDArray x);

        INDArray train(INDArray x);

        /** Writes the parameter gradients, returns the input gradient. */
        INDArray backward(INDArray g);

        Engine twin();

        org.deeplearning4j.nn.api.Model model();
    }

    /** A {@link MultiLayerNetwork}. */
    private record Stack(MultiLayerNetwork net) implements Engine {
        public INDArray params() {
            return net.params();
        }

        public INDArray gradients() {
            return net.getGradientsViewArray();
        }

        public INDArray output(INDArray x) {
            return net.output(x, false);
        }

        public INDArray train(INDArray x) {
            net.setInput(x);
            List<INDArray> acts = net.feedForward(true, false);
            return acts.get(acts.size() - 1);
        }

        public INDArray backward(INDArray g) {
            return net.backpropGradient(g, LayerWorkspaceMgr.noWorkspaces()).getSecond();
        }

        public Engine twin() {
            MultiLayerNetwork twin = new MultiLayerNetwork(net.getLayerWiseConfigurations().clone());
            twin.init(net.params(), false);
            twin.initGradientsView();
            return new Stack(twin);
        }

        public org.deeplearning4j.nn.api.Model model() {
            return net;
        }
    }

    /**
     * A {@link ComputationGraph} whose input gradient survives backpropagation: the public {@code backpropGradient}
     * clears every vertex's epsilon afterwards (M2.1), so the input's is read after the protected pass that keeps them.
     */
    private static final class Graph extends ComputationGraph implements Engine {
        Graph(ComputationGraphConfiguration conf) {
            super(conf);
        }

        public INDArray gradients() {
            return getGradientsViewArray();
        }

        public INDArray output(INDArray x) {
            return output(false, x)[0];
        }

        public INDArray train(INDArray x) {
            return feedForward(new INDArray[] {x}, true, false).get(getConfiguration().getNetworkOutputs().get(0));
        }

        public INDArray backward(INDArray g) {
            calcBackpropGradients(false, false, g);
            INDArray dx = getVertex(getConfiguration().getNetworkInputs().get(0)).getEpsilon();
            if (dx == null) {
                throw new IllegalStateException("DL4J computed no input gradient for this graph");
            }
            return dx.dup();
        }

        public Engine twin() {
            Graph twin = new Graph(getConfiguration().clone());
            twin.init(params(), false);
            twin.initGradientsView();
            return twin;
        }

        public org.deeplearning4j.nn.api.Model model() {
            return this;
        }
    }
}
