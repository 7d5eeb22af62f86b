package org.gan4j.api.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The adversarial term of a GAN objective as a function of the discriminator's raw outputs, with its analytic
 * gradient. Values are means over the batch; gradients are with respect to each raw output. Implementations must be
 * numerically stable for any finite input (softplus or log-sum-exp, never {@code log(sigmoid(x))}).
 */
public interface AdversarialLoss {

    /**
     * The discriminator's loss, which it minimises.
     *
     * @param realOut D's raw outputs on real samples, {@code [n, 1]}
     * @param fakeOut D's raw outputs on generated samples, {@code [m, 1]}
     * @return the value and dLoss/dOutput for both sides
     */
    DiscriminatorLoss discriminator(INDArray realOut, INDArray fakeOut);

    /**
     * The generator's loss, which it minimises.
     *
     * @param fakeOut D's raw outputs on generated samples, {@code [m, 1]}
     * @return the value and dLoss/dOutput
     */
    GeneratorLoss generator(INDArray fakeOut);

    /**
     * The discriminator's loss and its gradients.
     *
     * @param value mean loss
     * @param gradReal dLoss/d realOut
     * @param gradFake dLoss/d fakeOut
     */
    record DiscriminatorLoss(double value, INDArray gradReal, INDArray gradFake) {
    }

    /**
     * The generator's loss and its gradient.
     *
     * @param value mean loss
     * @param gradFake dLoss/d fakeOut
     */
    record GeneratorLoss(double value, INDArray gradFake) {
    }
}
