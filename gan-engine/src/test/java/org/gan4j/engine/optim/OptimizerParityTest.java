package org.gan4j.engine.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.gan4j.api.nn.HostData;
import org.gan4j.engine.config.ComponentConfig;
import org.gan4j.nn.Compute;
import org.gan4j.nn.Sequential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every optimizer's host and native updates agree (PyTorch's rules both): six steps, plain and as the two-worker
 * reduction over slices, then a checkpoint of one mode restored into the other continues alike.
 */
class OptimizerParityTest {
    private final Compute.Mode before = Compute.mode();

    @AfterEach
    void restore() {
        Compute.use(before);
    }

    private static final Map<String, Record> SETTINGS = Map.of(
            "adam", new Adam.Settings(2e-3, 0.5, 0.999, 1e-8),
            "sgd", new Sgd.Settings(0.05, 0),
            "sgd-momentum", new Sgd.Settings(0.05, 0.9),
            "rmsprop", new RmsProp.Settings(1e-3, 0.99, 1e-8));

    private record Trained(INDArray params, INDArray state, NetworkOptimizer optimizer, Sequential net) {
    }

    private static Trained train(Compute.Mode mode, String rule, boolean workers, int steps) {
        Compute.use(mode);
        // more than two chunks, so the slices of the worker path are real
        Sequential net = Sequential.builder(40).dense(500).leakyRelu(0.2).dense(1).build(11);
        NetworkOptimizer opt = new NetworkOptimizer(net, new ComponentConfig(rule.replace("-momentum", ""),
                SETTINGS.get(rule)));
        run(opt, net, workers, 0, steps);
        return new Trained(net.params().dup(), opt.state(), opt, net);
    }

    private static void run(NetworkOptimizer opt, Sequential net, boolean workers, int from, int steps) {
        int n = opt.size();
        for (int s = from; s < from + steps; s++) {
            Nd4j.getRandom().setSeed(40 + s);
            INDArray g0 = Nd4j.randn(DataType.FLOAT, 1, n).muli(s % 2 == 0 ? 1 : 1e-3);
            INDArray g1 = Nd4j.randn(DataType.FLOAT, 1, n);
            if (workers) {
                opt.begin();
                int cut = NetworkOptimizer.CHUNK * 2;
                float[][] scratch = NetworkOptimizer.newScratch();
                opt.update(0, cut, new INDArray[] {g0, g1}, new float[] {0.75f, 0.25f}, scratch);
                opt.update(cut, n, new INDArray[] {g0, g1}, new float[] {0.75f, 0.25f}, scratch);
            } else {
                net.gradients().assign(g0);
                opt.step();
            }
        }
    }

    private static double relative(INDArray a, INDArray b) {
        double[] x = HostData.doubles(a);
        double[] y = HostData.doubles(b);
        double scale = 1e-12;
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            scale = Math.max(scale, Math.abs(x[i]));
            worst = Math.max(worst, Math.abs(x[i] - y[i]));
        }
        return worst / scale;
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "sgd", "sgd-momentum", "rmsprop"})
    void hostAndNativeUpdatesAgree(String rule) {
        for (boolean workers : new boolean[] {false, true}) {
            Trained host = train(Compute.Mode.HOST, rule, workers, 6);
            Trained nat = train(Compute.Mode.NATIVE, rule, workers, 6);
            assertThat(host.optimizer().mode()).isEqualTo(Compute.Mode.HOST);
            assertThat(nat.optimizer().mode()).isEqualTo(Compute.Mode.NATIVE);
            Sequential fresh = Sequential.builder(40).dense(500).leakyRelu(0.2).dense(1).build(11);
            assertThat(relative(fresh.params(), host.params())).as("the steps moved the parameters").isGreaterThan(1e-4);
            double dp = relative(host.params(), nat.params());
            System.out.printf("optimizer parity %-13s workers=%-5s params %.2e%n", rule, workers, dp);
            assertThat(dp).as(rule + " parameters").isLessThan(1e-6);
            if (host.state() != null) {
                assertThat(nat.state().shape()).isEqualTo(host.state().shape());
                assertThat(relative(host.state(), nat.state())).as(rule + " state").isLessThan(1e-6);
            } else {
                assertThat(nat.state()).isNull();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "sgd-momentum", "rmsprop"})
    void aHostCheckpointContinuesUnderNativeKernels(String rule) {
        Trained straight = train(Compute.Mode.HOST, rule, false, 6);
        Trained half = train(Compute.Mode.HOST, rule, false, 3);
        Compute.use(Compute.Mode.NATIVE);
        Sequential net = Sequential.builder(40).dense(500).leakyRelu(0.2).dense(1).build(11);
        net.params().assign(half.params());
        NetworkOptimizer opt = new NetworkOptimizer(net, new ComponentConfig(rule.replace("-momentum", ""),
                SETTINGS.get(rule)));
        opt.restore(half.state(), 3);
        run(opt, net, false, 3, 3);
        assertThat(relative(straight.params(), net.params())).as(rule).isLessThan(1e-6);
        assertThat(relative(straight.state(), opt.state())).as(rule + " state").isLessThan(1e-6);
    }
}
