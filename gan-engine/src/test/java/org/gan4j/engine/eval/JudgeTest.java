package org.gan4j.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.gan4j.api.data.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The judge of translations on the evaluator's 8×8 shapes (class 0 horizontal bars, 1 vertical bars, 2 squares),
 * seen at another resolution as translations are: a translator that transposes horizontal bars is called "vertical"
 * and lies close to real vertical bars in the judge's features, the identity translator neither.
 */
class JudgeTest {
    @TempDir
    static Path cache;
    static Judge judge;

    @BeforeAll
    static void train() {
        Classifier c = Classifier.forData(EvaluatorTest.shapes(3000, 1, false, cache),
                EvaluatorTest.shapes(600, 2, false, cache), cache, line -> { });
        judge = new Judge(c, new long[] {1, EvaluatorTest.S, EvaluatorTest.S}, "shapes");
    }

    /** The images of one class from a shapes set, in [0, 1] and scaled up to 12×12 as a translation would give them. */
    static INDArray ofClass(int cls, long seed) {
        Dataset ds = EvaluatorTest.shapes(900, seed, false, cache);
        INDArray x = EvaluatorTest.all(ds);
        int[] idx = java.util.stream.IntStream.range(0, ds.size()).filter(i -> i % 3 == cls).toArray();
        INDArray own = x.get(org.nd4j.linalg.indexing.NDArrayIndex.indices(java.util.Arrays.stream(idx).asLongStream().toArray()));
        int n = (int) own.size(0);
        float[] src = org.gan4j.api.nn.HostData.floats(own.add(1).divi(2));
        float[] big = new float[n * 144];
        for (int i = 0; i < n; i++) {
            float[] plane = java.util.Arrays.copyOfRange(src, i * 64, (i + 1) * 64);
            Judge.resize(plane, 8, 8, big, i * 144, 12, 12);
        }
        return Nd4j.create(big, new long[] {n, 1, 12, 12}, 'c');
    }

    @Test
    void aTranslatorThatMakesTheTargetClassIsCalledItAndLiesCloseToRealTargets() {
        INDArray horizontal = ofClass(0, 11);
        INDArray transposed = horizontal.permute(0, 1, 3, 2).dup('c');
        INDArray realVertical = ofClass(1, 12);
        INDArray fTransposed = judge.features(transposed);
        INDArray fIdentity = judge.features(horizontal);
        INDArray fReal = judge.features(realVertical);
        assertThat(Judge.share(judge.predict(fTransposed), 1)).isGreaterThan(0.9);
        assertThat(Judge.share(judge.predict(fIdentity), 1)).isLessThan(0.1);
        assertThat(Judge.share(judge.predict(fReal), 1)).as("the judge's ceiling").isGreaterThan(0.9);
        double good = Judge.distance(fTransposed, fReal);
        double bad = Judge.distance(fIdentity, fReal);
        assertThat(good).isLessThan(0.25 * bad);
        assertThat(Judge.distance(fReal, fReal)).isCloseTo(0, within(1e-3 * bad));
    }

    @Test
    void agreementCountsMatchesAndColourIsAveragedToGrey() {
        assertThat(Judge.agreement(new int[] {1, 2, 2, 0}, new int[] {1, 2, 0, 0})).isEqualTo(0.75);
        assertThat(Judge.share(new int[] {9, 9, 7, 9}, 9)).isEqualTo(0.75);
        INDArray grey = ofClass(2, 13);
        INDArray rgb = Nd4j.concat(1, grey, grey, grey);
        assertThat(judge.input(rgb).sub(judge.input(grey)).amaxNumber().doubleValue()).isLessThan(1e-6);
    }

    @Test
    void bilinearScalingAlignsPixelCentresAndKeepsRampsLinear() {
        float[] ramp = {0, 1, 2, 3};
        float[] out = new float[8];
        Judge.resize(ramp, 1, 4, out, 0, 1, 8);
        for (int x = 0; x < 8; x++) {
            double expected = Math.max(0, Math.min(3, (x + 0.5) / 2 - 0.5));
            assertThat((double) out[x]).isCloseTo(expected, within(1e-6));
        }
        float[] same = new float[4];
        Judge.resize(ramp, 2, 2, same, 0, 2, 2);
        assertThat(same).containsExactly(ramp);
        float[] down = new float[2];
        Judge.resize(new float[] {0, 2, 4, 6}, 1, 4, down, 0, 1, 2);
        assertThat(down).containsExactly(1f, 5f);
    }
}
