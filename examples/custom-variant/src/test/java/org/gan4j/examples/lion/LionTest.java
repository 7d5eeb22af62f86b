package org.gan4j.examples.lion;

import static org.assertj.core.api.Assertions.assertThat;

import org.gan4j.engine.testing.UpdateRuleCheck;
import org.gan4j.nn.Compute;
import org.junit.jupiter.api.Test;

/** Lion through gan4j's optimizer: the paper's formula written out, and the host loop equal to the ND4J form. */
class LionTest {
    private static final Lion.Settings SETTINGS = new Lion.Settings(1e-3, 0.9, 0.99, 0.1);

    /** Algorithm 2 of Chen et al. in double precision, from the same start and gradients. */
    private static double[] reference(UpdateRuleCheck.Trace t) {
        int n = t.start().length;
        double[] p = new double[n];
        double[] m = new double[n];
        for (int k = 0; k < n; k++) {
            p[k] = t.start()[k];
        }
        for (float[] g : t.gradients()) {
            for (int k = 0; k < n; k++) {
                double c = 0.9 * m[k] + 0.1 * g[k];
                p[k] -= 1e-3 * (Math.signum(c) + 0.1 * p[k]);
                m[k] = 0.99 * m[k] + 0.01 * g[k];
            }
        }
        return p;
    }

    @Test
    void followsThePapersUpdate() {
        for (boolean workers : new boolean[] {false, true}) {
            UpdateRuleCheck.Trace t = UpdateRuleCheck.run(new Lion(), SETTINGS, Compute.Mode.HOST, 5, workers, 3);
            double[] want = reference(t);
            double worst = 0;
            int moved = 0;
            for (int k = 0; k < want.length; k++) {
                worst = Math.max(worst, Math.abs(want[k] - t.end()[k]));
                if (t.end()[k] != t.start()[k]) {
                    moved++;
                }
            }
            // five steps of ±lr each: float rounding stays far below one step
            assertThat(worst).as("workers=" + workers).isLessThan(1e-6);
            assertThat(moved).isEqualTo(want.length);
            assertThat(t.state()).hasSize(want.length);
        }
    }

    @Test
    void hostLoopAndNd4jOpsAgree() {
        for (boolean workers : new boolean[] {false, true}) {
            UpdateRuleCheck.Trace host = UpdateRuleCheck.run(new Lion(), SETTINGS, Compute.Mode.HOST, 6, workers, 5);
            UpdateRuleCheck.Trace nd4j = UpdateRuleCheck.run(new Lion(), SETTINGS, Compute.Mode.NATIVE, 6, workers, 5);
            assertThat(UpdateRuleCheck.relativeGap(host.start(), nd4j.start())).isZero();
            assertThat(UpdateRuleCheck.relativeGap(host.end(), nd4j.end())).as("workers=" + workers).isLessThan(1e-6);
            assertThat(UpdateRuleCheck.relativeGap(host.state(), nd4j.state())).isLessThan(1e-6);
        }
    }
}
