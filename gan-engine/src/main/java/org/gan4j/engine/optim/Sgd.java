package org.gan4j.engine.optim;

import org.gan4j.api.Param;
import org.nd4j.linalg.api.ndarray.INDArray;

/** PyTorch's SGD with heavy-ball momentum: buf = μ·buf + g; p -= lr·buf (plain p -= lr·g when μ = 0). */
public final class Sgd extends UpdateRule<Sgd.Settings> {

    /**
     * Settings of {@code sgd}.
     *
     * @param lr learning rate
     * @param momentum momentum, 0 for plain SGD
     */
    public record Settings(
            @Param(value = "0.01", doc = "learning rate", min = "0", max = "10") double lr,
            @Param(value = "0.9", doc = "momentum; 0 = plain SGD", min = "0", max = "1") double momentum) {
    }

    Sgd() {
        super("sgd", Settings.class);
    }

    @Override
    int stateSlots(Settings s) {
        return s.momentum() == 0 ? 0 : 1;
    }

    /** lr·scale, and μ as b1. */
    @Override
    Coefficients coefficients(Settings s, long iterations, double lrScale) {
        return new Coefficients(s, (float) s.momentum(), 0, 0, 0, (float) (lrScale * s.lr()), 0, 0, iterations == 1);
    }

    @Override
    HostLoop host(Coefficients r, float[][] first, float[][] second) {
        float lr = r.lr();
        float mu = r.b1();
        boolean firstStep = r.firstStep();
        if (first == null) {
            return (p, g, c, len) -> {
                for (int k = 0; k < len; k++) {
                    p[k] = p[k] - lr * g[k];
                }
            };
        }
        return (p, g, c, len) -> {
            float[] buf = first[c];
            for (int k = 0; k < len; k++) {
                // the momentum buffer starts as the first gradient, as PyTorch's does
                float d = firstStep ? g[k] : mu * buf[k] + g[k];
                buf[k] = d;
                p[k] = p[k] - lr * d;
            }
        };
    }

    @Override
    void nativeUpdate(Coefficients r, INDArray p, INDArray g, INDArray buf, INDArray unused, INDArray a, INDArray b) {
        if (buf == null) {
            p.subi(g.mul(r.lr(), a));
            return;
        }
        if (r.firstStep()) {
            buf.assign(g);
        } else {
            buf.muli(r.b1()).addi(g);
        }
        p.subi(buf.mul(r.lr(), a));
    }
}
