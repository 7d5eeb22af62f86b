package org.gan4j.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Spectral normalisation of a weight tensor (Miyato et al. 2018): the layer computes with W / σ(W), σ estimated by
 * one power iteration per training forward pass from a persistent vector u. Gradients treat u and v as constants, as
 * the paper and PyTorch's {@code spectral_norm} do: dL/dW = (G − ⟨G, W/σ⟩ u vᵀ) / σ for G = dL/d(W/σ).
 *
 * <p>The weight is viewed as the matrix {@code [shape[0], rest]}; u is a checkpointed buffer shared by a network's
 * replicas, the normalised weight and v belong to each layer instance.
 */
final class SpectralNorm {
    private static final double EPS = 1e-12;
    private final INDArray u;
    private final long rows;
    private final long cols;
    private INDArray v;
    private INDArray normalised;
    private double sigma = 1;

    /**
     * Normalisation of a weight of the given shape.
     *
     * @param weight the raw weight (its shape and type)
     * @param shared u of the layer this one is a replica of, or null for a new one (all ones until
     *     {@link #randomize})
     */
    SpectralNorm(INDArray weight, INDArray shared) {
        this.rows = weight.size(0);
        this.cols = weight.length() / rows;
        this.u = shared != null ? shared : Nd4j.ones(weight.dataType(), rows, 1).divi(Math.sqrt(rows));
    }

    /** Draws u from N(0, I), normalised, as PyTorch does at creation. */
    void randomize(SplittableRandom random) {
        double norm = 0;
        double[] values = new double[(int) rows];
        for (int i = 0; i < rows; i++) {
            double a = random.nextDouble();
            double b = random.nextDouble();
            values[i] = Math.sqrt(-2 * Math.log(1 - a)) * Math.cos(2 * Math.PI * b);
            norm += values[i] * values[i];
        }
        for (int i = 0; i < rows; i++) {
            u.putScalar(i, 0, values[i] / Math.sqrt(norm + EPS));
        }
    }

    INDArray u() {
        return u;
    }

    /**
     * The weight to compute with.
     *
     * @param weight the raw weight
     * @param training true to advance the power iteration (updating the shared u)
     * @return W / σ, a buffer of this instance
     */
    INDArray normalize(INDArray weight, boolean training) {
        INDArray w = weight.reshape('c', rows, cols);
        v = w.transpose().mmul(u);
        v.divi(v.norm2Number().doubleValue() + EPS);
        INDArray wv = w.mmul(v);
        if (training) {
            u.assign(wv.div(wv.norm2Number().doubleValue() + EPS));
        }
        sigma = u.transpose().mmul(wv).getDouble(0);
        if (normalised == null) {
            normalised = Nd4j.createUninitialized(weight.dataType(), weight.shape(), 'c');
        }
        return normalised.assign(weight).divi(sigma);
    }

    /**
     * Turns the gradient with respect to W / σ into the gradient with respect to W, in place.
     *
     * @param grad dL/d(W/σ), overwritten with dL/dW
     */
    void correct(INDArray grad) {
        INDArray g = grad.reshape('c', rows, cols);
        double inner = g.mul(normalised.reshape('c', rows, cols)).sumNumber().doubleValue();
        g.subi(u.mmul(v.transpose()).muli(inner)).divi(sigma);
    }

    /**
     * The current estimate of the largest singular value.
     *
     * @return σ of the last forward pass
     */
    double sigma() {
        return sigma;
    }
}
