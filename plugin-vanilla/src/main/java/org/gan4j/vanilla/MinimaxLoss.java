package org.gan4j.vanilla;

import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Loss;
import org.gan4j.api.NoConfig;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.nn.Stable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The original minimax GAN objective (Goodfellow et al. 2014, eq. 1): D maximises
 * {@code E log D(x) + E log(1 - D(G(z)))} and G minimises {@code E log(1 - D(G(z)))}. Its generator gradient vanishes
 * where D confidently rejects samples (D(G(z)) ≈ 0, early in training), which is why {@code non-saturating} exists;
 * use this one to reproduce the paper's theory.
 */
public final class MinimaxLoss extends Provider<NoConfig> implements Loss<NoConfig> {
    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public MinimaxLoss() {
        super("minimax", NoConfig.class, GanApi.VERSION,
                "G minimises log(1 - D(G(z))) (Goodfellow et al. 2014, eq. 1)");
    }

    @Override
    public AdversarialLoss create(NoConfig config) {
        return new LogitLosses() {
            /** log(1 - sigmoid(f)) = -softplus(f); d/df = -sigmoid(f). */
            @Override
            public GeneratorLoss generator(INDArray fakeOut) {
                return generatorLoss(fakeOut, f -> -Stable.softplus(f), f -> -Stable.sigmoid(f));
            }
        };
    }
}
