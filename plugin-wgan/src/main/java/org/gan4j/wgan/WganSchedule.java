package org.gan4j.wgan;

import static org.gan4j.api.nn.Shapes.withBatch;

import org.gan4j.api.ConfigException;
import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Param;
import org.gan4j.api.TrainingSchedule;
import org.gan4j.api.nn.Network;
import org.gan4j.api.train.AdversarialRunner;
import org.gan4j.api.train.DiscriminatorStep;
import org.gan4j.api.train.GradientPenalty;
import org.gan4j.api.train.StepContext;
import org.gan4j.api.train.StepRunner;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Arjovsky et al. (2017), Algorithm 1: {@code n_critic} critic steps, each followed by clipping every critic
 * parameter to {@code [-clip, clip]}, then one generator step on fresh noise through the frozen critic. Each
 * iteration records {@code em_estimate}, the last critic step's {@code mean f(x) - mean f(G(z))}: it falls as the
 * samples improve, which tells a user when to stop. Use it with the {@code wasserstein} loss and RMSprop
 * (lr 5e-5 in the paper) as the optimizers of both networks.
 *
 * <p>The estimate is only as good as the critic is close to optimal. The authors' code therefore trains the critic
 * {@code boost_critic} (100) times instead of {@code n_critic} for the first {@code boost_first} (25) generator
 * iterations and at every {@code boost_every}-th (500): without it the estimate first rises for thousands of
 * iterations while a critic trained at lr 5e-5 catches up, and says nothing about the samples. Off by default (the
 * paper's Algorithm 1 as written); the wgan configs turn it on.
 */
public final class WganSchedule extends Provider<WganSchedule.Config> implements TrainingSchedule<WganSchedule.Config> {

    /**
     * Settings of {@code wgan}.
     *
     * @param nCritic critic steps per generator step
     * @param clip weight-clipping bound c; 0 turns clipping off (for a loss or network that enforces the Lipschitz
     *     constraint otherwise)
     * @param generator the generator network's name
     * @param critic the critic network's name
     * @param boostCritic critic steps in a boosted iteration; 0 = never boost
     * @param boostFirst how many first iterations are boosted
     * @param boostEvery every how many iterations one is boosted; 0 = only the first ones
     * @param gradientPenalty WGAN-GP's λ (Gulrajani et al. 2017: 10, with {@code clip: 0}, Adam lr 1e-4, β (0.5, 0.9)
     *     or (0, 0.9), a critic without BatchNorm); 0 = off
     */
    public record Config(
            @Param(value = "5", doc = "critic steps per generator step", min = "1", max = "1000") int nCritic,
            @Param(value = "0.01", doc = "clip critic weights to [-clip, clip] after each critic step; 0 = off", min = "0", max = "1000000") double clip,
            @Param(value = "G", doc = "generator network name") String generator,
            @Param(value = "D", doc = "critic network name") String critic,
            @Param(value = "0", doc = "critic steps in a boosted iteration (authors' code: 100); 0 = no boost", min = "0", max = "1000") int boostCritic,
            @Param(value = "25", doc = "the first N iterations are boosted", min = "0") int boostFirst,
            @Param(value = "500", doc = "and every N-th iteration after them; 0 = never", min = "0") int boostEvery,
            @Param(value = "0", doc = "WGAN-GP's gradient penalty weight λ on interpolates (paper: 10, with clip 0); 0 = off", min = "0", max = "1000000")
            double gradientPenalty) {

        /** Validates the settings. */
        public Config {
            if (nCritic < 1) {
                throw new ConfigException("schedule.n_critic: must be >= 1, got " + nCritic);
            }
            if (!(clip >= 0)) {
                throw new ConfigException("schedule.clip: must be >= 0, got " + clip);
            }
            if (!(gradientPenalty >= 0)) {
                throw new ConfigException("schedule.gradient_penalty: must be >= 0, got " + gradientPenalty);
            }
            if (boostCritic < 0 || boostFirst < 0 || boostEvery < 0) {
                throw new ConfigException("schedule.boost_critic, boost_first, boost_every: must be >= 0, got "
                        + boostCritic + ", " + boostFirst + ", " + boostEvery);
            }
        }

        /**
         * The paper's settings without the boost.
         *
         * @param nCritic critic steps per generator step
         * @param clip weight-clipping bound; 0 = off
         * @param generator the generator network's name
         * @param critic the critic network's name
         */
        public Config(int nCritic, double clip, String generator, String critic) {
            this(nCritic, clip, generator, critic, 0, 25, 500, 0);
        }

        /**
         * Critic steps in the iteration that starts at {@code step} (0-based).
         *
         * @param step iterations completed before this one
         * @return {@code boost_critic} in a boosted iteration, else {@code n_critic}
         */
        public int criticSteps(long step) {
            boolean boosted = boostCritic > 0 && (step < boostFirst || (boostEvery > 0 && step % boostEvery == 0));
            return boosted ? boostCritic : nCritic;
        }
    }

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public WganSchedule() {
        super("wgan", Config.class, GanApi.VERSION,
                "WGAN: n_critic critic steps with weight clipping, then one generator step (Arjovsky et al. 2017)");
    }

    @Override
    public StepRunner create(Config config) {
        return new Runner(config);
    }

    /**
     * Clips every value of a parameter vector to {@code [-c, c]} in place.
     *
     * @param params the parameters
     * @param c the bound
     */
    static void clip(INDArray params, double c) {
        Transforms.min(Transforms.max(params, -c, false), c, false);
    }

    /** One U[0, 1) draw per sample (24 bits); under workers each worker gets its rows of the batch's draw. */
    static INDArray uniform(StepContext ctx, String stream, int n) {
        int[] bits = ctx.randomInts(stream, n, 1 << 24);
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = bits[i] / (double) (1 << 24);
        }
        return org.nd4j.linalg.factory.Nd4j.createFromArray(u);
    }

    private static final class Runner extends AdversarialRunner {
        private final Config config;
        // one critic pass over real and fake, as every joint D step; its copy of G's output is the "detach"
        private final DiscriminatorStep criticStep = new DiscriminatorStep(false);

        Runner(Config config) {
            super(config.generator(), config.critic());
            this.config = config;
        }

        @Override
        public void step(StepContext ctx) {
            Network g = ctx.network(generator);
            Network f = ctx.network(discriminator);
            double lossD = 0;
            double gp = 0;
            int steps = config.criticSteps(ctx.step());
            for (int k = 0; k < steps; k++) {
                INDArray real = ctx.nextBatch().x();
                INDArray fake = g.forward(ctx.noise("z-d-" + k, withBatch(real.size(0), g.inputShape())), true);
                lossD = criticStep.backward(f, real, fake, ctx.loss()).loss();
                if (config.gradientPenalty() > 0) {
                    gp = GradientPenalty.wgangp(f, real, fake, uniform(ctx, "gp-eps-" + k, (int) real.size(0)),
                            config.gradientPenalty());
                }
                if (config.clip() > 0) {
                    // through the optimizer: under workers the clip runs once, after the reduced update
                    ctx.optimizer(discriminator).step(p -> clip(p, config.clip()));
                } else {
                    ctx.optimizer(discriminator).step();
                }
            }
            INDArray fake = g.forward(ctx.noise("z-g", withBatch(ctx.batchSize(), g.inputShape())), true);
            ctx.record("loss_d", lossD);
            ctx.record("loss_g", generatorStep(ctx, g, f, fake).value());
            ctx.record("em_estimate", -lossD);
            if (config.gradientPenalty() > 0) {
                ctx.record("gradient_penalty", gp);
            }
        }
    }
}
