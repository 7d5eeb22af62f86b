package org.gan4j.cyclegan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Param;
import org.gan4j.api.TrainingSchedule;
import org.gan4j.api.nn.Network;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.api.train.DiscriminatorStep;
import org.gan4j.api.train.StepContext;
import org.gan4j.api.train.StepRunner;
import org.gan4j.nn.Stack;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Zhu et al. (2017): G maps domain A to B, F maps B to A; D_A tells real A from F(b), D_B real B from G(a). Unpaired
 * data arrive as samples with an A image's channels followed by an unrelated B image's ({@code [C_A + C_B, H, W]}),
 * as the engine's {@code unpaired-images} data source delivers them.
 *
 * <p>Each iteration, as the reference implementation orders it: one step of both generators on
 * {@code L_GAN(D_B(G(a))) + L_GAN(D_A(F(b))) + λ_A·|F(G(a)) - a| + λ_B·|G(F(b)) - b|} plus the identity terms
 * {@code λ_idt·(λ_B·|G(b) - b| + λ_A·|F(a) - a|)} through the frozen discriminators; then one step of each
 * discriminator on real images against fakes from its image pool, its objective halved. The run's loss gives the
 * adversarial terms; {@code least-squares} is the paper's choice.
 *
 * <p>A gan4j network keeps the activations of its last forward pass only, and each generator runs twice in the
 * cycle (G(a), then G(F(b)) and G(b)). The second pass runs on a {@link Network#replica() replica} (same
 * parameters, own activations and gradients) whose gradients are added to the generator's. For a network without
 * replicas the second pass is back-propagated first and the first pass recomputed before its own backward pass: one
 * extra forward pass of each generator on one image per sample.
 */
