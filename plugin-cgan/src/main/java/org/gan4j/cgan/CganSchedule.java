package org.gan4j.cgan;

import java.util.Arrays;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Param;
import org.gan4j.api.TrainingSchedule;
import org.gan4j.api.data.Batch;
import org.gan4j.api.nn.Network;
import org.gan4j.api.train.DiscriminatorStep;
import org.gan4j.api.train.Labels;
import org.gan4j.api.train.StepContext;
import org.gan4j.api.train.AdversarialRunner;
import org.gan4j.api.train.StepRunner;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mirza &amp; Osindero (2014): Goodfellow's alternation with labels. Real batches go to D with their own labels; fake
 * batches are drawn for labels sampled uniformly and go to D with the labels G was asked for. Labels enter both
 * networks as {@link Labels} lays them out, so the networks must be built conditional (the engine does that when
 * this schedule runs).
 */
public final class CganSchedule extends Provider<CganSchedule.Config> implements TrainingSchedule<CganSchedule.Config> {

    /**
     * Settings of {@code cgan}.
     *
     * @param dSteps discriminator steps per generator step
     * @param generator the generator network's name
     * @param discriminator the discriminator network's name
     * @param dPasses {@code joint}: D runs once over real and fake; {@code separate}: one pass each, so BatchNorm in
     *     D sees them apart (DCGAN practice)
     */
    public record Config(
            @Param(value = "1", doc = "discriminator steps per generator step (k)", min = "1", max = "1000") int dSteps,
            @Param(value = "G", doc = "generator network name") String generator,
            @Param(value = "D", doc = "discriminator network name") String discriminator,
            @Param(value = "joint", doc = "D passes per D step: joint | separate (BatchNorm sees real and fake apart)")
            String dPasses) {

        /** Validates the settings. */
        public Config {
            if (dSteps < 1) {
                throw new ConfigException("schedule.d_steps: must be >= 1, got " + dSteps);
            }
            if (!dPasses.equals("joint") && !dPasses.equals("separate")) {
                throw new ConfigException("schedule.d_passes: expected joint or separate, got '" + dPasses + "'");
            }
        }
    }

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public CganSchedule() {
        super("cgan", Config.class, GanApi.VERSION,
                "conditional GAN: one-hot labels into G and D, k D steps then one G step (Mirza & Osindero 2014)");
    }

    @Override
    public StepRunner create(Config config) {
        return new Runner(config);
    }

    private static final class Runner extends AdversarialRunner {
        private final Config config;
        private final DiscriminatorStep dStep;
        private final DiscriminatorStep.Totals totals = new DiscriminatorStep.Totals();
        private boolean checked;

        Runner(Config config) {
            super(config.generator(), config.discriminator());
            this.config = config;
            this.dStep = new DiscriminatorStep(config.dPasses().equals("separate"));
        }

        @Override
        public boolean conditional() {
            return true;
        }

        private void check(Network g, Network d, INDArray real, int classes) {
            long[] gin = g.inputShape();
            if (gin[0] <= classes) {
                throw new ConfigException("networks." + generator + ": input " + Arrays.toString(gin)
                        + " has no room for z and " + classes + " labels; its type does not support conditioning");
            }
            long[] sample = Arrays.copyOfRange(real.shape(), 1, real.rank());
            long[] flat = Labels.discriminatorShape(sample, classes, true);
            long[] planes = Labels.discriminatorShape(sample, classes, false);
            if (!Arrays.equals(d.inputShape(), flat) && !Arrays.equals(d.inputShape(), planes)) {
                throw new ConfigException("networks." + discriminator + ": input "
                        + Arrays.toString(d.inputShape()) + " takes no labels; a conditional discriminator takes "
                        + Arrays.toString(flat) + " or " + Arrays.toString(planes) + " (its type does not support conditioning)");
            }
            checked = true;
        }

        /** Uniform labels, one per sample; under workers each worker gets its rows of the whole batch's draw. */
        private static INDArray randomLabels(StepContext ctx, String stream, int n, int classes) {
            return Labels.oneHot(Labels.of(ctx.randomInts(stream, n, classes)), classes);
        }

        private INDArray generate(StepContext ctx, Network g, INDArray oneHot, String stream) {
            long[] noise = Labels.noiseShape(g.inputShape(), ctx.numClasses());
            long[] shape = org.gan4j.api.nn.Shapes.withBatch(oneHot.size(0), noise);
            return g.forward(Labels.generatorInput(ctx.noise(stream, shape), oneHot, g.inputShape()), true);
        }

        @Override
        public void step(StepContext ctx) {
            Network g = ctx.network(generator);
            Network d = ctx.network(discriminator);
            int classes = ctx.numClasses();
            for (int k = 0; k < config.dSteps(); k++) {
                Batch batch = ctx.nextBatch();
                INDArray real = batch.x();
                int n = (int) real.size(0);
                if (!checked) {
                    check(g, d, real, classes);
                }
                INDArray yFake = randomLabels(ctx, "y-d-" + k, n, classes);
                INDArray fake = generate(ctx, g, yFake, "z-d-" + k);
                INDArray realIn = Labels.discriminatorInput(real, Labels.oneHot(batch.labels(), classes), d.inputShape());
                INDArray fakeIn = Labels.discriminatorInput(fake, yFake, d.inputShape());
                totals.add(dStep.backward(d, realIn, fakeIn, ctx.loss()));
                ctx.optimizer(discriminator).step();
            }
            INDArray yG = randomLabels(ctx, "y-g", ctx.batchSize(), classes);
            INDArray fake = generate(ctx, g, yG, "z-g");
            // D's input gradient holds the label planes or columns too: G gets the sample's part
            ctx.record("loss_g", generatorStep(ctx, g, d, Labels.discriminatorInput(fake, yG, d.inputShape()),
                    gradIn -> Labels.sampleGradient(gradIn, fake.shape())).value());
            totals.record(ctx);
        }
    }
}
