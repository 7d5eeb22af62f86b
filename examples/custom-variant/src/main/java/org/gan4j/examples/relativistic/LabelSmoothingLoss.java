package org.gan4j.examples.relativistic;

import org.gan4j.api.ConfigException;
import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Loss;
import org.gan4j.api.Param;
import org.gan4j.api.train.AdversarialLoss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The non-saturating GAN loss with one-sided label smoothing (Salimans et al. 2016, section 3.4): the discriminator's
 * target for real samples is {@code real_target} (0.9) instead of 1, which keeps it from growing overconfident; fake
 * targets stay 0, and the generator's loss is the usual {@code -log sigmoid(D(G(z)))}. Outputs are logits.
 *
 * <p>YAML: {@code loss: {type: label-smoothing, real_target: 0.9}}
 */
public final class LabelSmoothingLoss extends Provider<LabelSmoothingLoss.Config>
        implements Loss<LabelSmoothingLoss.Config> {

    /**
     * Settings of {@code label-smoothing}.
     *
     * @param realTarget the discriminator's target probability for real samples
     */
    public record Config(@Param(value = "0.9", doc = "D's target for real samples (1 = no smoothing)") double realTarget) {

        /** Validates the target. */
        public Config {
            if (!(realTarget > 0.5 && realTarget <= 1)) {
                throw new ConfigException("loss.real_target: must be in (0.5, 1], got " + realTarget);
            }
        }
    }

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public LabelSmoothingLoss() {
        super("label-smoothing", Config.class, GanApi.VERSION,
                "non-saturating loss, real targets smoothed to real_target (Salimans et al. 2016)");
    }

    @Override
    public AdversarialLoss create(Config config) {
        double t = config.realTarget();
        return new AdversarialLoss() {
            @Override
            public DiscriminatorLoss discriminator(INDArray realOut, INDArray fakeOut) {
                // binary cross-entropy with target y on logit l: softplus(l) - y·l, gradient sigmoid(l) - y
                Term real = term(realOut, t);
                Term fake = term(fakeOut, 0);
                return new DiscriminatorLoss(real.value + fake.value, real.grad, fake.grad);
            }

            @Override
            public GeneratorLoss generator(INDArray fakeOut) {
                Term g = term(fakeOut, 1);
                return new GeneratorLoss(g.value, g.grad);
            }
        };
    }

    private record Term(double value, INDArray grad) {
    }

    /** Mean binary cross-entropy of logits against one target, and its gradient. */
    private static Term term(INDArray logits, double target) {
        double[] l = org.gan4j.api.nn.HostData.doubles(logits);
        double[] grad = new double[l.length];
        double sum = 0;
        for (int i = 0; i < l.length; i++) {
            // softplus written so that large |l| neither overflows nor loses the small term
            double softplus = Math.max(l[i], 0) + Math.log1p(Math.exp(-Math.abs(l[i])));
            sum += softplus - target * l[i];
            grad[i] = (1 / (1 + Math.exp(-l[i])) - target) / l.length;
        }
        return new Term(sum / l.length, Nd4j.createFromArray(grad).reshape(logits.shape()).castTo(logits.dataType()));
    }
}
