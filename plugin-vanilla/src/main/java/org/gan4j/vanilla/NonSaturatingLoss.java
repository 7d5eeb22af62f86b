package org.gan4j.vanilla;

import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Loss;
import org.gan4j.api.NoConfig;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.nn.Stable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The non-saturating generator loss (Goodfellow et al. 2014, section 3): G minimises {@code -E log D(G(z))} instead
 * of {@code E log(1 - D(G(z)))}. Both have the same fixed point, but where D(G(z)) ≈ 0 the minimax gradient
 * {@code -sigmoid(f)} vanishes while this one, {@code -sigmoid(-f)}, is close to -1: G keeps learning early in
 * training, when D rejects its samples easily. The default.
 */
public final class NonSaturatingLoss extends Provider<NoConfig> implements Loss<NoConfig> {
    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public NonSaturatingLoss() {
        super("non-saturating", NoConfig.class, GanApi.VERSION,
                "G minimises -log D(G(z)): strong gradients early in training (Goodfellow et al. 2014, §3)");
    }

    @Override
    public AdversarialLoss create(NoConfig config) {
        return new LogitLosses() {
            /** -log sigmoid(f) = softplus(-f); d/df = -sigmoid(-f). */
            @Override
            public GeneratorLoss generator(INDArray fakeOut) {
                return generatorLoss(fakeOut, f -> Stable.softplus(-f), f -> -Stable.sigmoid(-f));
            }
        };
    }
}
