package org.gan4j.examples.relativistic;

import static org.gan4j.api.nn.Shapes.withBatch;

import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Param;
import org.gan4j.api.TrainingSchedule;
import org.gan4j.api.nn.Network;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.api.train.AdversarialRunner;
import org.gan4j.api.train.EvaluationProbe;
import org.gan4j.api.train.StepContext;
import org.gan4j.api.train.StepRunner;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The relativistic-average GAN (Jolicoeur-Martineau 2018): the discriminator judges whether a real sample is more
 * realistic than the average fake one, and the other way round. Its raw outputs C are turned into relativistic
 * logits {@code a = C(x_real) - mean C(x_fake)} and {@code b = C(x_fake) - mean C(x_real)}, and the configured loss
 * is applied to them: D minimises {@code loss.discriminator(a, b)}, G minimises the same with the roles swapped,
 * {@code loss.discriminator(b, a)}. With {@code minimax} this is RaSGAN, with {@code least-squares} RaLSGAN, with
 * {@code hinge} RaHingeGAN. Unlike the standard schedules, the generator's step needs a real batch too.
 *
 * <p>YAML: {@code schedule: {type: relativistic, d_steps: 1}}
 */
public final class RelativisticSchedule extends Provider<RelativisticSchedule.Config>
        implements TrainingSchedule<RelativisticSchedule.Config> {

    /**
     * Settings of {@code relativistic}.
     *
     * @param dSteps discriminator steps per generator step
     * @param generator the generator network's name
     * @param discriminator the discriminator network's name
     */
    public record Config(
            @Param(value = "1", doc = "discriminator steps per generator step") int dSteps,
            @Param(value = "G", doc = "generator network name") String generator,
            @Param(value = "D", doc = "discriminator network name") String discriminator) {

        /** Validates the settings. */
        public Config {
            if (dSteps < 1) {
                throw new ConfigException("schedule.d_steps: must be >= 1, got " + dSteps);
            }
        }
    }

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public RelativisticSchedule() {
        super("relativistic", Config.class, GanApi.VERSION,
                "relativistic-average GAN: the loss applied to C(real) - mean C(fake) and C(fake) - mean C(real)");
    }

    @Override
    public StepRunner create(Config config) {
        return new Runner(config);
    }

    /**
     * The loss of raw outputs through the relativistic logits, and its gradient with respect to the raw outputs.
     *
     * @param loss the loss applied to the relativistic logits
     * @param first outputs in the loss's "real" slot ({@code [n, ...]})
     * @param second outputs in the loss's "fake" slot ({@code [m, ...]}, same shape per sample)
     * @return the value and the gradients for {@code first} and {@code second}
     */
    static AdversarialLoss.DiscriminatorLoss relativistic(AdversarialLoss loss, INDArray first, INDArray second) {
        // per output position, the mean is over the batch: a PatchGAN map keeps one average per patch
        INDArray f = flat(first);
        INDArray s = flat(second);
        INDArray a = f.subRowVector(s.mean(0));
        INDArray b = s.subRowVector(f.mean(0));
        AdversarialLoss.DiscriminatorLoss l = loss.discriminator(a.reshape(first.shape()), b.reshape(second.shape()));
        INDArray ga = flat(l.gradReal());
        INDArray gb = flat(l.gradFake());
        // a_i = f_i - mean_j s_j and b_j = s_j - mean_i f_i: each output also moves the other side's logits
        INDArray gradFirst = ga.subRowVector(gb.sum(0).divi(f.size(0)));
        INDArray gradSecond = gb.subRowVector(ga.sum(0).divi(s.size(0)));
        return new AdversarialLoss.DiscriminatorLoss(l.value(), gradFirst.reshape(first.shape()),
                gradSecond.reshape(second.shape()));
    }

    private static INDArray flat(INDArray x) {
        return x.dup('c').reshape(x.size(0), x.length() / x.size(0));
    }

    /** Samples the evaluation hook compares. */
    static final int GAP_SAMPLES = 512;

    private static final class Runner extends AdversarialRunner {
        private final Config config;

        Runner(Config config) {
            super(config.generator(), config.discriminator());
            this.config = config;
        }

        /**
         * The hook that lets a variant add its own figures to every evaluation: here how much more realistic the
         * critic finds real samples than generated ones, on average ({@code eval_relativistic_gap} in metrics.jsonl;
         * it shrinks towards 0 as G catches up).
         */
        @Override
        public Map<String, Double> evaluate(EvaluationProbe probe) {
            Network g = probe.network(generator);
            Network d = probe.network(discriminator);
            INDArray real = probe.data(GAP_SAMPLES).x();
            double realScore = d.forward(real, false).meanNumber().doubleValue();
            INDArray fake = g.forward(probe.noise("gap", withBatch(real.size(0), g.inputShape())), false);
            double fakeScore = d.forward(fake, false).meanNumber().doubleValue();
            return Map.of("relativistic_gap", realScore - fakeScore);
        }

        @Override
        public void step(StepContext ctx) {
            Network g = ctx.network(generator);
            Network d = ctx.network(discriminator);
            double lossD = 0;
            for (int k = 0; k < config.dSteps(); k++) {
                INDArray real = ctx.nextBatch().x();
                INDArray fake = g.forward(ctx.noise("z-d-" + k, withBatch(real.size(0), g.inputShape())), true);
                // concat copies G's output: the "detach", D's step cannot reach G
                INDArray out = d.forward(Nd4j.concat(0, real, fake), true);
                long n = real.size(0);
                AdversarialLoss.DiscriminatorLoss l = relativistic(ctx.loss(), rows(out, 0, n), rows(out, n, out.size(0)));
                d.backward(Nd4j.concat(0, l.gradReal(), l.gradFake()), true);
                ctx.optimizer(discriminator).step();
                lossD += l.value();
            }
            INDArray real = ctx.nextBatch().x();
            INDArray fake = g.forward(ctx.noise("z-g", withBatch(ctx.batchSize(), g.inputShape())), true);
            INDArray out = d.forward(Nd4j.concat(0, real, fake), true);
            long n = real.size(0);
            // the generator wants its samples to look more real than the real ones: the roles swap
            AdversarialLoss.DiscriminatorLoss l = relativistic(ctx.loss(), rows(out, n, out.size(0)), rows(out, 0, n));
            // input gradients only: D's parameters, gradients and optimizer state stay as they are
            INDArray gradIn = d.backward(Nd4j.concat(0, l.gradFake(), l.gradReal()), false);
            g.backward(rows(gradIn, n, gradIn.size(0)), true);
            ctx.optimizer(generator).step();
            ctx.record("loss_d", lossD / config.dSteps());
            ctx.record("loss_g", l.value());
        }

        private static INDArray rows(INDArray x, long from, long to) {
            return x.get(NDArrayIndex.interval(from, to));
        }
    }
}