public final class CycleGanSchedule extends Provider<CycleGanSchedule.Config>
        implements TrainingSchedule<CycleGanSchedule.Config> {

    /**
     * Settings of {@code cyclegan}.
     *
     * @param lambdaA weight of the cycle term a → G → F → a
     * @param lambdaB weight of the cycle term b → F → G → b
     * @param lambdaIdentity identity weight, relative to λ_A and λ_B; 0 turns the identity terms off
     * @param poolSize images in each discriminator's pool of past fakes; 0 = none
     * @param inputChannels channels of domain A; 0 = half the data's channels
     * @param generator G, A → B
     * @param inverse F, B → A
     * @param discriminatorA D_A, judges domain A
     * @param discriminatorB D_B, judges domain B
     */
    public record Config(
            @Param(value = "10", doc = "weight of the cycle term |F(G(a)) - a|", min = "0", max = "1000000") double lambdaA,
            @Param(value = "10", doc = "weight of the cycle term |G(F(b)) - b|", min = "0", max = "1000000") double lambdaB,
            @Param(value = "0.5", doc = "identity weight relative to the cycle weights; 0 = off", min = "0", max = "1000000") double lambdaIdentity,
            @Param(value = "50", doc = "past fakes kept for each discriminator; 0 = none", min = "0", max = "100000") int poolSize,
            @Param(value = "0", doc = "channels of domain A; 0 = half of the data's channels", min = "0", max = "64") int inputChannels,
            @Param(value = "G", doc = "generator A → B") String generator,
            @Param(value = "F", doc = "generator B → A") String inverse,
            @Param(value = "D_A", doc = "discriminator of domain A") String discriminatorA,
            @Param(value = "D_B", doc = "discriminator of domain B") String discriminatorB) {

        /** Validates the settings. */
        public Config {
            if (!(lambdaA >= 0 && lambdaB >= 0 && lambdaIdentity >= 0)) {
                throw new ConfigException("schedule: lambda_a, lambda_b and lambda_identity must be >= 0");
            }
            if (poolSize < 0 || inputChannels < 0) {
                throw new ConfigException("schedule: pool_size and input_channels must be >= 0");
            }
        }
    }

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public CycleGanSchedule() {
        super("cyclegan", Config.class, GanApi.VERSION,
                "CycleGAN: G: A→B and F: B→A with cycle and identity L1 terms, D_A and D_B on image pools (Zhu et al. 2017)");
    }

    @Override
    public StepRunner create(Config config) {
        return new Runner(config);
    }

    /** λ·mean|x - target| and its gradient λ·sign(x - target)/N (a new array). */
    static double l1(INDArray x, INDArray target, double lambda, INDArray[] grad) {
        INDArray diff = x.sub(target);
        double value = lambda * Transforms.abs(diff, true).meanNumber().doubleValue();
        grad[0] = Transforms.sign(diff, false).muli(lambda / x.length());
        return value;
    }

    private static final class Runner implements StepRunner {
        private final Config config;
        private final Stack stack = new Stack();
        private final ImagePool poolA;
        private final ImagePool poolB;
        // one joint pass over real and pooled fakes: the configs' discriminators use instance norm, which sees each
        // image alone, so the pass split of the reference code would change nothing but speed
        private final DiscriminatorStep dStepA = new DiscriminatorStep(false);
        private final DiscriminatorStep dStepB = new DiscriminatorStep(false);
        private Network gSecond;
        private Network fSecond;
        /** sides[0]: G's (a → B, judged by D_B); sides[1]: F's (b → A, judged by D_A). */
        private final Side[] sides = {new Side(), new Side()};
        private double[] adversarial;
        private double[] cycles;
        private double[] identities;
        private INDArray[] fakes;

        Runner(Config config) {
            this.config = config;
            poolA = new ImagePool(config.poolSize(), "pool_a");
            poolB = new ImagePool(config.poolSize(), "pool_b");
        }

        @Override
        public List<String> networks() {
            return List.of(config.generator(), config.inverse(), config.discriminatorA(), config.discriminatorB());
        }

        @Override
        public java.util.Set<String> generators() {
            return java.util.Set.copyOf(List.of(config.generator(), config.inverse()));
        }

        /** G translates A to B and F back: pictures and evaluation show both directions and the cycles. */
        @Override
        public org.gan4j.api.train.Translation translation() {
            return new org.gan4j.api.train.Translation(config.generator(), config.inverse());
        }

        @Override
        public Map<String, INDArray> state() {
            Map<String, INDArray> state = new LinkedHashMap<>();
            poolA.save(state);
            poolB.save(state);
            return state;
        }

        @Override
        public void restore(Map<String, INDArray> state) {
            poolA.restore(state);
            poolB.restore(state);
        }

        @Override
        public void step(StepContext ctx) {
            Network g = ctx.network(config.generator());
            Network f = ctx.network(config.inverse());
            Network dA = ctx.network(config.discriminatorA());
            Network dB = ctx.network(config.discriminatorB());
            AdversarialLoss loss = ctx.loss();
            INDArray both = ctx.nextBatch().x();
            long n = both.size(0);
            long c = both.size(1);
            long ca = config.inputChannels() > 0 ? config.inputChannels() : c / 2;
            if (both.rank() != 4 || ca >= c || g.inputShape()[0] != ca || g.outputShape()[0] != c - ca
                    || f.inputShape()[0] != c - ca || f.outputShape()[0] != ca) {
                throw new ConfigException("schedule: cyclegan needs unpaired images [C_A + C_B, H, W] with G mapping C_A = "
                        + ca + " to C_B = " + (c - ca) + " channels and F back; the data has "
                        + java.util.Arrays.toString(both.shape()));
            }
            boolean identity = config.lambdaIdentity() > 0 && ca == c - ca;
            INDArray a = stack.copy("a", Stack.slice(both, 1, 0, ca));
            INDArray b = stack.copy("b", Stack.slice(both, 1, ca, c));
            if (gSecond == null) {
                gSecond = replicaOrSelf(g);
                fSecond = replicaOrSelf(f);
            }
            if (gSecond == g || fSecond == f) {
                generatorsWithoutReplicas(ctx, g, f, dA, dB, a, b, n, identity);
            } else {
                // the two sides (G with D_B, F with D_A) touch disjoint networks between the optimizer steps, so with
                // more than one thread they run side by side: a batch of one cannot be split, but it has two halves
                Side toB = sides[0];
                Side toA = sides[1];
                // first pass: the translations, copied out of the generators' reused buffers
                ctx.parallel(() -> toB.fake = toB.stack.copy("G(a)", g.forward(a, true)),
                        () -> toA.fake = toA.stack.copy("F(b)", f.forward(b, true)));
                // second pass (G(F(b)) with G(b); F(G(a)) with F(a)), cycle and identity terms, and the adversarial
                // term through the frozen discriminator of the side's own fake (input gradients only)
                double idt = config.lambdaIdentity();
                ctx.parallel(() -> toB.second(gSecond, toA.fake, b, config.lambdaB(), idt, dB, loss, n, identity),
                        () -> toA.second(fSecond, toB.fake, a, config.lambdaA(), idt, dA, loss, n, identity));
                // a fake's gradient: its discriminator's, plus what the other side's second pass sends back
                ctx.parallel(() -> toB.first(g, gSecond, toA.returned),
                        () -> toA.first(f, fSecond, toB.returned));
                adversarial = new double[] {toA.adv, toB.adv};
                cycles = new double[] {toA.cycle, toB.cycle};
                identities = new double[] {toA.idt, toB.idt};
                fakes = new INDArray[] {toA.fake, toB.fake};
            }
            ctx.optimizer(config.generator()).step();
            ctx.optimizer(config.inverse()).step();

            // discriminators: real images against pooled fakes, objectives halved. Each pool sees the whole batch in
            // order (gathered from every worker), so every worker's copy of it stays the same one pool
            INDArray pooledB = ctx.shard(poolB.query(ctx.gather(fakes[1]), ctx.random("pool-b")));
            INDArray pooledA = ctx.shard(poolA.query(ctx.gather(fakes[0]), ctx.random("pool-a")));
            double[] lossD = new double[2];
            ctx.parallel(() -> lossD[1] = discriminatorHalf(dStepB, dB, b, pooledB, loss),
                    () -> lossD[0] = discriminatorHalf(dStepA, dA, a, pooledA, loss));
            ctx.optimizer(config.discriminatorB()).step();
            ctx.optimizer(config.discriminatorA()).step();
            double lossDA = lossD[0];
            double lossDB = lossD[1];
            double advA = adversarial[0];
            double advB = adversarial[1];
            double cycleA = cycles[0];
            double cycleB = cycles[1];
            double idtA = identities[0];
            double idtB = identities[1];

            ctx.record("loss_d", lossDA + lossDB);
            ctx.record("loss_d_a", lossDA);
            ctx.record("loss_d_b", lossDB);
            ctx.record("loss_g_gan", advA + advB);
            ctx.record("loss_cycle_a", cycleA);
            ctx.record("loss_cycle_b", cycleB);
            if (identity) {
                ctx.record("loss_idt_a", idtA);
                ctx.record("loss_idt_b", idtB);
            }
            ctx.record("loss_g", advA + advB + cycleA + cycleB + idtA + idtB);
        }

        /**
         * Both generators' step for networks without replicas, one after the other: the second pass is
         * back-propagated first, then the first pass recomputed (its activations were overwritten) and
         * back-propagated.
         */
        private void generatorsWithoutReplicas(StepContext ctx, Network g, Network f, Network dA, Network dB,
                INDArray a, INDArray b, long n, boolean identity) {
            AdversarialLoss loss = ctx.loss();
            Side toB = sides[0];
            Side toA = sides[1];
            toB.fake = toB.stack.copy("G(a)", g.forward(a, true));
            toA.fake = toA.stack.copy("F(b)", f.forward(b, true));
            toB.second(g, toA.fake, b, config.lambdaB(), config.lambdaIdentity(), dB, loss, n, identity);
            INDArray gParams2 = stack.copy("g-params-2", g.gradients());
            toA.second(f, toB.fake, a, config.lambdaA(), config.lambdaIdentity(), dA, loss, n, identity);
            INDArray fParams2 = stack.copy("f-params-2", f.gradients());
            g.forward(a, true);
            g.backward(toB.fakeGradient.addi(toA.returned), true);
            g.gradients().addi(gParams2);
            f.forward(b, true);
            f.backward(toA.fakeGradient.addi(toB.returned), true);
            f.gradients().addi(fParams2);
            adversarial = new double[] {toA.adv, toB.adv};
            cycles = new double[] {toA.cycle, toB.cycle};
            identities = new double[] {toA.idt, toB.idt};
            fakes = new INDArray[] {toA.fake, toB.fake};
        }

        private static Network replicaOrSelf(Network n) {
            try {
                return n.replica();
            } catch (UnsupportedOperationException e) {
                return n;
            }
        }

        /** One discriminator's half of its step: the gradient of its halved objective; the optimizer steps after. */
        private static double discriminatorHalf(DiscriminatorStep step, Network d, INDArray real, INDArray fake,
                AdversarialLoss loss) {
            double value = step.backward(d, real, fake, loss).loss();
            d.gradients().muli(0.5);
            return 0.5 * value;
        }
    }

    /**
     * One side of the cycle: a generator, the second pass of the other generator's fake through it, and the
     * discriminator of its own fake. Its buffers are its own, so the two sides can run at the same time.
     */
    private static final class Side {
        private final Stack stack = new Stack();
        private INDArray fake;
        private INDArray fakeGradient;
        private INDArray returned;
        private double adv;
        private double cycle;
        private double idt;

        /**
         * The second pass of the other side's fake through this side's generator (its replica), batched with the
         * identity input; its cycle and identity terms, back-propagated; and the adversarial term of this side's
         * fake through its discriminator.
         *
         * @param second this side's generator replica
         * @param otherFake the other side's fake, the second pass's input
         * @param target what the second pass must reproduce (the real image of this generator's output domain)
         * @param lambda the cycle weight
         * @param lambdaIdentity the identity weight, relative to {@code lambda}
         */
        void second(Network second, INDArray otherFake, INDArray target, double lambda, double lambdaIdentity, Network d,
                AdversarialLoss loss, long n, boolean identity) {
            INDArray out = second.forward(identity ? stack.concat("fake+real", 0, otherFake, target) : otherFake, true);
            INDArray[] grad = new INDArray[1];
            cycle = l1(Stack.slice(out, 0, 0, n), target, lambda, grad);
            INDArray g2 = grad[0];
            idt = 0;
            if (identity) {
                idt = l1(Stack.slice(out, 0, n, 2 * n), target, lambda * lambdaIdentity, grad);
                g2 = stack.concat("grad-2", 0, g2, grad[0]);
            }
            AdversarialLoss.GeneratorLoss a = loss.generator(d.forward(fake, true));
            adv = a.value();
            fakeGradient = stack.copy("dL/dfake", d.backward(a.gradFake(), false));
            // the second pass's input gradient belongs to the other side's fake
            returned = stack.copy("returned", Stack.slice(second.backward(g2, true), 0, 0, n));
        }

        /** The first pass's backward: the fake's gradient plus what came back, then the replica's gradients added. */
        void first(Network generator, Network second, INDArray back) {
            generator.backward(fakeGradient.addi(back), true);
            generator.gradients().addi(second.gradients());
        }
    }
}
