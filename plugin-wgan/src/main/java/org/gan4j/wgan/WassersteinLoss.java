package org.gan4j.wgan;

import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Loss;
import org.gan4j.api.NoConfig;
import org.gan4j.api.train.AdversarialLoss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The WGAN objective (Arjovsky et al. 2017, Algorithm 1). The critic f minimises {@code mean f(G(z)) - mean f(x)},
 * so {@code mean f(x) - mean f(G(z))}, the negative of its loss, estimates the Earth-Mover distance (up to the
 * Lipschitz constant the weight clipping imposes); the generator minimises {@code -mean f(G(z))}. Outputs are raw
 * critic scores, no sigmoid.
 */
public final class WassersteinLoss extends Provider<NoConfig> implements Loss<NoConfig> {

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public WassersteinLoss() {
        super("wasserstein", NoConfig.class, GanApi.VERSION,
                "WGAN critic loss mean f(G(z)) - mean f(x); its negative estimates the Earth-Mover distance");
    }

    @Override
    public AdversarialLoss create(NoConfig config) {
        return new AdversarialLoss() {
            @Override
            public DiscriminatorLoss discriminator(INDArray realOut, INDArray fakeOut) {
                double value = fakeOut.meanNumber().doubleValue() - realOut.meanNumber().doubleValue();
                return new DiscriminatorLoss(value, Nd4j.valueArrayOf(realOut.shape(), -1.0 / realOut.length(), realOut.dataType()),
                        Nd4j.valueArrayOf(fakeOut.shape(), 1.0 / fakeOut.length(), fakeOut.dataType()));
            }

            @Override
            public GeneratorLoss generator(INDArray fakeOut) {
                return new GeneratorLoss(-fakeOut.meanNumber().doubleValue(),
                        Nd4j.valueArrayOf(fakeOut.shape(), -1.0 / fakeOut.length(), fakeOut.dataType()));
            }
        };
    }
}
