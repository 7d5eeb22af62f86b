package org.gan4j.vanilla;

import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Loss;
import org.gan4j.api.Param;
import org.gan4j.api.train.AdversarialLoss;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The least-squares GAN loss (Mao et al. 2017, LSGAN): D regresses real outputs to {@code b} and fake ones to
 * {@code a}, G pushes fake outputs to {@code c}. D minimises {@code mean (D(x) - b)² + mean (D(G(z)) - a)²}, G minimises
 * {@code mean (D(G(z)) - c)²} — PyTorch's {@code MSELoss} terms, as CycleGAN uses them (the paper's ½ factors are left
 * to the schedule, which for CycleGAN and pix2pix halves D's objective). Outputs are raw scores, no sigmoid; with
 * a PatchGAN the means run over every patch.
 */
public final class LeastSquaresLoss extends Provider<LeastSquaresLoss.Config> implements Loss<LeastSquaresLoss.Config> {

    /**
     * Settings of {@code least-squares}.
     *
     * @param a D's target for fake samples
     * @param b D's target for real samples
     * @param c G's target for its samples
     */
    public record Config(
            @Param(value = "0", doc = "D's target for fake samples", min = "-1000000", max = "1000000") double a,
            @Param(value = "1", doc = "D's target for real samples", min = "-1000000", max = "1000000") double b,
            @Param(value = "1", doc = "G's target for its samples", min = "-1000000", max = "1000000") double c) {
    }

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public LeastSquaresLoss() {
        super("least-squares", Config.class, GanApi.VERSION,
                "LSGAN (Mao et al. 2017): squared distance of D's raw outputs to targets a=0 (fake), b=c=1 (real)");
    }

    @Override
    public AdversarialLoss create(Config config) {
        return new AdversarialLoss() {
            @Override
            public DiscriminatorLoss discriminator(INDArray realOut, INDArray fakeOut) {
                double[] r = LogitLosses.flat(realOut);
                double[] f = LogitLosses.flat(fakeOut);
                double[] gr = new double[r.length];
                double[] gf = new double[f.length];
                double value = squares(r, config.b(), gr) + squares(f, config.a(), gf);
                return new DiscriminatorLoss(value, LogitLosses.like(gr, realOut), LogitLosses.like(gf, fakeOut));
            }

            @Override
            public GeneratorLoss generator(INDArray fakeOut) {
                double[] f = LogitLosses.flat(fakeOut);
                double[] g = new double[f.length];
                double value = squares(f, config.c(), g);
                return new GeneratorLoss(value, LogitLosses.like(g, fakeOut));
            }
        };
    }

    /** mean (x - target)², writing its gradient 2 (x - target) / n into {@code grad}. */
    private static double squares(double[] x, double target, double[] grad) {
        return LogitLosses.meanTerm(x, v -> (v - target) * (v - target), v -> 2 * (v - target), grad);
    }
}
