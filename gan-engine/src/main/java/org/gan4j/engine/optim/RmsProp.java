package org.gan4j.engine.optim;

import org.gan4j.api.GanApi;
import org.gan4j.api.Param;
import org.gan4j.api.Provider;
import org.gan4j.api.UpdateRule;
import org.nd4j.linalg.api.ndarray.INDArray;

/** PyTorch's RMSprop, as WGAN uses it: v = α·v + (1-α)·g²; p -= lr · g / (√v + ε). */
public final class RmsProp extends Provider<RmsProp.Settings> implements UpdateRule<RmsProp.Settings> {

    /**
     * Settings of {@code rmsprop}.
     *
     * @param lr learning rate
     * @param decay squared-gradient decay
     * @param epsilon numerical stabiliser
     */
    public record Settings(
            @Param(value = "5e-5", doc = "learning rate", min = "0", max = "10") double lr,
            @Param(value = "0.99", doc = "squared-gradient decay α", min = "0", max = "1") double decay,
            @Param(value = "1e-8", doc = "ε", min = "0", max = "1") double epsilon) {
    }

    /** The provider ServiceLoader instantiates. */
    public RmsProp() {
        super("rmsprop", Settings.class, GanApi.VERSION, "RMSprop, PyTorch's formula (WGAN's optimizer)");
    }

    @Override
    public int stateSlots(Settings s) {
        return 1;
    }

    @Override
    public Step step(Settings s, long iterations, double lrScale) {
        float alpha = (float) s.decay();
        return new RmsStep((float) (lrScale * s.lr()), alpha, 1 - alpha, (float) s.epsilon());
    }

    private record RmsStep(float lr, float alpha, float one, float eps) implements Step {
        @Override
        public void host(float[] p, float[] g, float[] vs, float[] unused, int len) {
            float lr = this.lr;
            float alpha = this.alpha;
            float one = this.one;
            float eps = this.eps;
            for (int k = 0; k < len; k++) {
                float gi = g[k];
                float v = alpha * vs[k] + one * gi * gi;
                vs[k] = v;
                p[k] = p[k] - lr * gi / ((float) Math.sqrt(v) + eps);
            }
        }

        @Override
        public void nd4j(INDArray p, INDArray g, INDArray v, INDArray unused, INDArray a, INDArray b) {
            v.muli(alpha).addi(g.mul(one, a).muli(g));
            INDArray denom = NativeUpdates.sqrt(v, a).addi(eps);
            p.subi(g.mul(lr, b).divi(denom));
        }
    }
}
