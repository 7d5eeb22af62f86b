package org.gan4j.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gan4j.api.data.Dataset;
import org.gan4j.engine.Samples;
import org.gan4j.engine.builtin.ArrayDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The evaluator on a small labelled image set (8×8 horizontal bars, vertical bars and squares with noise): real
 * held-out images score near the real-data floor, pixel-shuffled ones far above it; the class histogram and the
 * label accuracy see what they should; the classifier is cached and reused.
 */
class EvaluatorTest {
    static final int S = 8;
    @TempDir
    static Path cache;
    static ImageEvaluator evaluator;
    static final List<String> LOG = new ArrayList<>();

    /** {@code n} images of 3 classes; {@code shuffle} permutes each image's pixels (destroying the shapes). */
    static ArrayDataset shapes(int n, long seed, boolean shuffle, Path cacheDir) {
        Random r = new Random(seed);
        float[] v = new float[n * S * S];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            int a = 1 + r.nextInt(S - 3);
            int b = 1 + r.nextInt(S - 3);
            for (int p = 0; p < S * S; p++) {
                int row = p / S;
                int col = p % S;
                boolean on = switch (y[i]) {
                    case 0 -> row == a || row == a + 1;
                    case 1 -> col == a || col == a + 1;
                    default -> row >= a && row < a + 3 && col >= b && col < b + 3;
                };
                v[i * S * S + p] = (float) Math.max(-1, Math.min(1, (on ? 0.8 : -0.8) + 0.15 * r.nextGaussian()));
            }
            if (shuffle) {
                for (int p = S * S - 1; p > 0; p--) {
                    int q = r.nextInt(p + 1);
                    float t = v[i * S * S + p];
                    v[i * S * S + p] = v[i * S * S + q];
                    v[i * S * S + q] = t;
                }
            }
        }
        return new ArrayDataset("shapes", cacheDir, v, y, 3, 1, S, S);
    }

    static INDArray all(Dataset ds) {
        return ds.batch(java.util.stream.IntStream.range(0, ds.size()).toArray()).x();
    }

    static int[] labels(Dataset ds) {
        return java.util.stream.IntStream.range(0, ds.size()).map(i -> i % 3).toArray();
    }

    @BeforeAll
    static void train() {
        evaluator = new ImageEvaluator(shapes(3000, 1, false, cache), shapes(1000, 2, false, cache), LOG::add);
    }

    @Test
    void theClassifierLearnsTheClassesAndIsCachedBesideTheData() {
        assertThat(evaluator.classifier().testAccuracy()).isGreaterThan(0.97);
        assertThat(cache.resolve("classifier-v" + Classifier.FORMAT + ".npy")).exists();
        LOG.clear();
        ImageEvaluator again = new ImageEvaluator(shapes(3000, 1, false, cache), shapes(1000, 2, false, cache), LOG::add);
        assertThat(LOG).hasSize(1).first().asString().contains("test accuracy");
        assertThat(again.classifier().testAccuracy()).isEqualTo(evaluator.classifier().testAccuracy());
        Samples real = new Samples(all(shapes(600, 3, false, null)), null, 3);
        assertThat(again.evaluate(real, 0).metric("fd")).isCloseTo(evaluator.evaluate(real, 0).metric("fd"), within(1e-6));
        // other training data: the cache does not fit and the classifier is trained anew
        LOG.clear();
        new ImageEvaluator(shapes(1500, 9, false, cache), shapes(300, 2, false, cache), LOG::add);
        assertThat(LOG).anyMatch(l -> l.contains("other data"));
    }

    @Test
    void realImagesScoreNearTheFloorAndShuffledPixelsFarAboveIt() {
        Dataset heldOut = shapes(1000, 3, false, null);
        Dataset shuffled = shapes(1000, 3, true, null);
        Evaluation real = evaluator.evaluate(new Samples(all(heldOut), null, 3), 0);
        Evaluation noise = evaluator.evaluate(new Samples(all(shuffled), null, 3), 0);
        double floor = real.metric("fd_floor");
        assertThat(floor).isGreaterThan(0);
        assertThat(real.metric("fd")).isLessThan(3 * floor);
        assertThat(noise.metric("fd")).isGreaterThan(20 * real.metric("fd"));
        assertThat(real.metric("classes_covered")).isEqualTo(3);
        assertThat(real.metric("class_kl")).isLessThan(0.01);
        assertThat(real.histogram()).containsExactly(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, within(0.02));
        assertThat(real.metrics()).doesNotContainKey("label_accuracy");
    }

    @Test
    void aCollapsedGeneratorShowsInTheHistogramAndWrongLabelsInTheLabelAccuracy() {
        Dataset ds = shapes(900, 4, false, null);
        INDArray x = all(ds);
        INDArray onlyBars = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 900, 3)).dup();
        Evaluation collapsed = evaluator.evaluate(new Samples(onlyBars, null, 3), 0);
        assertThat(collapsed.metric("classes_covered")).isEqualTo(1);
        assertThat(collapsed.metric("class_kl")).isCloseTo(Math.log(3), within(0.05));

        int[] right = labels(ds);
        int[] wrong = java.util.Arrays.stream(right).map(v -> (v + 1) % 3).toArray();
        assertThat(evaluator.evaluate(new Samples(x, right, 3), 0).metric("label_accuracy")).isGreaterThan(0.95);
        assertThat(evaluator.evaluate(new Samples(x, wrong, 3), 0).metric("label_accuracy")).isLessThan(0.05);
    }

    @Test
    void frechetDistanceOfGaussiansHasTheClosedForm() {
        // N(0, I) vs N(μ, diag(σ²)): |μ|² + Σ (1 − σ)²
        Random r = new Random(5);
        int n = 40000;
        double[] mu = {0.5, -1, 0, 2};
        double[] sigma = {1, 2, 0.5, 1};
        double[][] a = new double[n][4];
        double[][] b = new double[n][4];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                a[i][j] = r.nextGaussian();
                b[i][j] = mu[j] + sigma[j] * r.nextGaussian();
            }
        }
        double expected = 0.25 + 1 + 0 + 4 + 0 + 1 + 0.25 + 0;
        double fd = Frechet.distance(Frechet.stats(Nd4j.create(a)), Frechet.stats(Nd4j.create(b)));
        assertThat(fd).isCloseTo(expected, within(0.08));
        assertThat(Frechet.distance(Frechet.stats(Nd4j.create(a)), Frechet.stats(Nd4j.create(a)))).isCloseTo(0, within(1e-6));

        INDArray m = Nd4j.create(new double[][] {{4, 1, 0}, {1, 3, 0.5}, {0, 0.5, 2}});
        INDArray root = Frechet.sqrtPsd(m);
        assertThat(root.mmul(root).sub(m).amaxNumber().doubleValue()).isLessThan(1e-9);
        assertThat(root.dataType()).isEqualTo(DataType.DOUBLE);
    }
}
