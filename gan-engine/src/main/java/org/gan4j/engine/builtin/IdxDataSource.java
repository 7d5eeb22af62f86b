package org.gan4j.engine.builtin;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.gan4j.api.DataException;
import org.gan4j.api.DataSource;
import org.gan4j.api.GanApi;
import org.gan4j.api.Param;
import org.gan4j.api.Provider;
import org.gan4j.api.data.Dataset;

/**
 * MNIST-format (IDX) image datasets: {@code mnist} and {@code fashion-mnist}. Files are read from a local directory,
 * plain or gzipped; scripts/setup-data.sh fetches them. Pixels are scaled to [-1, 1]; labels are kept.
 */
public abstract class IdxDataSource extends Provider<IdxDataSource.Config>
        implements DataSource<IdxDataSource.Config> {

    private IdxDataSource(String name, String description) {
        super(name, Config.class, GanApi.VERSION, description);
    }

    /**
     * Settings of the IDX sources.
     *
     * @param dir the directory holding {@code train-images-idx3-ubyte[.gz]} and friends
     * @param split {@code train} (60,000) or {@code test} (10,000)
     * @param limit use only the first N samples; 0 = all
     */
    public record Config(
            @Param(value = "\"\"", doc = "directory of the IDX files; empty = data/<name>") String dir,
            @Param(value = "train", doc = "train | test") String split,
            @Param(value = "0", doc = "use only the first N samples; 0 = all", min = "0") int limit) {

        /** Validates the split. */
        public Config {
            if (!split.equals("train") && !split.equals("test")) {
                throw new org.gan4j.api.ConfigException("data.split: expected train or test, got '" + split + "'");
            }
            if (limit < 0) {
                throw new org.gan4j.api.ConfigException("data.limit: must be >= 0, got " + limit);
            }
        }
    }

    /** MNIST handwritten digits. */
    public static final class Mnist extends IdxDataSource {
        /** Declares {@code mnist}. */
        public Mnist() {
            super("mnist", "MNIST digits 28×28 (LeCun et al.), from data/mnist");
        }
    }

    /** Fashion-MNIST clothing images. */
    public static final class Fashion extends IdxDataSource {
        /** Declares {@code fashion-mnist}. */
        public Fashion() {
            super("fashion-mnist", "Fashion-MNIST 28×28, 10 classes (Xiao et al.), from data/fashion-mnist");
        }
    }

    @Override
    public Dataset open(Config config) {
        Path dir = Path.of(config.dir().isEmpty() ? "data/" + name() : config.dir());
        String prefix = config.split().equals("train") ? "train" : "t10k";
        Path images = find(dir, prefix + "-images-idx3-ubyte");
        Path labels = find(dir, prefix + "-labels-idx1-ubyte");
        try (DataInputStream in = open(images)) {
            int magic = in.readInt();
            if (magic != 0x803) {
                throw new DataException(images + ": not an IDX image file (magic " + Integer.toHexString(magic) + ")");
            }
            int n = in.readInt();
            int h = in.readInt();
            int w = in.readInt();
            // a corrupt header must not turn into a negative or overflowing allocation
            if (n < 1 || h < 1 || w < 1 || h > 4096 || w > 4096 || (long) n * h * w > Integer.MAX_VALUE - 8) {
                throw new DataException(images + ": corrupt IDX header (" + n + " images of " + h + "×" + w
                        + "); re-run scripts/setup-data.sh " + name());
            }
            if (config.limit() > 0) {
                n = Math.min(n, config.limit());
            }
            byte[] raw = new byte[n * h * w];
            in.readFully(raw);
            float[] values = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                values[i] = (raw[i] & 0xff) / 127.5f - 1f;
            }
            int[] y = readLabels(labels, n);
            return new ArrayDataset(name() + " " + config.split(), dir.resolve("gan4j-cache"), values, y, 10, 1, h, w);
        } catch (EOFException e) {
            throw new DataException(images + ": truncated IDX file; re-run scripts/setup-data.sh " + name(), e);
        } catch (IOException e) {
            throw new DataException(images + ": unreadable (" + e.getMessage() + "); re-run scripts/setup-data.sh " + name(), e);
        }
    }

    private int[] readLabels(Path file, int n) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 0x801) {
                throw new DataException(file + ": not an IDX label file (magic " + Integer.toHexString(magic) + ")");
            }
            int count = in.readInt();
            if (count < 0 || count < n) {
                throw new DataException(file + ": has " + count + " labels for " + n + " images");
            }
            byte[] raw = new byte[n];
            try {
                in.readFully(raw);
            } catch (EOFException e) {
                // here, not in open(): the images file is whole, this one is cut short
                throw new DataException(file + ": truncated IDX file; re-run scripts/setup-data.sh " + name(), e);
            }
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                // unsigned, as IDX stores them; a label outside the ten classes is corruption, not class -56
                y[i] = raw[i] & 0xff;
                if (y[i] >= 10) {
                    throw new DataException(file + ": label " + y[i] + " of image " + i + " is outside [0, 10); re-run "
                            + "scripts/setup-data.sh " + name());
                }
            }
            return y;
        }
    }

    private Path find(Path dir, String base) {
        Path plain = dir.resolve(base);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new DataException(name() + " not found: " + plain + "[.gz] is missing; fetch it with: scripts/setup-data.sh "
                + name());
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (file.toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new DataInputStream(in);
    }
}
