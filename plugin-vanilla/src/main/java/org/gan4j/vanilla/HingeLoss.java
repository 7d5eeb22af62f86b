package org.gan4j.vanilla;

import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Loss;
import org.gan4j.api.NoConfig;
import org.gan4j.api.train.AdversarialLoss;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The hinge loss of geometric GAN and SAGAN (Lim &amp; Ye 2017; Zhang et al. 2019): D minimises
 * {@code mean max(0, 1 − D(x)) + mean max(0, 1 + D(G(z)))}, G minimises {@code −mean D(G(z))}. Outputs are raw
 * scores; with a PatchGAN the means run over every patch.
 */
public final class HingeLoss extends Provider<NoConfig> implements Loss<NoConfig> {

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public HingeLoss() {
        super("hinge", NoConfig.class, GanApi.VERSION,
                "hinge loss (geometric GAN, SAGAN): D on max(0, 1 ∓ D), G on −D(G(z))");
    }

    @Override
    public AdversarialLoss create(NoConfig config) {
        return new AdversarialLoss() {
            @Override
            public DiscriminatorLoss discriminator(INDArray realOut, INDArray fakeOut) {
                double[] r = LogitLosses.flat(realOut);
                double[] f = LogitLosses.flat(fakeOut);
                double[] gr = new double[r.length];
                double[] gf = new double[f.length];
                // max(0, 1 − D(x)) on reals, max(0, 1 + D(G(z))) on fakes; the subgradient is 0 at the kink
                double value = LogitLosses.meanTerm(r, x -> Math.max(0, 1 - x), x -> x < 1 ? -1 : 0, gr)
                        + LogitLosses.meanTerm(f, x -> Math.max(0, 1 + x), x -> x > -1 ? 1 : 0, gf);
                return new DiscriminatorLoss(value, LogitLosses.like(gr, realOut), LogitLosses.like(gf, fakeOut));
            }

            @Override
            public GeneratorLoss generator(INDArray fakeOut) {
                return LogitLosses.generatorLoss(fakeOut, x -> -x, x -> -1);
            }
        };
    }
}
