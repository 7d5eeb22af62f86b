package org.gan4j.engine.eval;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.gan4j.api.ConfigException;
import org.gan4j.api.data.Dataset;
import org.gan4j.api.registry.Registry;
import org.gan4j.engine.Samples;
import org.gan4j.engine.config.ExperimentConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores generated images of a labelled image dataset against its real test split with the dataset's
 * {@link Classifier}. Build one per dataset and reuse it: the classifier, the test features and the floor are
 * computed once.
 */
public final class ImageEvaluator implements Evaluator {
    private final Classifier classifier;
    private final Dataset train;
    private final Frechet.Stats test;
    private final Map<Integer, Double> floors = new HashMap<>();
    /** The whole test split, read once: the Fréchet reference and the Parzen estimate's test points. */
    private final org.gan4j.api.data.Batch testBatch;
    private org.gan4j.api.data.Batch heldOutBatch;

    /**
     * An evaluator over given splits.
     *
     * @param train the training split (classifier training and the floor)
     * @param test the test split (the reference of the Fréchet distance)
     * @param log receives progress lines
     */
    public ImageEvaluator(Dataset train, Dataset test, Consumer<String> log) {
        this.train = train;
        this.testBatch = test.batch(range(test.size()));
        this.classifier = Classifier.cached(train, test, log);
        this.test = Frechet.stats(classifier.features(testBatch.x()));
    }

    /**
     * The image evaluator for an experiment's data: its train and test splits, opened through the config's data
     * source with {@code split} set and {@code limit} cleared.
     *
     * @param config the experiment
     * @param registry the providers
     * @param log receives progress lines
     * @return the evaluator
     * @throws ConfigException when the data has no train/test splits
     */
    public static ImageEvaluator forExperiment(ExperimentConfig config, Registry registry, Consumer<String> log) {
        return new ImageEvaluator(split(config, registry, "train"), split(config, registry, "test"), log);
    }

    private static Dataset split(ExperimentConfig config, Registry registry, String split) {
        ExperimentConfig c;
        try {
            c = Splits.bind(config, registry, split);
        } catch (ConfigException e) {
            throw new ConfigException("evaluation: data '" + config.data().type() + "' has no train/test splits ("
                    + e.getMessage() + "); evaluation needs labelled images such as mnist or fashion-mnist", e);
        }
        Dataset ds = Splits.open(c, registry);
        if (!ds.isImage() || ds.numClasses() < 2) {
            throw new ConfigException("evaluation: needs labelled images; data '" + config.data().type() + "' is "
                    + ds.describe());
        }
        return ds;
    }

    private static int[] range(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    /**
     * The classifier in use.
     *
     * @return the classifier
     */
    public Classifier classifier() {
        return classifier;
    }

    /**
     * The Fréchet distance of {@code n} real training images the classifier never saw (its held-out tail of the
     * training split; at most {@link Classifier#heldOut} of them) to the test split.
     *
     * @param n how many, the generated sample count it is compared with
     * @return the floor
     */
    public double floor(int n) {
        return floors.computeIfAbsent(n, k -> {
            int held = Classifier.heldOut(train.size());
            int m = Math.min(k, held);
            int[] idx = new int[m];
            for (int i = 0; i < m; i++) {
                idx[i] = train.size() - held + (int) ((long) i * held / m);
            }
            return Frechet.distance(Frechet.stats(classifier.features(train.batch(idx).x())), test);
        });
    }

    /** The classifier's held-out tail of the training split: real images for the choice of the Parzen width. */
    private org.gan4j.api.data.Batch validation() {
        if (heldOutBatch == null) {
            int held = Classifier.heldOut(train.size());
            heldOutBatch = train.batch(java.util.stream.IntStream.range(train.size() - held, train.size()).toArray());
        }
        return heldOutBatch;
    }

    /**
     * Parzen-window log-likelihoods of the test split (Goodfellow et al. 2014, Table 1): {@code parzen_ll} with
     * {@code parzen_se} and {@code parzen_sigma} for all samples; for a conditional model also
     * {@code parzen_ll_class}, the mean over test images of log p(x | its class) with a window per class.
     */
    private void parzen(Samples samples, Map<String, Double> m) {
        org.gan4j.api.data.Batch test = testBatch;
        INDArray validation = validation().x();
        Parzen.Result all = Parzen.estimate(samples.x(), validation, test.x());
        m.put("parzen_ll", all.ll());
        m.put("parzen_se", all.se());
        m.put("parzen_sigma", all.sigma());
        if (samples.labels() == null) {
            return;
        }
        int[] testLabels = test.labels().toIntVector();
        int[] validationLabels = validation().labels().toIntVector();
        double sum = 0;
        int count = 0;
        for (int k = 0; k < classifier.classes(); k++) {
            int[] own = indices(samples.labels(), k);
            int[] ownTest = indices(testLabels, k);
            int[] ownValidation = indices(validationLabels, k);
            if (own.length == 0 || ownTest.length == 0 || ownValidation.length == 0) {
                continue;
            }
            Parzen.Result r = Parzen.estimate(rows(samples.x(), own), rows(validation, ownValidation),
                    rows(test.x(), ownTest));
            sum += r.ll() * ownTest.length;
            count += ownTest.length;
        }
        m.put("parzen_ll_class", count == 0 ? Double.NaN : sum / count);
    }

    private static int[] indices(int[] labels, int k) {
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == k).toArray();
    }

    private static INDArray rows(INDArray x, int[] idx) {
        return x.get(org.nd4j.linalg.indexing.NDArrayIndex.indices(java.util.Arrays.stream(idx).asLongStream().toArray()));
    }

    @Override
    public Evaluation evaluate(Samples samples, long step) {
        INDArray x = samples.x();
        int n = (int) x.size(0);
        INDArray f = classifier.features(x);
        int[] predicted = classifier.predict(f);
        int k = classifier.classes();
        double[] hist = new double[k];
        int matches = 0;
        for (int i = 0; i < n; i++) {
            hist[predicted[i]] += 1.0 / n;
            if (samples.labels() != null && samples.labels()[i] == predicted[i]) {
                matches++;
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("fd", Frechet.distance(Frechet.stats(f), test));
        m.put("fd_floor", floor(n));
        m.put("classifier_accuracy", classifier.testAccuracy());
        m.put("classes_covered", (double) Evaluator.covered(hist));
        m.put("class_kl", Evaluator.klFromUniform(hist));
        if (samples.labels() != null) {
            m.put("label_accuracy", (double) matches / n);
        }
        parzen(samples, m);
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT,
                "fd %.3f (floor %.3f)  classes %.0f  class_kl %.3f", m.get("fd"), m.get("fd_floor"),
                m.get("classes_covered"), m.get("class_kl")));
        if (m.containsKey("label_accuracy")) {
            sb.append(String.format(java.util.Locale.ROOT, "  label_accuracy %.4f", m.get("label_accuracy")));
        }
        sb.append(String.format(java.util.Locale.ROOT, "  parzen %.1f ± %.1f (σ %.3f)", m.get("parzen_ll"),
                m.get("parzen_se"), m.get("parzen_sigma")));
        return new Evaluation(step, n, m, hist, null, new Evaluation.Report(sb.toString(), "class_histogram", null));
    }
}
