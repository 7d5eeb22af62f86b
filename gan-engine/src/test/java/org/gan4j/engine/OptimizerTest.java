package org.gan4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.gan4j.api.ConfigException;
import org.gan4j.api.nn.Network;
import org.gan4j.engine.config.ComponentConfig;
import org.gan4j.engine.optim.Adam;
import org.gan4j.engine.optim.Sgd;
import org.gan4j.engine.optim.RmsProp;
import org.gan4j.engine.config.TrainingConfig;
import org.gan4j.engine.optim.NetworkOptimizer;
import org.gan4j.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The fused optimizer loops against the update rules written out in double precision (PyTorch's definitions). */
class OptimizerTest {

    private static Network net() {
        return Sequential.builder(3).dense(2).build(5);
    }

    private static double[] grad(int step, int n) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = Math.sin(1.3 * i + 0.7 * step) * (i % 3 + 1);
        }
        return g;
    }

    private static void setGrad(Network net, double[] g) {
        net.gradients().assign(Nd4j.create(g, new long[] {1, g.length}, 'c'));
    }

    @Test
    void adamMatchesTheReferenceRule() {
        Network net = net();
        NetworkOptimizer opt = new NetworkOptimizer(net, new ComponentConfig("adam",
                new Adam.Settings(0.01, 0.5, 0.999, 1e-8)));
        int n = (int) net.numParams();
        double[] p = net.params().toDoubleVector();
        double[] m = new double[n];
        double[] v = new double[n];
        for (int t = 1; t <= 5; t++) {
            double[] g = grad(t, n);
            setGrad(net, g);
            opt.step();
            for (int i = 0; i < n; i++) {
                m[i] = 0.5 * m[i] + 0.5 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                double mh = m[i] / (1 - Math.pow(0.5, t));
                double vh = v[i] / (1 - Math.pow(0.999, t));
                p[i] -= 0.01 * mh / (Math.sqrt(vh) + 1e-8);
            }
        }
        assertThat(net.params().toDoubleVector()).containsExactly(p, within(1e-5));
        assertThat(opt.iterations()).isEqualTo(5);
        INDArray state = opt.state();
        assertThat(state.length()).isEqualTo(2L * n);
        assertThat(state.getDouble(0)).isCloseTo(m[0], within(1e-5));
    }

    @Test
    void sgdWithMomentumAndRmspropMatchTheReferenceRules() {
        Network a = net();
        Network b = net();
        NetworkOptimizer sgd = new NetworkOptimizer(a, new ComponentConfig("sgd", new Sgd.Settings(0.1, 0.9)));
        NetworkOptimizer rms = new NetworkOptimizer(b, new ComponentConfig("rmsprop",
                new RmsProp.Settings(0.01, 0.99, 1e-8)));
        int n = (int) a.numParams();
        double[] pa = a.params().toDoubleVector();
        double[] pb = b.params().toDoubleVector();
        double[] buf = new double[n];
        double[] sq = new double[n];
        for (int t = 1; t <= 4; t++) {
            double[] g = grad(t, n);
            setGrad(a, g);
            setGrad(b, g);
            sgd.step();
            rms.step();
            for (int i = 0; i < n; i++) {
                buf[i] = t == 1 ? g[i] : 0.9 * buf[i] + g[i];
                pa[i] -= 0.1 * buf[i];
                sq[i] = 0.99 * sq[i] + 0.01 * g[i] * g[i];
                pb[i] -= 0.01 * g[i] / (Math.sqrt(sq[i]) + 1e-8);
            }
        }
        assertThat(a.params().toDoubleVector()).containsExactly(pa, within(1e-5));
        assertThat(b.params().toDoubleVector()).containsExactly(pb, within(1e-5));
    }

    @Test
    void plainSgdKeepsNoState() {
        Network a = net();
        NetworkOptimizer sgd = new NetworkOptimizer(a, new ComponentConfig("sgd", new Sgd.Settings(0.5, 0)));
        double[] p = a.params().toDoubleVector();
        double[] g = grad(1, p.length);
        setGrad(a, g);
        sgd.step();
        for (int i = 0; i < p.length; i++) {
            p[i] -= 0.5 * g[i];
        }
        assertThat(sgd.state()).isNull();
        assertThat(a.params().toDoubleVector()).containsExactly(p, within(1e-6));
    }

    @Test
    void aLearningRateScaleMultipliesEveryRuleAndTheDecayScheduleFallsLinearlyToZero() {
        for (String type : List.of("sgd", "rmsprop", "adam")) {
            Record settings = switch (type) {
                case "sgd" -> new Sgd.Settings(0.5, 0);
                case "rmsprop" -> new RmsProp.Settings(0.01, 0.99, 1e-8);
                default -> new Adam.Settings(0.01, 0.5, 0.999, 1e-8);
            };
            Network full = net();
            Network half = net();
            NetworkOptimizer a = new NetworkOptimizer(full, new ComponentConfig(type, settings));
            NetworkOptimizer b = new NetworkOptimizer(half, new ComponentConfig(type, settings));
            b.setLearningRateScale(0.5);
            double[] p0 = full.params().toDoubleVector();
            double[] g = grad(1, p0.length);
            setGrad(full, g);
            setGrad(half, g);
            a.step();
            b.step();
            double[] pa = full.params().toDoubleVector();
            double[] pb = half.params().toDoubleVector();
            for (int i = 0; i < p0.length; i++) {
                assertThat(pb[i] - p0[i]).as(type).isCloseTo(0.5 * (pa[i] - p0[i]), within(1e-6));
            }
        }
        TrainingConfig t = new TrainingConfig(10, 4, 6);
        assertThat(java.util.stream.LongStream.range(0, 10).mapToDouble(t::learningRateScale).toArray())
                .containsExactly(new double[] {1, 1, 1, 1, 1, 1, 1, 0.75, 0.5, 0.25}, within(1e-12));
        assertThat(new TrainingConfig(10, 4, 0).learningRateScale(9)).isEqualTo(1);
        assertThatThrownBy(() -> new TrainingConfig(10, 4, 10)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("training.lr_decay_from");
    }
}
