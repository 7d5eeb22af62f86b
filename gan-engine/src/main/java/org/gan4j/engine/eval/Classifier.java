package org.gan4j.engine.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.gan4j.api.DataException;
import org.gan4j.api.data.Batch;
import org.gan4j.api.data.Dataset;
import org.gan4j.engine.config.ComponentConfig;
import org.gan4j.engine.optim.Adam;
import org.gan4j.engine.optim.NetworkOptimizer;
import org.gan4j.nn.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The evaluation classifier: a small CNN trained once on a labelled image dataset's training split and cached
 * beside the data. Its 128-unit penultimate layer is the feature space of the Fréchet distance (as Inception's pool
 * layer is for FID; for 28 px digits and clothes a classifier trained on the data itself is the usual choice).
 *
 * <p>conv 32 (3×3, stride 2) → ReLU → conv 64 (3×3, stride 2) → ReLU → dense 128 → ReLU = features → dense K.
 * Adam 1e-3 for {@value #FULL_RATE_EPOCHS} epochs then 1e-4 (6 epochs in all), batch 128, fixed seed. The last
 * {@link #heldOut} training images are kept out of its training: real images it has never seen, for the
 * evaluation's floor (features of images a classifier was trained on sit differently from those of unseen ones,
 * generated or real).
 */
public final class Classifier {
    /** Bumped whenever the architecture or training changes, so stale caches are retrained. */
    public static final int FORMAT = 4;
    static final int EPOCHS = 6;
    /** Epochs at the full learning rate; the rest run at a tenth of it. */
    static final int FULL_RATE_EPOCHS = 4;
    private static final int BATCH = 128;
    private static final int CHUNK = 500;
    private static final long SEED = 20141;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sequential body;
    private final Sequential head;
    private final int classes;
    private double testAccuracy = Double.NaN;

    private Classifier(long[] sampleShape, int classes) {
        this.classes = classes;
        this.body = Sequential.builder(sampleShape).conv(32, 3, 2, 1, true).relu().conv(64, 3, 2, 1, true).relu()
                .flatten().dense(128).relu().build(SEED);
        this.head = Sequential.builder(128).dense(classes).build(SEED + 1);
    }

    /**
     * How many images at the end of a training split the classifier does not train on.
     *
     * @param trainSize the split's size
     * @return {@code min(10000, trainSize / 6)}
     */
    public static int heldOut(int trainSize) {
        return Math.min(10000, trainSize / 6);
    }

    /**
     * The classifier of a dataset, cached in the data's own cache directory (else under
     * {@code ~/.cache/gan4j/<name>}).
     *
     * @param train the training split (labelled images)
     * @param test the test split, for the logged accuracy
     * @param log receives progress lines
     * @return the classifier
     */
    static Classifier cached(Dataset train, Dataset test, Consumer<String> log) {
        Path cache = train.cacheDirectory() != null ? train.cacheDirectory()
                : Path.of(System.getProperty("user.home"), ".cache", "gan4j", train.describe().split(":")[0].replace(' ', '-'));
        return forData(train, test, cache, log);
    }

    /**
     * The classifier of a dataset: loaded from the cache when one fits these data, else trained and cached.
     *
     * @param train the training split (labelled images)
     * @param test the test split, for the logged accuracy
     * @param cacheDir where the classifier is kept
     * @param log receives progress lines
     * @return the classifier
     */
    public static Classifier forData(Dataset train, Dataset test, Path cacheDir, Consumer<String> log) {
        if (!train.isImage() || train.numClasses() < 2) {
            throw new DataException("evaluation: needs labelled images; the data is " + train.describe());
        }
        String fingerprint = fingerprint(train);
        Path params = cacheDir.resolve("classifier-v" + FORMAT + ".npy");
        Path meta = cacheDir.resolve("classifier-v" + FORMAT + ".json");
        Classifier c = new Classifier(train.sampleShape(), train.numClasses());
        try {
            if (Files.isRegularFile(params) && Files.isRegularFile(meta)) {
                JsonNode m = JSON.readTree(meta.toFile());
                INDArray p = Nd4j.createFromNpyFile(params.toFile());
                if (fingerprint.equals(m.path("fingerprint").asText()) && p.length() == c.numParams()) {
                    c.load(p);
                    c.testAccuracy = m.path("test_accuracy").asDouble(Double.NaN);
                    log.accept("evaluation classifier: " + params + " (test accuracy " + percent(c.testAccuracy) + ")");
                    return c;
                }
                log.accept("evaluation classifier: " + params + " was trained on other data; training anew");
            }
        } catch (IOException | RuntimeException e) {
            log.accept("evaluation classifier: cache " + params + " unreadable (" + e.getMessage() + "); training anew");
        }
        long t0 = System.nanoTime();
        c.train(train, log);
        c.testAccuracy = c.accuracy(test);
        log.accept(String.format("evaluation classifier: trained on %d images in %.0f s, test accuracy %s",
                train.size() - heldOut(train.size()),
                (System.nanoTime() - t0) / 1e9, percent(c.testAccuracy)));
        try {
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempFile(cacheDir, "classifier", ".tmp");
            try (OutputStream os = Files.newOutputStream(tmp)) {
                os.write(Nd4j.toNpyByteArray(Nd4j.concat(1, c.body.params(), c.head.params())));
            }
            Files.move(tmp, params, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            ObjectNode m = JSON.createObjectNode();
            m.put("format", FORMAT);
            m.put("fingerprint", fingerprint);
            m.put("data", train.describe());
            m.put("test_accuracy", c.testAccuracy);
            m.put("epochs", EPOCHS);
            Files.writeString(meta, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m));
            log.accept("evaluation classifier: cached in " + params);
        } catch (IOException e) {
            log.accept("evaluation classifier: could not cache in " + cacheDir + " (" + e.getMessage() + ")");
        }
        return c;
    }

    private static String percent(double v) {
        return String.format("%.2f %%", 100 * v);
    }

    /** Size, classes and a hash of every label and every 97th value: cheap, and changes when the data does. */
    static String fingerprint(Dataset ds) {
        long h = 1125899906842597L;
        int chunk = 5000;
        for (int start = 0; start < ds.size(); start += chunk) {
            int[] idx = java.util.stream.IntStream.range(start, Math.min(ds.size(), start + chunk)).toArray();
            Batch b = ds.batch(idx);
            float[] x = org.gan4j.api.nn.HostData.floats(b.x());
            for (int i = 0; i < x.length; i += 97) {
                h = 31 * h + Float.floatToIntBits(x[i]);
            }
            if (b.labels() != null) {
                for (float y : org.gan4j.api.nn.HostData.floats(b.labels())) {
                    h = 31 * h + (int) y;
                }
            }
        }
        return ds.size() + "x" + Arrays.toString(ds.sampleShape()) + "/" + ds.numClasses() + "/" + Long.toHexString(h);
    }

    long numParams() {
        return body.numParams() + head.numParams();
    }

    private void load(INDArray flat) {
        INDArray p = flat.reshape(1, flat.length()).castTo(DataType.FLOAT);
        long nb = body.numParams();
        body.params().assign(p.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, nb)).reshape(body.params().shape()));
        head.params().assign(p.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(nb, numParams())).reshape(head.params().shape()));
    }

    private void train(Dataset ds, Consumer<String> log) {
        ComponentConfig adam = new ComponentConfig("adam", new Adam.Settings(1e-3, 0.9, 0.999, 1e-8));
        ComponentConfig slow = new ComponentConfig("adam", new Adam.Settings(1e-4, 0.9, 0.999, 1e-8));
        NetworkOptimizer ob = new NetworkOptimizer(body, adam);
        NetworkOptimizer oh = new NetworkOptimizer(head, adam);
        SplittableRandom random = new SplittableRandom(SEED);
        int n = ds.size() - heldOut(ds.size());
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            if (epoch == FULL_RATE_EPOCHS) {
                ob = new NetworkOptimizer(body, slow);
                oh = new NetworkOptimizer(head, slow);
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double lossSum = 0;
            int batches = 0;
            for (int start = 0; start + BATCH <= n; start += BATCH) {
                Batch b = ds.batch(Arrays.copyOfRange(order, start, start + BATCH));
                INDArray logits = head.forward(body.forward(b.x(), true), true);
                INDArray[] lossAndGrad = crossEntropy(logits, b.labels());
                body.backward(head.backward(lossAndGrad[1], true), true);
                oh.step();
                ob.step();
                lossSum += lossAndGrad[0].getDouble(0);
                batches++;
            }
            log.accept(String.format("evaluation classifier: epoch %d/%d, cross-entropy %.4f", epoch + 1, EPOCHS,
                    lossSum / batches));
        }
    }

    /** Mean softmax cross-entropy and its gradient with respect to the logits. */
    static INDArray[] crossEntropy(INDArray logits, INDArray labels) {
        int n = (int) logits.size(0);
        int k = (int) logits.size(1);
        float[] z = org.gan4j.api.nn.HostData.floats(logits);
        float[] g = new float[z.length];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, z[i * k + j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(z[i * k + j] - max);
            }
            int y = labels.getInt(i);
            for (int j = 0; j < k; j++) {
                double p = Math.exp(z[i * k + j] - max) / sum;
                g[i * k + j] = (float) ((p - (j == y ? 1 : 0)) / n);
            }
            loss -= z[i * k + y] - max - Math.log(sum);
        }
        return new INDArray[] {Nd4j.scalar(loss / n), Nd4j.create(g, new long[] {n, k}, DataType.FLOAT)};
    }

    /**
     * The penultimate-layer features.
     *
     * @param x images {@code [n, C, H, W]} in [-1, 1]
     * @return {@code [n, 128]}, a new array
     */
    public INDArray features(INDArray x) {
        INDArray[] parts = new INDArray[(int) ((x.size(0) + CHUNK - 1) / CHUNK)];
        for (int i = 0; i < parts.length; i++) {
            long end = Math.min(x.size(0), (long) (i + 1) * CHUNK);
            INDArray part = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval((long) i * CHUNK, end));
            parts[i] = body.forward(part.dup('c'), false).dup();
        }
        return parts.length == 1 ? parts[0] : Nd4j.concat(0, parts);
    }

    /**
     * The most likely class of each feature row.
     *
     * @param features from {@link #features}
     * @return class indices
     */
    public int[] predict(INDArray features) {
        int[] out = new int[(int) features.size(0)];
        for (int i = 0; i < out.length; i += CHUNK) {
            long end = Math.min(out.length, i + CHUNK);
            INDArray logits = head.forward(features.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, end)).dup('c'),
                    false);
            INDArray arg = logits.argMax(1);
            for (int j = 0; j < end - i; j++) {
                out[i + j] = arg.getInt(j);
            }
        }
        return out;
    }

    /**
     * The share of a labelled dataset classified correctly.
     *
     * @param ds labelled images
     * @return accuracy in [0, 1]
     */
    public double accuracy(Dataset ds) {
        int correct = 0;
        for (int start = 0; start < ds.size(); start += CHUNK) {
            int[] idx = java.util.stream.IntStream.range(start, Math.min(ds.size(), start + CHUNK)).toArray();
            Batch b = ds.batch(idx);
            int[] p = predict(features(b.x()));
            for (int i = 0; i < p.length; i++) {
                if (p[i] == b.labels().getInt(i)) {
                    correct++;
                }
            }
        }
        return (double) correct / ds.size();
    }

    /**
     * The accuracy on the test split, measured when the classifier was trained.
     *
     * @return in [0, 1]
     */
    public double testAccuracy() {
        return testAccuracy;
    }

    /**
     * The number of classes.
     *
     * @return K
     */
    public int classes() {
        return classes;
    }
}
