package org.gan4j.engine.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.gan4j.api.Component;
import org.gan4j.api.ConfigException;
import org.gan4j.api.DataException;
import org.gan4j.api.DataSource;
import org.gan4j.api.Metric;
import org.gan4j.api.data.Dataset;
import org.gan4j.api.registry.Registry;
import org.gan4j.engine.Samples;
import org.gan4j.engine.config.ConfigBinder;
import org.gan4j.engine.internal.Npy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores samples produced outside gan4j (PyTorch, numpy) with exactly the evaluation a run gets, so that two
 * frameworks are compared with one yardstick ({@code gan evaluate --samples FILE.npy --data NAME}).
 *
 * <p>The file holds what {@code gan generate --out x.npy} writes: images {@code (N, C, H, W)} in [0, 1] (also
 * accepted: {@code (N, H, W)} for one channel and {@code (N, C·H·W)} flat), 2-D points {@code (N, 2)} in the data's
 * own coordinates; float32 or float64. For a conditional model the labels asked for come as an int64
 * {@code (N,)} file.
 */
public final class ExternalSamples {
    /** The most values a samples file may hold (10⁶ MNIST images). */
    static final long MAX_ELEMENTS = 1_000_000L * 784;

    private ExternalSamples() {
    }

    /**
     * Evaluates a samples file against a dataset.
     *
     * @param registry the providers (the data source is looked up by name)
     * @param samplesFile the {@code .npy} file
     * @param labelsFile the labels asked for, {@code (N,)} int64; null for an unconditional model
     * @param data the data source's name: {@code mnist}, {@code fashion-mnist}, {@code ring}, {@code grid}, …
     * @param dataSettings {@code data.KEY=VALUE} settings of the data source (its directory, a ring's radius)
     * @param log receives progress lines (classifier training)
     * @return the evaluation, with step 0
     * @throws ConfigException for an unknown data name or setting
     * @throws DataException when the file is missing, not a .npy array, of the wrong shape or holds NaN or ∞
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Evaluation evaluate(Registry registry, Path samplesFile, Path labelsFile, String data,
                                      List<String> dataSettings, Consumer<String> log) {
        DataSource source;
        try {
            source = registry.require(DataSource.class, data);
        } catch (org.gan4j.api.PluginException e) {
            throw new ConfigException("--data: " + e.getMessage(), e);
        }
        Dataset train = source.open(bind(source, data, dataSettings, "train"));
        long[] shape = train.sampleShape();
        INDArray x = read(samplesFile);
        x = fit(x, shape, samplesFile, data);
        int n = (int) x.size(0);
        int[] labels = labelsFile == null ? null : labels(labelsFile, n, train.numClasses());
        if (train.isImage()) {
            range(x, samplesFile);
            // the metrics see what a generator emits: images in [-1, 1]
            x = x.mul(2).subi(1);
        }
        DataSource from = source;
        Metric.MetricData metricData = new MetricInputs(data, shape, train.numClasses(),
                split -> split.equals("train") ? train : from.open(bind(from, data, dataSettings, split)), log);
        Evaluator evaluator;
        try {
            evaluator = MetricSet.of(List.of(), registry, metricData);
        } catch (ConfigException e) {
            throw new ConfigException("--data " + data + ": " + e.getMessage(), e);
        }
        return evaluator.evaluate(new Samples(x, labels, labels == null ? 0 : train.numClasses()), 0);
    }

    private static Record bind(DataSource<?> source, String data, List<String> settings, String split) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (String s : settings) {
            int eq = s.indexOf('=');
            if (eq <= 0 || !s.startsWith("data.")) {
                throw new ConfigException("--set " + s + ": with --samples FILE.npy only data.KEY=VALUE settings apply");
            }
            node.put(s.substring("data.".length(), eq).trim(), s.substring(eq + 1).trim());
        }
        Class<? extends Record> type = ((Component<?>) source).configType();
        List<String> keys = ConfigBinder.keys(type);
        if (keys.contains("split")) {
            node.put("split", split);
        }
        if (keys.contains("limit")) {
            node.put("limit", 0);
        }
        return ConfigBinder.bind((JsonNode) node, type, "data");
    }

    private static INDArray read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            INDArray a = Npy.read(bytes, MAX_ELEMENTS);
            return a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
        } catch (Npy.Malformed e) {
            throw new DataException(file + ": " + e.getMessage(), e);
        }
    }

    /** The samples in the data's shape: (N, C, H, W) from (N, H, W) or (N, C·H·W) too. */
    private static INDArray fit(INDArray x, long[] shape, Path file, String data) {
        long per = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        long[] s = x.shape();
        long n = s.length == 0 ? 0 : s[0];
        long rest = s.length == 0 ? 0 : Arrays.stream(s, 1, s.length).reduce(1, (a, b) -> a * b);
        boolean exact = Arrays.equals(Arrays.copyOfRange(s, 1, s.length), shape);
        boolean reshapable = s.length >= 2 && rest == per && (s.length == 2 || (s.length == 3 && shape.length == 3
                && shape[0] == 1));
        if (!exact && !reshapable) {
            throw new DataException(file + ": samples of shape " + Arrays.toString(s) + " do not fit " + data
                    + ", whose samples are " + Arrays.toString(shape) + ": expected (N, " + String.join(", ",
                    Arrays.stream(shape).mapToObj(Long::toString).toList()) + ")");
        }
        if (n < 2) {
            throw new DataException(file + ": needs at least 2 samples, has " + n);
        }
        long bad = x.isNaN().castTo(DataType.INT32).sumNumber().longValue()
                + x.isInfinite().castTo(DataType.INT32).sumNumber().longValue();
        if (bad > 0) {
            throw new DataException(file + ": " + bad + " values are NaN or infinite (a diverged generator?)");
        }
        long[] target = new long[shape.length + 1];
        target[0] = n;
        System.arraycopy(shape, 0, target, 1, shape.length);
        return exact ? x : x.reshape('c', target);
    }

    private static void range(INDArray x, Path file) {
        double min = x.minNumber().doubleValue();
        double max = x.maxNumber().doubleValue();
        if (min < -1e-3 || max > 1 + 1e-3) {
            throw new DataException(String.format(java.util.Locale.ROOT, "%s: images must be in [0, 1] (as gan "
                    + "generate writes them), these span [%.3g, %.3g]%s", file, min, max,
                    min < 0 ? "; a tanh generator's output x maps to (x + 1) / 2" : ""));
        }
    }

    private static int[] labels(Path file, int n, int classes) {
        INDArray l = read(file);
        if (l.rank() != 1 || l.size(0) != n) {
            throw new DataException(file + ": labels of shape " + Arrays.toString(l.shape()) + " for " + n
                    + " samples: expected (" + n + ",)");
        }
        int[] out = l.toIntVector();
        for (int v : out) {
            if (v < 0 || v >= classes) {
                throw new DataException(file + ": label " + v + " outside 0.." + (classes - 1));
            }
        }
        return out;
    }
}
