package org.gan4j.engine.builtin;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gan4j.api.ConfigException;
import org.gan4j.api.DataException;
import org.gan4j.api.DataSource;
import org.gan4j.api.GanApi;
import org.gan4j.api.Param;
import org.gan4j.api.Provider;
import org.gan4j.api.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Data a library already holds in memory, without writing a provider: an {@link INDArray}, pictures, or an array with
 * labels, registered under a name that the config's {@code data: {type: in-memory, name: …}} refers to.
 * {@link org.gan4j.engine.ExperimentBuilder#data(Dataset)} registers and names it in one call. The config also keeps
 * the data's fingerprint, so a run resumed with other data under the same name is refused instead of silently
 * training on it.
 */
public final class InMemoryDataSource extends Provider<InMemoryDataSource.Config>
        implements DataSource<InMemoryDataSource.Config> {
    private static final Map<String, Dataset> REGISTERED = new ConcurrentHashMap<>();

    /**
     * Settings of {@code in-memory}.
     *
     * @param name the name the data was registered under
     * @param fingerprint the registered data's fingerprint when the run was configured; empty = not checked
     */
    public record Config(
            @Param(doc = "the name the data was registered under (InMemoryDataSource.register)") String name,
            @Param(value = "\"\"", doc = "the data's fingerprint, checked when the data is opened; empty = unchecked") String fingerprint) {
    }

    /** Declares the provider. */
    public InMemoryDataSource() {
        super("in-memory", Config.class, GanApi.VERSION,
                "data held by the calling program (INDArray, pictures, labelled arrays), registered by name from Java");
    }

    /**
     * Makes data available to configs as {@code {type: in-memory, name: NAME}}.
     *
     * @param name the name
     * @param data the data
     * @return its fingerprint, for the config's {@code fingerprint}
     */
    public static String register(String name, Dataset data) {
        REGISTERED.put(name, data);
        return fingerprint(data);
    }

    /**
     * Samples in an array, unlabelled.
     *
     * @param x {@code [n, ...sampleShape]}; images in [-1, 1] as the generators' tanh produces
     * @return the dataset
     */
    public static Dataset of(INDArray x) {
        return of(x, null, 0);
    }

    /**
     * Labelled samples in an array, for conditional models and the labelled-image evaluation.
     *
     * @param x {@code [n, ...sampleShape]}
     * @param labels a class in {@code [0, numClasses)} per sample, or null
     * @param numClasses the number of classes (0 when unlabelled)
     * @return the dataset
     * @throws DataException when the labels do not fit
     */
    public static Dataset of(INDArray x, int[] labels, int numClasses) {
        long[] shape = java.util.Arrays.copyOfRange(x.shape(), 1, x.rank());
        if (labels != null) {
            if (labels.length != x.size(0)) {
                throw new DataException("in-memory data: " + labels.length + " labels for " + x.size(0) + " samples");
            }
            for (int y : labels) {
                if (y < 0 || y >= numClasses) {
                    throw new DataException("in-memory data: label " + y + " outside [0, " + numClasses + ")");
                }
            }
        }
        float[] v = org.gan4j.api.nn.HostData.floats(x);
        return new ArrayDataset("in-memory " + java.util.Arrays.toString(shape), v, labels, labels == null ? 0 : numClasses,
                shape);
    }

    /**
     * Pictures, each scaled to {@code size}×{@code size} (transparent pixels over white), as images in [-1, 1].
     *
     * @param pictures the pictures
     * @param channels 1 (grey) or 3 (RGB)
     * @param size the side of the samples
     * @return the dataset
     */
    public static Dataset images(Iterable<BufferedImage> pictures, int channels, int size) {
        List<BufferedImage> all = new ArrayList<>();
        pictures.forEach(all::add);
        if (all.isEmpty()) {
            throw new DataException("in-memory data: no pictures");
        }
        return of(org.gan4j.engine.internal.Images.fromPictures(all, channels, size, size, Color.WHITE));
    }

    @Override
    public Dataset open(Config config) {
        Dataset d = REGISTERED.get(config.name());
        if (d == null) {
            throw new ConfigException("data.name: nothing registered as '" + config.name() + "' in this program; registered: "
                    + (REGISTERED.isEmpty() ? "none (InMemoryDataSource.register or ExperimentBuilder.data(Dataset))"
                    : String.join(", ", new java.util.TreeSet<>(REGISTERED.keySet()))));
        }
        if (!config.fingerprint().isEmpty() && !config.fingerprint().equals(fingerprint(d))) {
            throw new DataException("data: '" + config.name() + "' is not the data this run was configured with "
                    + "(fingerprint " + fingerprint(d) + ", the config says " + config.fingerprint() + ")");
        }
        return d;
    }

    /** Size, shape, classes and a hash of every value and label. */
    static String fingerprint(Dataset d) {
        long h = 1125899906842597L;
        int chunk = 4096;
        for (int from = 0; from < d.size(); from += chunk) {
            int[] idx = java.util.stream.IntStream.range(from, Math.min(d.size(), from + chunk)).toArray();
            org.gan4j.api.data.Batch b = d.batch(idx);
            for (float f : org.gan4j.api.nn.HostData.floats(b.x())) {
                h = 31 * h + Float.floatToIntBits(f);
            }
            if (b.labels() != null) {
                for (float f : org.gan4j.api.nn.HostData.floats(b.labels())) {
                    h = 31 * h + (int) f;
                }
            }
        }
        return d.size() + "x" + java.util.Arrays.toString(d.sampleShape()).replace(" ", "") + "/" + d.numClasses() + "/"
                + Long.toHexString(h);
    }
}
