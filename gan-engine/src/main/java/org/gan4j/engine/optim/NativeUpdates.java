package org.gan4j.engine.optim;

import org.gan4j.engine.config.OptimizerSettings;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The update rules of {@link NetworkOptimizer} in ND4J ops only ({@code compute: native}): the parameters, gradients
 * and state never leave the backend's memory. The ops are composed in the host loops' order of float operations
 * (products rounded before sums, the same square root), so both modes agree to rounding (ParityTest). libnd4j's own
 * {@code adam_updater} uses another ε placement and {@code sgd_updater} has no momentum, hence the composition.
 */
final class NativeUpdates {
    private NativeUpdates() {
    }

    /** State vectors {@code [n]} (null when the rule keeps none). */
    record State(INDArray first, INDArray second) {
    }

    /**
     * Updates the slice {@code [from, to)} of the parameters.
     *
     * @param params the whole parameter vector
     * @param gradients whole gradient vectors
     * @param weights one weight per gradient, or null for {@code gradients[0]} as it is
     * @param state the whole state
     * @param r the step's coefficients
     */
    static void apply(INDArray params, INDArray[] gradients, float[] weights, State state, int from, int to,
                      Coefficients r) {
        if (from >= to) {
            // a worker whose share of the vector is empty
            return;
        }
        INDArray p = slice(params, from, to);
        INDArray g = slice(gradients[0], from, to);
        if (weights != null) {
            // w0·g0 + w1·g1 + …, worker by worker: the host loop's order of additions
            g = g.mul(weights[0]);
            for (int i = 1; i < gradients.length; i++) {
                g.addi(slice(gradients[i], from, to).mul(weights[i]));
            }
        }
        if (r.settings() instanceof OptimizerSettings.Adam) {
            INDArray m = slice(state.first(), from, to);
            INDArray v = slice(state.second(), from, to);
            m.muli(r.b1()).addi(g.mul(r.c1()));
            v.muli(r.b2()).addi(g.mul(r.c2()).muli(g));
            INDArray denom = Transforms.sqrt(v, true).muli(r.invSqrtBc2()).addi(r.eps());
            p.subi(m.mul(r.lr()).divi(denom));
        } else if (r.settings() instanceof OptimizerSettings.Sgd) {
            if (state.first() == null) {
                p.subi(g.mul(r.lr()));
                return;
            }
            INDArray buf = slice(state.first(), from, to);
            if (r.firstStep()) {
                buf.assign(g);
            } else {
                buf.muli(r.b1()).addi(g);
            }
            p.subi(buf.mul(r.lr()));
        } else {
            INDArray v = slice(state.first(), from, to);
            v.muli(r.b2()).addi(g.mul(r.c2()).muli(g));
            p.subi(g.mul(r.lr()).divi(Transforms.sqrt(v, true).addi(r.eps())));
        }
    }

    private static INDArray slice(INDArray a, int from, int to) {
        return a.reshape('c', new long[] {a.length()}).get(NDArrayIndex.interval(from, to));
    }
}
