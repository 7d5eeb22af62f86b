package org.gan4j.engine.builtin;

import java.util.List;
import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Param;
import org.gan4j.api.TrainingSchedule;
import org.gan4j.api.nn.Network;
import org.gan4j.api.train.AdversarialLoss;
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
     */
    public record Config(
            @Param(value = "1", doc = "discriminator steps per generator step (k)", min = "1", max = "1000") int dSteps,
            @Param(value = "G", doc = "generator network name") String generator,
            @Param(value = "D", doc = "discriminator network name") String discriminator,
            @Param(value = "false", doc = "G step reuses the last fake batch (one G forward less; PyTorch DCGAN example)")
            boolean reuseFake,
            @Param(value = "joint", doc = "D passes per D step: joint (real+fake at once) | separate (BatchNorm sees them apart)")
            String dPasses) {

        /** Validates k. */
        public Config {
            if (dSteps < 1) {
                throw new org.gan4j.api.ConfigException("schedule.d_steps: must be >= 1, got " + dSteps);
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

    private static final class Runner implements StepRunner {
        private final Config config;
        private final DiscriminatorStep dStep;
        private INDArray lastFake;

        Runner(Config config) {
            this.config = config;
            this.dStep = new DiscriminatorStep(config.dPasses().equals("separate"));
        }

        @Override
        public List<String> networks() {
            return List.of(config.generator(), config.discriminator());
        }

        @Override
        public java.util.Set<String> generators() {
            return java.util.Set.of(config.generator());
        }

        @Override
        public void step(StepContext ctx) {
            Network g = ctx.network(config.generator());
            Network d = ctx.network(config.discriminator());
            AdversarialLoss loss = ctx.loss();
            double lossD = 0;
            double dReal = 0;
            double dFake = 0;
            for (int k = 0; k < config.dSteps(); k++) {
                INDArray real = ctx.nextBatch().x();
                INDArray z = ctx.noise("z-d-" + k, shape(real.size(0), g.inputShape()));
                INDArray fake = g.forward(z, true);
                lastFake = fake;
                DiscriminatorStep.Result r = dStep.backward(d, real, fake, loss);
                ctx.optimizer(config.discriminator()).step();
                lossD += r.loss();
                dReal += r.realScore();
                dFake += r.fakeScore();
            }
            INDArray fake;
            if (config.reuseFake()) {
                // G's activations and output buffer still hold the last D step's forward pass
                fake = lastFake;
            } else {
                INDArray z = ctx.noise("z-g", shape(ctx.batchSize(), g.inputShape()));
                fake = g.forward(z, true);
            }
            INDArray out = d.forward(fake, true);
            AdversarialLoss.GeneratorLoss gl = loss.generator(out);
            INDArray gradFake = d.backward(gl.gradFake(), false);
            g.backward(gradFake, true);
            ctx.optimizer(config.generator()).step();
            int k = config.dSteps();
            ctx.record("loss_d", lossD / k);
            ctx.record("loss_g", gl.value());
            ctx.record("d_real", dReal / k);
            ctx.record("d_fake", dFake / k);
        }
    }

    static long[] shape(long n, long[] sample) {
        return org.gan4j.api.nn.Shapes.withBatch(n, sample);
    }
}
