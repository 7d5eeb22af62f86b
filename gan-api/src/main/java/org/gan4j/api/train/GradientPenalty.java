package org.gan4j.api.train;

import org.gan4j.api.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Penalties on the discriminator's input gradient, added to D's gradients after its loss's backward pass:
 * WGAN-GP's {@code λ · mean_i (‖∇ₓD(x̂ᵢ)‖ − 1)²} on interpolates of real and fake samples (Gulrajani et al. 2017)
 * and R1's {@code γ/2 · mean_i ‖∇ₓD(xᵢ)‖²} on real samples (Mescheder et al. 2018).
 *
 * <p>How the gradient of a function of an input gradient is computed without automatic differentiation: with
 * {@code g = ∇ₓD(x)} and {@code v = ∂P/∂g}, {@code ∂P/∂θ = ∂(∇ₓD · v)/∂θ}, the weight gradient of D's directional
 * derivative along v. For a network that is piecewise linear in its input (dense, convolution, (leaky) ReLU), that
 * directional derivative is D linearised at x — biases off, activation patterns frozen — applied to v, and its weight
 * gradient is one backward pass through the linearised network ({@link Network#linearize}). So a penalty costs one
 * forward and two backward passes more, and is exact (no second-order terms are dropped: they are zero almost
 * everywhere). BatchNorm couples the samples of a batch and is not piecewise linear: a GP critic has none, as the
 * paper prescribes. The mean is over D's outputs: samples, or a packing critic's groups of samples, whose input is
 * the group.
 *
 * @since API 1.3
 */
public final class GradientPenalty {
    private GradientPenalty() {
    }

    /**
     * WGAN-GP: the penalty at {@code x̂ = ε·real + (1−ε)·fake}, one ε per sample.
     *
     * @param d the critic, whose gradients already hold its loss's (they are added to)
     * @param real real samples {@code [n, …]}
     * @param fake generated samples, same shape (copied: G's buffer stays as it is)
     * @param epsilon one uniform draw per sample, {@code [n]}
     * @param lambda the weight λ (10 in the paper)
     * @return the penalty's value
     */
    public static double wgangp(Network d, INDArray real, INDArray fake, INDArray epsilon, double lambda) {
        long n = real.size(0);
        INDArray e = epsilon.reshape(n, 1).castTo(real.dataType());
        INDArray r = real.reshape('c', n, real.length() / n);
        INDArray f = fake.reshape('c', n, fake.length() / n);
        // x̂ = f + ε (r − f)
        INDArray mixed = r.sub(f).muliColumnVector(e).addi(f).reshape('c', real.shape());
        return apply(d, mixed, lambda, true);
    }

    /**
     * R1: the penalty on real samples.
     *
     * @param d the discriminator, whose gradients already hold its loss's (they are added to)
     * @param real real samples {@code [n, …]}
     * @param gamma the weight γ
     * @return the penalty's value
     */
    public static double r1(Network d, INDArray real, double gamma) {
        return apply(d, real.dup('c'), gamma, false);
    }

    /**
     * The penalty's value at {@code x} and its gradient added to D's gradients.
     *
     * @param oneCentred true for WGAN-GP's {@code weight·(‖g‖ − 1)²}, false for R1's {@code weight/2·‖g‖²}
     */
    static double apply(Network d, INDArray x, double weight, boolean oneCentred) {
        INDArray lossGradients = d.gradients().dup();
        INDArray out = d.forward(x, true);
        // one input gradient per output row: per sample, or per group of samples for a packing critic (PacGAN)
        long n = out.size(0);
        INDArray ones = Nd4j.onesLike(out);
        INDArray g = d.backward(ones, false).reshape('c', n, x.length() / n).dup();
        INDArray norms = g.norm2(1).reshape(n, 1);
        double value;
        INDArray scale;
        if (oneCentred) {
            INDArray dev = norms.sub(1);
            value = weight * dev.mul(dev).meanNumber().doubleValue();
            // ∂/∂g of weight/n Σ (‖g‖ − 1)² = 2·weight/n · (‖g‖ − 1) · g/‖g‖ (0 where g = 0)
            scale = dev.muli(2 * weight / n).divi(Transforms.max(norms, 1e-12, true));
        } else {
            value = weight / 2 * norms.mul(norms).meanNumber().doubleValue();
            scale = Nd4j.valueArrayOf(new long[] {n, 1}, weight / n, g.dataType());
        }
        INDArray v = g.muliColumnVector(scale).reshape('c', x.shape());
        d.linearize(true);
        try {
            INDArray jv = d.forward(v, true);
            d.backward(Nd4j.onesLike(jv), true);
        } finally {
            d.linearize(false);
        }
        d.gradients().addi(lossGradients);
        return value;
    }
}
