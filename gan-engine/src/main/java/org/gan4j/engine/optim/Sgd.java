package org.gan4j.engine.optim;

import org.gan4j.api.GanApi;
import org.gan4j.api.Param;
import org.gan4j.api.Provider;
import org.gan4j.api.UpdateRule;
import org.nd4j.linalg.api.ndarray.INDArray;

/** PyTorch's SGD with heavy-ball momentum: buf = μ·buf + g; p -= lr·buf (plain p -= lr·g when μ = 0). */
public final class Sgd extends Provider<Sgd.Settings> implements UpdateRule<Sgd.Settings> {

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

    /** The provider ServiceLoader instantiates. */
    public Sgd() {
        super("sgd", Settings.class, GanApi.VERSION, "SGD with heavy-ball momentum, PyTorch's formula");
    }

    @Override
    public int stateSlots(Settings s) {
        return s.momentum() == 0 ? 0 : 1;
    }

    @Override
    public Step step(Settings s, long iterations, double lrScale) {
        return new SgdStep((float) (lrScale * s.lr()), (float) s.momentum(), iterations == 1);
    }

    /** The momentum buffer starts as the first gradient, as PyTorch's does. */
    private record SgdStep(float lr, float mu, boolean firstStep) implements Step {
        @Override
        public void host(float[] p, float[] g, float[] buf, float[] unused, int len) {
            float lr = this.lr;
            float mu = this.mu;
            if (buf == null) {
                for (int k = 0; k < len; k++) {
                    p[k] = p[k] - lr * g[k];
                }
                return;
            }
            boolean firstStep = this.firstStep;
            for (int k = 0; k < len; k++) {
                float d = firstStep ? g[k] : mu * buf[k] + g[k];
                buf[k] = d;
                p[k] = p[k] - lr * d;
            }
        }

        @Override
        public void nd4j(INDArray p, INDArray g, INDArray buf, INDArray unused, INDArray a, INDArray b) {
            if (buf == null) {
                p.subi(g.mul(lr, a));
                return;
            }
            if (firstStep) {
                buf.assign(g);
            } else {
                buf.muli(mu).addi(g);
            }
            p.subi(buf.mul(lr, a));
        }
    }
}
