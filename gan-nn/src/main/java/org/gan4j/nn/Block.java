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
    public Map<String, INDArray> buffers() {
        return inner.buffers();
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
