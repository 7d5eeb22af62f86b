package org.gan4j.examples.lion;

import org.gan4j.api.GanApi;
import org.gan4j.api.Param;
import org.gan4j.api.Provider;
import org.gan4j.api.UpdateRule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms"), an optimizer shipped in a plugin jar:
 * {@code c = β1·m + (1−β1)·g; p -= lr·(sign(c) + λ·p); m = β2·m + (1−β2)·g}. One state vector (the momentum m), half
 * of Adam's. YAML: {@code optimizers: {G: {type: lion, lr: 1e-4}}}.
 */
public final class Lion extends Provider<Lion.Settings> implements UpdateRule<Lion.Settings> {

    /**
     * Settings of {@code lion}; the paper's defaults. Its authors advise a learning rate 3–10 × smaller than Adam's.
     *
     * @param lr learning rate
     * @param beta1 interpolation of the update's direction
     * @param beta2 momentum decay
     * @param weightDecay decoupled weight decay λ
     */
    public record Settings(
            @Param(value = "1e-4", doc = "learning rate", min = "0", max = "1") double lr,
            @Param(value = "0.9", doc = "β1: momentum's share in the update's sign", min = "0", max = "1") double beta1,
            @Param(value = "0.99", doc = "β2: momentum decay", min = "0", max = "1") double beta2,
            @Param(value = "0", doc = "decoupled weight decay λ", min = "0", max = "10") double weightDecay) {
    }

    /** The provider ServiceLoader instantiates. */
    public Lion() {
        super("lion", Settings.class, GanApi.VERSION, "Lion: the sign of interpolated momentum (Chen et al. 2023)");
    }

    @Override
    public int stateSlots(Settings s) {
        return 1;
    }

    @Override
    public Step step(Settings s, long iteration, double lrScale) {
        float b1 = (float) s.beta1();
        float b2 = (float) s.beta2();
        return new LionStep((float) (lrScale * s.lr()), b1, 1 - b1, b2, 1 - b2, (float) s.weightDecay());
    }

    private record LionStep(float lr, float b1, float c1, float b2, float c2, float wd) implements Step {
        @Override
        public void host(float[] p, float[] g, float[] m, float[] unused, int len) {
            float lr = this.lr;
            float b1 = this.b1;
            float c1 = this.c1;
            float b2 = this.b2;
            float c2 = this.c2;
            float wd = this.wd;
            for (int k = 0; k < len; k++) {
                float gi = g[k];
                float c = b1 * m[k] + c1 * gi;
                p[k] = p[k] - lr * (Math.signum(c) + wd * p[k]);
                m[k] = b2 * m[k] + c2 * gi;
            }
        }

        @Override
        public void nd4j(INDArray p, INDArray g, INDArray m, INDArray unused, INDArray a, INDArray b) {
            m.mul(b1, a).addi(g.mul(c1, b));
            Nd4j.exec(new Sign(a, a));
            a.addi(p.mul(wd, b));
            p.subi(a.muli(lr));
            m.muli(b2).addi(g.mul(c2, b));
        }
    }
}
