package org.gan4j.engine.optim;

import org.gan4j.api.GanApi;
import org.gan4j.api.Param;
import org.gan4j.api.Provider;
import org.gan4j.api.UpdateRule;
import org.nd4j.linalg.api.ndarray.INDArray;

/** PyTorch's Adam (Kingma and Ba): p -= lr/(1-β1^t) · m / (√v / √(1-β2^t) + ε). */
public final class Adam extends Provider<Adam.Settings> implements UpdateRule<Adam.Settings> {

    /**
     * Settings of {@code adam}; the defaults are DCGAN's, which most GAN papers since use.
     *
     * @param lr learning rate
     * @param beta1 first-moment decay
     * @param beta2 second-moment decay
     * @param epsilon numerical stabiliser
     */
    public record Settings(
            @Param(value = "2e-4", doc = "learning rate", min = "0", max = "10") double lr,
            @Param(value = "0.5", doc = "first-moment decay β1", min = "0", max = "0.9999999") double beta1,
            @Param(value = "0.999", doc = "second-moment decay β2", min = "0", max = "0.9999999") double beta2,
            @Param(value = "1e-8", doc = "ε", min = "0", max = "1") double epsilon) {
    }

    /** The provider ServiceLoader instantiates. */
    public Adam() {
        super("adam", Settings.class, GanApi.VERSION, "Adam (Kingma and Ba 2015), PyTorch's formula");
    }

    @Override
    public int stateSlots(Settings s) {
        return 2;
    }

    @Override
    public Step step(Settings a, long iterations, double lrScale) {
        double bc1 = 1 - Math.pow(a.beta1(), iterations);
        double bc2 = 1 - Math.pow(a.beta2(), iterations);
        float b1 = (float) a.beta1();
        float b2 = (float) a.beta2();
        return new AdamStep(b1, b2, 1 - b1, 1 - b2, (float) (lrScale * a.lr() / bc1), (float) (1 / Math.sqrt(bc2)),
                (float) a.epsilon());
    }

    /** β1, β2, 1−β1, 1−β2, lr·scale/(1−β1ᵗ), 1/√(1−β2ᵗ), ε in float, as both modes use them. */
    private record AdamStep(float b1, float b2, float c1, float c2, float step, float invSqrtBc2, float eps)
            implements Step {
        @Override
        public void host(float[] p, float[] g, float[] ms, float[] vs, int len) {
            // locals, not record fields, inside the loop: the JIT vectorises it (OptimizerParityTest pins the values)
            float b1 = this.b1;
            float b2 = this.b2;
            float c1 = this.c1;
            float c2 = this.c2;
            float step = this.step;
            float invSqrtBc2 = this.invSqrtBc2;
            float eps = this.eps;
            for (int k = 0; k < len; k++) {
                float gi = g[k];
                float m = b1 * ms[k] + c1 * gi;
                float v = b2 * vs[k] + c2 * gi * gi;
                ms[k] = m;
                vs[k] = v;
                p[k] = p[k] - step * m / ((float) Math.sqrt(v) * invSqrtBc2 + eps);
            }
        }

        @Override
        public void nd4j(INDArray p, INDArray g, INDArray m, INDArray v, INDArray a, INDArray b) {
            m.muli(b1).addi(g.mul(c1, a));
            v.muli(b2).addi(g.mul(c2, a).muli(g));
            INDArray denom = NativeUpdates.sqrt(v, a).muli(invSqrtBc2).addi(eps);
            p.subi(m.mul(step, b).divi(denom));
        }
    }
}
