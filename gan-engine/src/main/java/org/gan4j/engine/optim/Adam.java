package org.gan4j.engine.optim;

import org.gan4j.api.Param;
import org.nd4j.linalg.api.ndarray.INDArray;

/** PyTorch's Adam (Kingma and Ba): p -= lr/(1-β1^t) · m / (√v / √(1-β2^t) + ε). */
public final class Adam extends UpdateRule<Adam.Settings> {

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

    Adam() {
        super("adam", Settings.class);
    }

    @Override
    int stateSlots(Settings s) {
        return 2;
    }

    /** β1, β2, 1−β1, 1−β2, lr·scale/(1−β1ᵗ), 1/√(1−β2ᵗ), ε. */
    @Override
    Coefficients coefficients(Settings a, long iterations, double lrScale) {
        float b1 = (float) a.beta1();
        float b2 = (float) a.beta2();
        double bc1 = 1 - Math.pow(a.beta1(), iterations);
        double bc2 = 1 - Math.pow(a.beta2(), iterations);
        return new Coefficients(a, b1, b2, 1 - b1, 1 - b2, (float) (lrScale * a.lr() / bc1),
                (float) (1 / Math.sqrt(bc2)), (float) a.epsilon(), iterations == 1);
    }

    @Override
    HostLoop host(Coefficients r, float[][] first, float[][] second) {
        float b1 = r.b1();
        float b2 = r.b2();
        float c1 = r.c1();
        float c2 = r.c2();
        float step = r.lr();
        float invSqrtBc2 = r.invSqrtBc2();
        float eps = r.eps();
        return (p, g, c, len) -> {
            float[] ms = first[c];
            float[] vs = second[c];
            for (int k = 0; k < len; k++) {
                float gi = g[k];
                float m = b1 * ms[k] + c1 * gi;
                float v = b2 * vs[k] + c2 * gi * gi;
                ms[k] = m;
                vs[k] = v;
                p[k] = p[k] - step * m / ((float) Math.sqrt(v) * invSqrtBc2 + eps);
            }
        };
    }

    @Override
    void nativeUpdate(Coefficients r, INDArray p, INDArray g, INDArray m, INDArray v, INDArray a, INDArray b) {
        m.muli(r.b1()).addi(g.mul(r.c1(), a));
        v.muli(r.b2()).addi(g.mul(r.c2(), a).muli(g));
        INDArray denom = sqrt(v, a).muli(r.invSqrtBc2()).addi(r.eps());
        p.subi(m.mul(r.lr(), b).divi(denom));
    }
}
