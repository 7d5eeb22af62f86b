package org.gan4j.engine.builtin;

import static org.gan4j.api.nn.Shapes.withBatch;

import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Param;
import org.gan4j.api.TrainingSchedule;
import org.gan4j.api.nn.Network;
import org.gan4j.api.train.AdversarialRunner;
import org.gan4j.api.train.DiscriminatorStep;
import org.gan4j.api.train.StepContext;
import org.gan4j.api.train.StepRunner;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Goodfellow et al. (2014), Algorithm 1: k discriminator steps, then one generator step.
 *
 * <p>Each D step trains on a real batch and on G(z) for fresh z, without backpropagating into G (the fake batch is
 * detached). The G step backpropagates the generator loss through D into G, asking D for its input gradient only:
 * D's parameters, gradients and optimizer state are untouched. D sees real and fake samples in one forward pass
 * (one set of per-op overheads instead of two; identical for networks without batch statistics).
 *
 * <p>With {@code reuse_fake: true} the G step backpropagates through the fake batch the last D step generated, as
 * the PyTorch DCGAN example does, instead of drawing fresh noise as Algorithm 1 does: one generator forward pass
 * less per iteration, at the price of G's update seeing the same samples D was just trained on.
 */
public final class AlternatingSchedule extends Provider<AlternatingSchedule.Config>
        implements TrainingSchedule<AlternatingSchedule.Config> {

    /**
     * Settings of {@code alternating}.
     *
     * @param dSteps discriminator steps per generator step (k in Algorithm 1)
     * @param generator the generator network's name
     * @param discriminator the discriminator network's name
     * @param reuseFake let the G step reuse the last D step's fake batch instead of drawing new noise
     * @param dPasses {@code joint}: D runs once over real and fake concatenated; {@code separate}: one pass each, so
     *     BatchNorm in D sees real and fake batches apart, as the DCGAN reference does
     * @param r1 the R1 penalty's weight γ on D's input gradient at real samples (Mescheder et al. 2018); 0 = off
     */
    public record Config(
            @Param(value = "1", doc = "discriminator steps per generator step (k)", min = "1", max = "1000") int dSteps,
            @Param(value = "G", doc = "generator network name") String generator,
            @Param(value = "D", doc = "discriminator network name") String discriminator,
            @Param(value = "false", doc = "G step reuses the last fake batch (one G forward less; PyTorch DCGAN example)")
            boolean reuseFake,
            @Param(value = "joint", doc = "D passes per D step: joint (real+fake at once) | separate (BatchNorm sees them apart)")
            String dPasses,
            @Param(value = "0", doc = "R1 penalty weight γ: γ/2·‖∇D(x_real)‖² (Mescheder et al. 2018); 0 = off", min = "0", max = "1000000")
            double r1) {

        /**
         * The settings without a penalty.
         *
         * @param dSteps discriminator steps per generator step
         * @param generator the generator network's name
         * @param discriminator the discriminator network's name
         * @param reuseFake let the G step reuse the last D step's fake batch
         * @param dPasses joint or separate
         */
        public Config(int dSteps, String generator, String discriminator, boolean reuseFake, String dPasses) {
            this(dSteps, generator, discriminator, reuseFake, dPasses, 0);
        }

        /** Validates k. */
        public Config {
            if (dSteps < 1) {
                throw new org.gan4j.api.ConfigException("schedule.d_steps: must be >= 1, got " + dSteps);
            }
            if (!(r1 >= 0)) {
                throw new org.gan4j.api.ConfigException("schedule.r1: must be >= 0, got " + r1);
            }
            if (!dPasses.equals("joint") && !dPasses.equals("separate")) {
                throw new org.gan4j.api.ConfigException("schedule.d_passes: expected joint or separate, got '" + dPasses + "'");
            }
        }
    }

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public AlternatingSchedule() {
        super("alternating", Config.class, GanApi.VERSION,
                "k D steps on real and detached fake batches, then one G step through a frozen D (Goodfellow et al. 2014)");
    }

    @Override
    public StepRunner create(Config config) {
        return new Runner(config);
    }

    private static final class Runner extends AdversarialRunner {
        private final Config config;
        private final DiscriminatorStep dStep;
        private final DiscriminatorStep.Totals totals = new DiscriminatorStep.Totals();
        private INDArray lastFake;

        Runner(Config config) {
            super(config.generator(), config.discriminator());
            this.config = config;
            this.dStep = new DiscriminatorStep(config.dPasses().equals("separate"));
        }

        @Override
        public void step(StepContext ctx) {
            Network g = ctx.network(generator);
            Network d = ctx.network(discriminator);
            double r1 = 0;
            for (int k = 0; k < config.dSteps(); k++) {
                INDArray real = ctx.nextBatch().x();
                INDArray fake = g.forward(ctx.noise("z-d-" + k, withBatch(real.size(0), g.inputShape())), true);
                lastFake = fake;
                totals.add(dStep.backward(d, real, fake, ctx.loss()));
                if (config.r1() > 0) {
                    r1 = org.gan4j.api.train.GradientPenalty.r1(d, real, config.r1());
                }
                ctx.optimizer(discriminator).step();
            }
            // with reuse_fake, G's activations and output buffer still hold the last D step's forward pass
            INDArray fake = config.reuseFake() ? lastFake
                    : g.forward(ctx.noise("z-g", withBatch(ctx.batchSize(), g.inputShape())), true);
            ctx.record("loss_g", generatorStep(ctx, g, d, fake).value());
            totals.record(ctx);
            if (config.r1() > 0) {
                ctx.record("r1", r1);
            }
        }
    }
}
