package org.gan4j.engine.testing;

import org.gan4j.api.train.AdversarialLoss;

/** Losses for schedule tests, independent of any loss plugin. */
public final class TestLosses {
    private TestLosses() {
    }

    /**
     * Least squares over every output (PatchGAN maps included): D minimises {@code mean (r - 1)² + mean f²}, G
     * {@code mean (f - 1)²}. Smooth everywhere, so finite differences through it are exact to their precision.
     *
     * @return the loss
     */
    public static AdversarialLoss squares() {
        return new AdversarialLoss() {
            @Override
            public DiscriminatorLoss discriminator(org.nd4j.linalg.api.ndarray.INDArray r,
                                                   org.nd4j.linalg.api.ndarray.INDArray f) {
                double v = r.sub(1).muli(r.sub(1)).meanNumber().doubleValue() + f.mul(f).meanNumber().doubleValue();
                return new DiscriminatorLoss(v, r.sub(1).muli(2.0 / r.length()), f.mul(2.0 / f.length()));
            }

            @Override
            public GeneratorLoss generator(org.nd4j.linalg.api.ndarray.INDArray f) {
                return new GeneratorLoss(f.sub(1).muli(f.sub(1)).meanNumber().doubleValue(),
                        f.sub(1).muli(2.0 / f.length()));
            }
        };
    }
}
