package org.gan4j.engine.testing;

import org.gan4j.api.UpdateRule;
import org.gan4j.api.nn.HostData;
import org.gan4j.engine.optim.NetworkOptimizer;
import org.gan4j.nn.Compute;
import org.gan4j.nn.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs an optimizer type ({@link UpdateRule}) through the engine's own {@link NetworkOptimizer} on a small network
 * (20,561 parameters: three chunks, so worker slices are real) with seeded random gradients, for a plugin's tests:
 * compare the result with the rule's formula written out by hand, and the host loop with the ND4J form.
 */
public final class UpdateRuleCheck {
    private UpdateRuleCheck() {
    }

    /**
     * What a check run saw: the parameters before and after, and every gradient applied, in order.
     *
     * @param start the parameters before the first update
     * @param gradients the gradient of each update
     * @param end the parameters after the last update
     * @param state the optimizer's saved state after the last update (null when stateless)
     */
    public record Trace(float[] start, float[][] gradients, float[] end, float[] state) {
    }

    /**
     * Applies {@code steps} updates. With {@code workers}, each update is the engine's two-worker path: the gradient
     * {@code 0.75·g + 0.25·g'} reduced slice by slice, the vector cut after two chunks (the trace's gradient is then
     * that weighted sum, as the rule received it, rounded the same way).
     *
     * @param rule the optimizer type
     * @param settings its settings record
     * @param mode host (Java loops) or native (ND4J ops)
     * @param steps how many updates
     * @param workers whether to update through worker slices
     * @param seed the network's and the gradients' seed
     * @return the trace
     */
    public static Trace run(UpdateRule<?> rule, Record settings, Compute.Mode mode, int steps, boolean workers,
                            long seed) {
        Compute.Mode before = Compute.mode();
        Compute.use(mode);
        try {
            Sequential net = Sequential.builder(40).dense(500).leakyRelu(0.2).dense(1).build(seed);
            NetworkOptimizer opt = new NetworkOptimizer(net, rule, settings);
            int n = opt.size();
            float[] start = HostData.floats(net.params());
            float[][] gradients = new float[steps][];
            for (int s = 0; s < steps; s++) {
                Nd4j.getRandom().setSeed(seed * 1000 + s);
                // alternate scales: a rule's state has to carry large and small gradients alike
                INDArray g0 = Nd4j.randn(DataType.FLOAT, 1, n).muli(s % 2 == 0 ? 1 : 1e-3);
                INDArray g1 = Nd4j.randn(DataType.FLOAT, 1, n);
                if (workers) {
                    opt.begin();
                    float[][] scratch = NetworkOptimizer.newScratch();
                    int cut = NetworkOptimizer.CHUNK * 2;
                    float[] w = {0.75f, 0.25f};
                    opt.update(0, cut, new INDArray[] {g0, g1}, w, scratch);
                    opt.update(cut, n, new INDArray[] {g0, g1}, w, scratch);
                    float[] a = HostData.floats(g0);
                    float[] b = HostData.floats(g1);
                    for (int k = 0; k < n; k++) {
                        a[k] = w[0] * a[k] + w[1] * b[k];
                    }
                    gradients[s] = a;
                } else {
                    net.gradients().assign(g0);
                    opt.step();
                    gradients[s] = HostData.floats(g0);
                }
            }
            INDArray state = opt.state();
            return new Trace(start, gradients, HostData.floats(net.params()), state == null ? null : HostData.floats(state));
        } finally {
            Compute.use(before);
        }
    }

    /**
     * The largest difference between two parameter vectors relative to the largest magnitude in the first.
     *
     * @param a one vector
     * @param b another, as long
     * @return {@code max|a−b| / max|a|}
     */
    public static double relativeGap(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
        }
        double scale = 1e-12;
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(a[i]));
            worst = Math.max(worst, Math.abs((double) a[i] - b[i]));
        }
        return worst / scale;
    }
}
