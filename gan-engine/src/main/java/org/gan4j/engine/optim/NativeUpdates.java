package org.gan4j.engine.optim;

import org.gan4j.api.UpdateRule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The update rules of {@link NetworkOptimizer} in ND4J ops only ({@code compute: native}): the parameters, gradients
 * and state never leave the backend's memory. The ops are composed in the host loops' order of float operations
 * (products rounded before sums, the same square root), so both modes agree to rounding (ParityTest). libnd4j's own
 * {@code adam_updater} uses another ε placement and {@code sgd_updater} has no momentum, hence the composition.
 */
final class NativeUpdates {
    private NativeUpdates() {
    }

    /**
     * State vectors {@code [n]} (null when the rule keeps none) and three scratch vectors, so that a step allocates
     * nothing: temporaries as long as the parameters (200 MB each for pix2pix's U-Net) freed only when the garbage
     * collector ran drove the native peak memory up 5× (measured).
     *
     * @param first Adam's first moment, the momentum buffer, RMSprop's mean square
     * @param second Adam's second moment
     * @param reduced the reduced gradient
     * @param a scratch
     * @param b scratch
     */
    record State(INDArray first, INDArray second, INDArray reduced, INDArray a, INDArray b) {
        static State of(int slots, long n) {
            return new State(slots >= 1 ? Nd4j.zeros(DataType.FLOAT, n) : null, slots >= 2 ? Nd4j.zeros(DataType.FLOAT, n)
                    : null, Nd4j.zeros(DataType.FLOAT, n), Nd4j.zeros(DataType.FLOAT, n), Nd4j.zeros(DataType.FLOAT, n));
        }
    }

    /**
     * Updates the slice {@code [from, to)} of the parameters; workers may update disjoint slices at the same time
     * (each uses only its slice of the scratch).
     *
     * @param params the whole parameter vector
     * @param gradients whole gradient vectors
     * @param weights one weight per gradient, or null for {@code gradients[0]} as it is
     * @param state the whole state
     * @param from the first index
     * @param to one past the last index
     * @param step the update
     */
    static void apply(INDArray params, INDArray[] gradients, float[] weights, State state, int from, int to,
                      UpdateRule.Step step) {
        if (from >= to) {
            // a worker whose share of the vector is empty
            return;
        }
        INDArray p = slice(params, from, to);
        INDArray a = slice(state.a(), from, to);
        INDArray b = slice(state.b(), from, to);
        INDArray g = slice(gradients[0], from, to);
        if (weights != null) {
            // w0·g0 + w1·g1 + …, worker by worker: the host loop's order of additions
            INDArray sum = slice(state.reduced(), from, to);
            g.mul(weights[0], sum);
            for (int i = 1; i < gradients.length; i++) {
                sum.addi(slice(gradients[i], from, to).mul(weights[i], a));
            }
            g = sum;
        }
        step.nd4j(p, g, state.first() == null ? null : slice(state.first(), from, to),
                state.second() == null ? null : slice(state.second(), from, to), a, b);
    }

    static INDArray sqrt(INDArray x, INDArray out) {
        Nd4j.exec(new Sqrt(x, out));
        return out;
    }

    private static INDArray slice(INDArray a, int from, int to) {
        return a.reshape('c', new long[] {a.length()}).get(NDArrayIndex.interval(from, to));
    }
}
