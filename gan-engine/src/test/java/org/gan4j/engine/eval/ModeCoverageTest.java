package org.gan4j.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gan4j.api.data.Dataset;
import org.gan4j.engine.Samples;
import org.gan4j.engine.builtin.ToyDataSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Mode coverage on the ring: real data covers every mode, a collapsed generator one, noise almost none. */
class ModeCoverageTest {
    static final Dataset RING = new ToyDataSource.Ring().open(new ToyDataSource.RingConfig(8, 2.0, 0.02, 20000, 0));
    static final ModeCoverage COVERAGE = new ModeCoverage(RING);

    static Evaluation score(INDArray xy) {
        return COVERAGE.evaluate(new Samples(xy, null, 0), 0);
    }

    @Test
    void realDataCoversEveryModeWithAlmostOnlyHighQualitySamples() {
        Dataset fresh = new ToyDataSource.Ring().open(new ToyDataSource.RingConfig(8, 2.0, 0.02, 4000, 9));
        Evaluation e = score(fresh.batch(java.util.stream.IntStream.range(0, 4000).toArray()).x());
        assertThat(e.metric("modes")).isEqualTo(8);
        assertThat(e.metric("modes_covered")).isEqualTo(8);
        // within 3σ of the centre in 2-D: 1 − e^{−9/2} ≈ 98.9 % of a Gaussian's mass
        assertThat(e.metric("hq_share")).isCloseTo(0.989, within(0.01));
        assertThat(e.metric("hq_share_real")).isCloseTo(0.989, within(0.01));
        assertThat(e.metric("reverse_kl")).isLessThan(0.01);
    }

    @Test
    void aCollapsedGeneratorCoversOneModeAndNoiseAlmostNone() {
        INDArray oneMode = Nd4j.randn(DataType.FLOAT, 1000, 2).muli(0.01).addi(Nd4j.createFromArray(new float[] {2f, 0f}).reshape(1, 2));
        Evaluation collapsed = score(oneMode);
        assertThat(collapsed.metric("modes_covered")).isEqualTo(1);
        assertThat(collapsed.metric("hq_share")).isGreaterThan(0.99);
        assertThat(collapsed.metric("reverse_kl")).isCloseTo(Math.log(8), within(1e-9));
        Evaluation noise = score(Nd4j.rand(DataType.FLOAT, 2000, 2).muli(6).subi(3));
        assertThat(noise.metric("hq_share")).isLessThan(0.02);
        assertThat(noise.metric("modes_covered")).isLessThanOrEqualTo(1);
    }
}
