package org.gan4j.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.nn.Network;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.api.train.Optimizer;
import org.gan4j.api.train.StepRunner;
import org.gan4j.engine.builtin.AlternatingSchedule;
import org.gan4j.engine.builtin.ToyDataSource;
import org.gan4j.engine.config.ComponentConfig;
import org.gan4j.engine.optim.Adam;
import org.gan4j.engine.optim.NetworkOptimizer;
import org.gan4j.nn.Sequential;
import org.gan4j.nn.Stable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Algorithm 1's bookkeeping, observed from the optimizers: k D updates per G update, and nothing of D — weights,
 * gradients, optimizer state — changes while G takes its step through D.
 */
class AlternatingStepTest {

    /** Binary cross-entropy on logits, enough to drive the schedule. */
    private static final AdversarialLoss BCE = new AdversarialLoss() {
        @Override
        public DiscriminatorLoss discriminator(INDArray r, INDArray f) {
            double[] rv = r.toDoubleVector();
            double[] fv = f.toDoubleVector();
            double[] gr = new double[rv.length];
            double[] gf = new double[fv.length];
            double v = 0;
            for (int i = 0; i < rv.length; i++) {
                v += Stable.softplus(-rv[i]) / rv.length;
                gr[i] = -Stable.sigmoid(-rv[i]) / rv.length;
            }
            for (int i = 0; i < fv.length; i++) {
                v += Stable.softplus(fv[i]) / fv.length;
                gf[i] = Stable.sigmoid(fv[i]) / fv.length;
            }
            return new DiscriminatorLoss(v, Nd4j.create(gr, r.shape(), 'c').castTo(r.dataType()),
                    Nd4j.create(gf, f.shape(), 'c').castTo(f.dataType()));
        }

        @Override
        public GeneratorLoss generator(INDArray f) {
            double[] fv = f.toDoubleVector();
            double[] g = new double[fv.length];
            double v = 0;
            for (int i = 0; i < fv.length; i++) {
                v += Stable.softplus(-fv[i]) / fv.length;
                g[i] = -Stable.sigmoid(-fv[i]) / fv.length;
            }
            return new GeneratorLoss(v, Nd4j.create(g, f.shape(), 'c').castTo(f.dataType()));
        }
    };

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void kDiscriminatorUpdatesPerGeneratorUpdateAndDIsFrozenDuringG(boolean reuseFake) {
        Network g = Sequential.builder(4).dense(16).leakyRelu(0.2).dense(2).build(1);
        Network d = Sequential.builder(2).dense(16).leakyRelu(0.2).dense(1).build(2);
        ComponentConfig adam = new ComponentConfig("adam", new Adam.Settings(1e-2, 0.5, 0.999, 1e-8));
        NetworkOptimizer dOpt = new NetworkOptimizer(d, adam);
        NetworkOptimizer gOpt = new NetworkOptimizer(g, adam);
        List<String> calls = new ArrayList<>();
        INDArray[] afterD = new INDArray[3];
        Optimizer dProbe = new Optimizer() {
            @Override
            public void step() {
                dOpt.step();
                calls.add("D");
                afterD[0] = d.params().dup();
                afterD[1] = dOpt.state().dup();
                afterD[2] = d.gradients().dup();
            }

            @Override
            public void step(java.util.function.Consumer<INDArray> constraint) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long iterations() {
                return dOpt.iterations();
            }
        };
        List<Boolean> frozen = new ArrayList<>();
        Optimizer gProbe = new Optimizer() {
            @Override
            public void step() {
                // G's gradient has just crossed D: D must be exactly as its own last update left it
                frozen.add(d.params().equals(afterD[0]) && dOpt.state().equals(afterD[1])
                        && d.gradients().equals(afterD[2]));
                INDArray before = g.params().dup();
                gOpt.step();
                assertThat(g.params()).as("G does move").isNotEqualTo(before);
                calls.add("G");
            }

            @Override
            public void step(java.util.function.Consumer<INDArray> constraint) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long iterations() {
                return gOpt.iterations();
            }
        };
        Map<String, Network> nets = new LinkedHashMap<>(Map.of("G", g, "D", d));
        Map<String, Optimizer> opts = Map.of("G", gProbe, "D", dProbe);
        BatchStream data = new BatchStream(new ToyDataSource.Ring().open(new ToyDataSource.RingConfig(8, 2, 0.02, 1000, 0)),
                32, 7);
        StepRunner runner = new AlternatingSchedule().create(new AlternatingSchedule.Config(3, "G", "D", reuseFake, "joint"));
        try (WorkerGroup group = new WorkerGroup(1, 1, w -> { }, nets, opts, runner, null, BCE, null, data, 32, 0, 7)) {
            for (int s = 0; s < 4; s++) {
                assertThat(group.step(s)).containsKeys("loss_d", "loss_g", "d_real", "d_fake");
            }
        }
        assertThat(String.join("", calls)).isEqualTo("DDDG".repeat(4));
        assertThat(frozen).containsExactly(true, true, true, true);
        assertThat(data.cursor()).as("one real batch per D step").isEqualTo(12);
    }
}
