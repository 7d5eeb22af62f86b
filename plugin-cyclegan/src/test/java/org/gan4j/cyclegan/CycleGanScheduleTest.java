package org.gan4j.cyclegan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.gan4j.api.data.Batch;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.engine.testing.GradientCheck;
import org.gan4j.engine.testing.StepHarness;
import org.gan4j.engine.testing.TestLosses;
import org.gan4j.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Both generators' gradients of the full CycleGAN objective, the halved D objectives, and the image pool. */
class CycleGanScheduleTest {
    private static final AdversarialLoss SQUARES = TestLosses.squares();

    private static Sequential generator(long seed) {
        return Sequential.builder(2, 6, 6).dataType(DataType.DOUBLE).reflectionPad(1).conv(3, 3, 1, 0, true).instanceNorm()
                .relu().conv(2, 3, 1, 1, true).tanh().build(seed);
    }

    private static Sequential discriminator(long seed) {
        return Sequential.builder(2, 6, 6).dataType(DataType.DOUBLE).conv(3, 4, 2, 1, true).instanceNorm().leakyRelu(0.2)
                .conv(1, 2, 1, 0, true).build(seed);
    }

    private static double l1(INDArray x, INDArray y) {
        return Transforms.abs(x.sub(y)).meanNumber().doubleValue();
    }

    /** The same network without replicas, to drive the schedule's recompute path. */
    private static org.gan4j.api.nn.Network withoutReplicas(Sequential s) {
        return new org.gan4j.api.nn.Network() {
            public long[] inputShape() {
                return s.inputShape();
            }

            public long[] outputShape() {
                return s.outputShape();
            }

            public INDArray forward(INDArray input, boolean training) {
                return s.forward(input, training);
            }

            public INDArray backward(INDArray gradOutput, boolean parameterGradients) {
                return s.backward(gradOutput, parameterGradients);
            }

            public INDArray params() {
                return s.params();
            }

            public INDArray gradients() {
                return s.gradients();
            }

            public long numParams() {
                return s.numParams();
            }
        };
    }

    @Test
    void bothGeneratorsGetTheGradientOfAdversarialCycleAndIdentityTerms() {
        checkGeneratorGradients(true);
    }

    @Test
    void generatorsWithoutReplicasGetTheSameGradientsByRecomputation() {
        checkGeneratorGradients(false);
    }

    private void checkGeneratorGradients(boolean replicas) {
        Sequential g = generator(1);
        Sequential f = generator(2);
        Sequential dA = discriminator(3);
        Sequential dB = discriminator(4);
        INDArray both = GradientCheck.gaussian(5, 2, 4, 6, 6);
        StepHarness h = new StepHarness(SQUARES, () -> new Batch(both, null), 2)
                .network("G", replicas ? g : withoutReplicas(g)).network("F", replicas ? f : withoutReplicas(f))
                .network("D_A", dA).network("D_B", dB);
        h.run(new CycleGanSchedule().create(new CycleGanSchedule.Config(10, 7, 0.5, 0, 0, "G", "F", "D_A", "D_B")), 1);

        INDArray a = both.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).dup();
        INDArray b = both.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 4)).dup();
        DoubleSupplier objective = () -> {
            INDArray fakeB = g.forward(a, true).dup();
            INDArray fakeA = f.forward(b, true).dup();
            double adv = SQUARES.generator(dB.forward(fakeB, true)).value() + SQUARES.generator(dA.forward(fakeA, true)).value();
            double cycle = 10 * l1(f.forward(fakeB, true), a) + 7 * l1(g.forward(fakeA, true), b);
            double identity = 0.5 * (7 * l1(g.forward(b, true), b) + 10 * l1(f.forward(a, true), a));
            return adv + cycle + identity;
        };
        assertThat(h.metrics().get("loss_g")).isCloseTo(objective.getAsDouble(), within(1e-9));
        assertThat(GradientCheck.worstMismatch(g.params(), h.gradients("G").get(0), objective, 60)).isLessThanOrEqualTo(1);
        assertThat(GradientCheck.worstMismatch(f.params(), h.gradients("F").get(0), objective, 60)).isLessThanOrEqualTo(1);

        // each discriminator: half the loss of real images of its domain against the other generator's fakes
        INDArray out = dB.forward(Nd4j.concat(0, b, g.forward(a, true)), true);
        AdversarialLoss.DiscriminatorLoss dl = SQUARES.discriminator(out.get(NDArrayIndex.interval(0, 2)),
                out.get(NDArrayIndex.interval(2, 4)));
        dB.backward(Nd4j.concat(0, dl.gradReal(), dl.gradFake()), true);
        assertThat(h.gradients("D_B").get(0).sub(dB.gradients().mul(0.5)).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(h.metrics().get("loss_d_b")).isCloseTo(0.5 * dl.value(), within(1e-12));
        assertThat(h.gradients("D_A")).hasSize(1);
    }

    @Test
    void thePoolPassesFakesThroughUntilFullThenSwapsAboutHalfAndRestoresFromItsState() {
        ImagePool pool = new ImagePool(4, "pool_b");
        SplittableRandom r = new SplittableRandom(1);
        INDArray first = Nd4j.arange(4).castTo(DataType.DOUBLE).reshape(4, 1, 1, 1);
        assertThat(pool.query(first, r)).isEqualTo(first);
        assertThat(pool.size()).isEqualTo(4);
        int older = 0;
        for (int i = 0; i < 50; i++) {
            INDArray fresh = Nd4j.valueArrayOf(new long[] {2, 1, 1, 1}, 100.0 + i, DataType.DOUBLE);
            INDArray seen = pool.query(fresh, r);
            for (int k = 0; k < 2; k++) {
                older += seen.getDouble(k, 0, 0, 0) != 100.0 + i ? 1 : 0;
            }
        }
        assertThat(older).as("about half of 100 fakes swapped for stored ones").isBetween(35, 65);

        Map<String, INDArray> state = new HashMap<>();
        pool.save(state);
        assertThat(state).containsKeys("pool_b.images", "pool_b.count");
        ImagePool restored = new ImagePool(4, "pool_b");
        Map<String, INDArray> copies = new HashMap<>();
        state.forEach((k, v) -> copies.put(k, v.dup()));
        restored.restore(copies);
        INDArray probe = Nd4j.valueArrayOf(new long[] {3, 1, 1, 1}, -1.0, DataType.DOUBLE);
        assertThat(restored.query(probe, new SplittableRandom(9))).isEqualTo(pool.query(probe, new SplittableRandom(9)));
        assertThat(new ImagePool(0, "none").query(probe, r)).isSameAs(probe);
    }
}
