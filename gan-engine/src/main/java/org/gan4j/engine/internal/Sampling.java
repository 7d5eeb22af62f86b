package org.gan4j.engine.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.api.data.Dataset;
import org.gan4j.engine.Samples;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Turns generator output into files: a picture (grid or scatter) or a NumPy array. */
public final class Sampling {
    private Sampling() {
    }

    /**
     * Writes a picture of samples: a grid for images (one row per class for a conditional generator), a scatter
     * plot (over up to 2000 real points) for 2-D data.
     *
     * @param drawn generator output
     * @param dataset the real data for scatter plots, or null
     * @param file the PNG
     * @param title a title for plots
     * @throws IOException when writing fails
     */
    public static void writePicture(Samples drawn, Dataset dataset, Path file, String title) throws IOException {
        INDArray samples = drawn.x();
        if (samples.rank() == 4 && drawn.conditional()) {
            Images.write(Images.grid(Images.toUnit(samples), Samples.classGridColumns((int) samples.size(0),
                    drawn.numClasses())), file);
        } else if (samples.rank() == 4) {
            Images.writeGrid(samples, file);
        } else if (samples.rank() == 2 && samples.size(1) == 2) {
            INDArray real = null;
            if (dataset != null) {
                int m = Math.min(2000, dataset.size());
                int[] idx = new int[m];
                for (int i = 0; i < m; i++) {
                    idx[i] = (int) ((long) i * dataset.size() / m);
                }
                real = dataset.batch(idx).x();
            }
            Images.writeScatter(samples, real, title, file);
        } else {
            throw new IllegalArgumentException("cannot draw samples of shape " + java.util.Arrays.toString(samples.shape())
                    + " (images [n, C, H, W] or 2-D points [n, 2]); write .npy instead");
        }
    }

    /**
     * Writes samples as a float32 NumPy array: images mapped from [-1, 1] to [0, 1], other data as generated. For a
     * conditional generator the asked labels go beside it as {@code labels.npy} (int64, one per sample).
     *
     * @param drawn generator output
     * @param file the .npy file
     * @return the files written
     * @throws IOException when writing fails
     */
    public static java.util.List<Path> writeNpy(Samples drawn, Path file) throws IOException {
        INDArray samples = drawn.x();
        INDArray out = samples.rank() == 4 ? Images.toUnit(samples) : samples.castTo(DataType.FLOAT);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        write(out, file);
        if (!drawn.conditional()) {
            return java.util.List.of(file);
        }
        long[] y = java.util.Arrays.stream(drawn.labels()).asLongStream().toArray();
        Path labels = parent.resolve("labels.npy");
        write(Nd4j.createFromArray(y), labels);
        return java.util.List.of(file, labels);
    }

    private static void write(INDArray array, Path file) throws IOException {
        try (OutputStream os = Files.newOutputStream(file)) {
            os.write(Nd4j.toNpyByteArray(array.dup('c')));
        }
    }
}
