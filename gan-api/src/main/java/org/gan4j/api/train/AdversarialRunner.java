package org.gan4j.api.train;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.gan4j.api.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The skeleton of a runner that trains one generator against one discriminator: it names the two networks (so the
 * engine checks their roles) and performs the generator step through a frozen discriminator. A schedule extends it
 * and writes only its {@link #step}.
 *
 * @since API 1.3
 */
public abstract class AdversarialRunner implements StepRunner {
    /** The generator network's name. */
    protected final String generator;
    /** The discriminator (critic) network's name. */
    protected final String discriminator;

    /**
     * Names the two networks.
     *
     * @param generator the generator network's name
     * @param discriminator the discriminator network's name
     */
    protected AdversarialRunner(String generator, String discriminator) {
        this.generator = generator;
        this.discriminator = discriminator;
    }

    @Override
    public List<String> networks() {
        return List.of(generator, discriminator);
    }

    @Override
    public Set<String> generators() {
        return Set.of(generator);
    }

    /**
     * One generator step through the frozen discriminator on input D already sees as fake: D's forward pass, the
     * generator loss, D's input gradient only (D's parameters, gradients and optimizer state stay untouched), G's
     * backward pass on that gradient and G's optimizer step.
     *
     * @param ctx this iteration's context
     * @param g the generator, whose last forward pass produced what {@code dInput} holds
     * @param d the discriminator
     * @param dInput D's input for the generated batch
     * @param toGenerator maps the gradient with respect to {@code dInput} to the gradient with respect to G's output
     *     (identity when D sees G's output as it is)
     * @return the generator loss
     */
    protected final AdversarialLoss.GeneratorLoss generatorStep(StepContext ctx, Network g, Network d, INDArray dInput,
            UnaryOperator<INDArray> toGenerator) {
        AdversarialLoss.GeneratorLoss gl = ctx.loss().generator(d.forward(dInput, true));
        g.backward(toGenerator.apply(d.backward(gl.gradFake(), false)), true);
        ctx.optimizer(generator).step();
        return gl;
    }

    /**
     * {@link #generatorStep(StepContext, Network, Network, INDArray, UnaryOperator)} when D sees G's output as it is.
     *
     * @param ctx this iteration's context
     * @param g the generator
     * @param d the discriminator
     * @param fake G's output
     * @return the generator loss
     */
    protected final AdversarialLoss.GeneratorLoss generatorStep(StepContext ctx, Network g, Network d, INDArray fake) {
        return generatorStep(ctx, g, d, fake, UnaryOperator.identity());
    }
}
