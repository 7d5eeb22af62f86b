package org.gan4j.nn;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer around a nested chain of layers ({@link Residual}, {@link Skip}): parameters and buffers are the chain's.
 * Not for extension outside gan-nn.
 */
public abstract class Block implements Layer {
    final Chain inner;

    Block(String what, Layer... inner) {
        if (inner.length == 0) {
            throw new IllegalArgumentException("a " + what + " block needs at least one layer");
        }
        this.inner = new Chain(inner);
    }

    @Override
    public long numParams(long[] inputShape) {
        outputShape(inputShape);
        return inner.numParams(inputShape);
    }

    @Override
    public void bind(INDArray params, INDArray gradients) {
        inner.bind(params, gradients);
    }

    @Override
    public void initialize(SplittableRandom random) {
        inner.initialize(random);
    }

    @Override
    public void initializeGaussian(SplittableRandom random, boolean zeroBias) {
        Init.gaussian(layers(), random, zeroBias);
    }

    @Override
    public Map<String, INDArray> buffers() {
        return inner.buffers();
    }

    /**
     * Adds the branch's layers to an ONNX graph, named {@code <name>.branch.<i>}.
     *
     * @param graph the graph under construction
     * @param input the branch's input value
     * @param inputShape its per-sample shape
     * @param name the block's path
     * @return the branch's output value
     */
    protected String chainOnnx(OnnxGraph graph, String input, long[] inputShape, String name) {
        return graph.layers(layers(), input, inputShape, name + ".branch.");
    }

    /**
     * The layers of the branch.
     *
     * @return an unmodifiable list
     */
    public List<Layer> layers() {
        return inner.layers();
    }
}
