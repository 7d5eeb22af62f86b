package org.gan4j.engine.optim;

import org.gan4j.api.Param;
import org.nd4j.linalg.api.ndarray.INDArray;

/** PyTorch's RMSprop, as WGAN uses it: v = α·v + (1-α)·g²; p -= lr · g / (√v + ε). */
public final class RmsProp extends UpdateRule<RmsProp.Settings> {

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

    RmsProp() {
        super("rmsprop", Settings.class);
    }

    @Override
    int stateSlots(Settings s) {
        return 1;
    }

    /** lr·scale, α as b2, 1−α as c2, ε. */
    @Override
    Coefficients coefficients(Settings s, long iterations, double lrScale) {
        float alpha = (float) s.decay();
        return new Coefficients(s, 0, alpha, 0, 1 - alpha, (float) (lrScale * s.lr()), 0, (float) s.epsilon(),
                iterations == 1);
    }

    @Override
    HostLoop host(Coefficients r, float[][] first, float[][] second) {
        float lr = r.lr();
        float alpha = r.b2();
        float one = r.c2();
        float eps = r.eps();
        return (p, g, c, len) -> {
            float[] vs = first[c];
            for (int k = 0; k < len; k++) {
                float gi = g[k];
                float v = alpha * vs[k] + one * gi * gi;
                vs[k] = v;
                p[k] = p[k] - lr * gi / ((float) Math.sqrt(v) + eps);
            }
        };
    }

    @Override
    void nativeUpdate(Coefficients r, INDArray p, INDArray g, INDArray v, INDArray unused, INDArray a, INDArray b) {
        v.muli(r.b2()).addi(g.mul(r.c2(), a).muli(g));
        INDArray denom = sqrt(v, a).addi(r.eps());
        p.subi(g.mul(r.lr(), b).divi(denom));
    }
}
