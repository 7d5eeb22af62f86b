package org.gan4j.pix2pix;

import org.gan4j.api.ConfigException;
import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Param;
import org.gan4j.api.TrainingSchedule;
import org.gan4j.api.nn.Network;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.api.train.DiscriminatorStep;
import org.gan4j.api.train.StepContext;
import org.gan4j.api.train.AdversarialRunner;
import org.gan4j.api.train.StepRunner;
import org.gan4j.nn.Stack;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Isola et al. (2017): G translates an input image A into B; D judges (A, B) pairs stacked along the channels. Paired
 * data arrive as samples with A's channels followed by B's ({@code [C_A + C_B, H, W]}), so a real sample is already
 * the real pair D sees. Each iteration: one D step on the real pair and the detached (A, G(A)) pair (in separate
 * passes by default, as the reference code) with D's objective halved, then one G step on
 * {@code L_GAN(D(A, G(A))) + λ·mean |G(A) - B|} through the frozen D. The adversarial terms come from the run's loss:
 * {@code non-saturating} is the paper's binary cross-entropy on logits.
 */
public final class Pix2pixSchedule extends Provider<Pix2pixSchedule.Config>
        implements TrainingSchedule<Pix2pixSchedule.Config> {

    /**
     * Settings of {@code pix2pix}.
     *
     * @param lambdaL1 weight of the L1 term
     * @param lambdaGan weight of the adversarial term; 0 trains G on L1 alone and D not at all (the paper's L1-only
     *     baseline)
     * @param inputChannels channels of A, the input image; 0 = half the data's channels
     * @param dPasses {@code separate}: D sees the real and the fake pairs in two passes, as the reference code does, so
     *     BatchNorm in D normalises each batch by its own statistics, exactly as in G's step, where D sees fakes
     *     alone; {@code joint}: one pass over both (faster, but D can then tell them apart by batch statistics that
     *     G's step never shows it)
     * @param generator the generator network's name
     * @param discriminator the discriminator network's name
     */
    public record Config(
            @Param(value = "100", doc = "weight λ of the L1 term", min = "0", max = "1000000") double lambdaL1,
            @Param(value = "1", doc = "weight of the GAN term; 0 = L1 only (the paper's baseline; D is not trained)", min = "0", max = "1000000")
            double lambdaGan,
            @Param(value = "0", doc = "channels of the input image A; 0 = half of the data's channels", min = "0", max = "64") int inputChannels,
            @Param(value = "separate", doc = "D passes: separate (real and fake apart, as the reference) | joint (one pass)")
            String dPasses,
            @Param(value = "G", doc = "generator network name") String generator,
            @Param(value = "D", doc = "discriminator network name") String discriminator) {

        /** Validates the settings. */
        public Config {
            if (!(lambdaL1 >= 0)) {
                throw new ConfigException("schedule.lambda_l1: must be >= 0, got " + lambdaL1);
            }
            if (!(lambdaGan >= 0)) {
                throw new ConfigException("schedule.lambda_gan: must be >= 0, got " + lambdaGan);
            }
            if (!dPasses.equals("separate") && !dPasses.equals("joint")) {
                throw new ConfigException("schedule.d_passes: expected separate or joint, got '" + dPasses + "'");
            }
            if (inputChannels < 0) {
                throw new ConfigException("schedule.input_channels: must be >= 0, got " + inputChannels);
            }
        }
    }

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public Pix2pixSchedule() {
        super("pix2pix", Config.class, GanApi.VERSION,
                "pix2pix: D on (A, B) vs (A, G(A)) pairs, halved; G on GAN + λ·L1 (Isola et al. 2017)");
    }

    @Override
    public StepRunner create(Config config) {
        return new Runner(config);
    }

    private static final class Runner extends AdversarialRunner {
        private final Config config;
        private final Stack stack = new Stack();
        private final DiscriminatorStep dStep;

        Runner(Config config) {
            super(config.generator(), config.discriminator());
            this.config = config;
            this.dStep = new DiscriminatorStep(config.dPasses().equals("separate"));
        }

        /** G translates A to B: pictures and evaluation show its translations of the paired images. */
        @Override
        public org.gan4j.api.train.Translation translation() {
            return new org.gan4j.api.train.Translation(config.generator(), null);
        }

        @Override
        public void step(StepContext ctx) {
            Network g = ctx.network(config.generator());
            Network d = ctx.network(config.discriminator());
            AdversarialLoss loss = ctx.loss();
            INDArray pair = ctx.nextBatch().x();
            long c = pair.size(1);
            long ca = config.inputChannels() > 0 ? config.inputChannels() : c / 2;
            if (pair.rank() != 4 || ca >= c || g.inputShape()[0] != ca || g.outputShape()[0] != c - ca) {
                throw new ConfigException("schedule: pix2pix needs paired images [C_A + C_B, H, W] with G mapping C_A = "
                        + ca + " to C_B = " + (c - ca) + " channels; the data has " + java.util.Arrays.toString(pair.shape())
                        + ", G maps " + g.inputShape()[0] + " to " + g.outputShape()[0]);
            }
            INDArray a = stack.copy("A", Stack.slice(pair, 1, 0, ca));
            INDArray b = Stack.slice(pair, 1, ca, c);
            INDArray fake = g.forward(a, true);
            INDArray diff = fake.sub(b);
            double l1 = Transforms.abs(diff, true).meanNumber().doubleValue();
            // d/dfake of λ·mean|fake - b| = λ·sign(fake - b)/N
            INDArray gradFake = Transforms.sign(diff, false).muli(config.lambdaL1() / fake.length());
            ctx.record("loss_l1", l1);
            if (config.lambdaGan() == 0) {
                g.backward(gradFake, true);
                ctx.optimizer(config.generator()).step();
                ctx.record("loss_g", config.lambdaL1() * l1);
                return;
            }
            INDArray fakePair = stack.concat("A+G(A)", 1, a, fake);

            // D step on the real pair and the detached (A, G(A)) pair; the paper halves D's objective to slow D
            // relative to G
            DiscriminatorStep.Result dr = dStep.backward(d, pair, fakePair, loss);
            d.gradients().muli(0.5);
            ctx.optimizer(config.discriminator()).step();

            // G step through the frozen D: D's input gradient on the channels G produced, weighted, plus the L1 term's
            AdversarialLoss.GeneratorLoss gl = generatorStep(ctx, g, d, fakePair,
                    gradPair -> gradFake.addi(Stack.slice(gradPair, 1, ca, c).muli(config.lambdaGan())));
            ctx.record("loss_d", 0.5 * dr.loss());
            ctx.record("loss_g_gan", gl.value());
            ctx.record("loss_g", config.lambdaGan() * gl.value() + config.lambdaL1() * l1);
        }
    }
}
