package org.gan4j.vanilla;

import java.util.function.DoubleUnaryOperator;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.nn.Stable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The binary cross-entropy discriminator loss shared by the minimax and non-saturating GAN, computed per logit in
 * double precision: with n outputs per side this is a few hundred scalar operations, cheaper than ND4J op overhead.
 */
abstract class LogitLosses implements AdversarialLoss {

    /**
     * {@code L_D = mean softplus(-r) + mean softplus(f)}, i.e. {@code -[E log D(x) + E log(1 - D(G(z)))]} = -V(D, G).
     */
    @Override
    public DiscriminatorLoss discriminator(INDArray realOut, INDArray fakeOut) {
        double[] r = flat(realOut);
        double[] f = flat(fakeOut);
        double value = 0;
        double[] gr = new double[r.length];
        double[] gf = new double[f.length];
        for (int i = 0; i < r.length; i++) {
            value += Stable.softplus(-r[i]) / r.length;
            gr[i] = -Stable.sigmoid(-r[i]) / r.length;
        }
        for (int i = 0; i < f.length; i++) {
            value += Stable.softplus(f[i]) / f.length;
            gf[i] = Stable.sigmoid(f[i]) / f.length;
        }
        return new DiscriminatorLoss(value, like(gr, realOut), like(gf, fakeOut));
    }

    /** Mean of {@code value(f)} and its gradient {@code grad(f) / m}. */
    static GeneratorLoss generatorLoss(INDArray fakeOut, DoubleUnaryOperator value, DoubleUnaryOperator grad) {
        double[] f = flat(fakeOut);
        double v = 0;
        double[] g = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            v += value.applyAsDouble(f[i]) / f.length;
            g[i] = grad.applyAsDouble(f[i]) / f.length;
        }
        return new GeneratorLoss(v, like(g, fakeOut));
    }

    /**
     * mean value(x) over the outputs, writing each output's gradient grad(x) / n into {@code gradOut}: the per-output
     * terms of the losses on raw scores (least squares, hinge).
     */
    static double meanTerm(double[] x, DoubleUnaryOperator value, DoubleUnaryOperator grad, double[] gradOut) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += value.applyAsDouble(x[i]);
            gradOut[i] = grad.applyAsDouble(x[i]) / x.length;
        }
        return sum / x.length;
    }

    /** All outputs in order: one logit per sample, or a PatchGAN's map of logits per sample. */
    static double[] flat(INDArray a) {
        return a.reshape('c', new long[] {a.length()}).toDoubleVector();
    }

    static INDArray like(double[] values, INDArray shapeOf) {
        return Nd4j.create(values, shapeOf.shape(), 'c').castTo(shapeOf.dataType());
    }
}
