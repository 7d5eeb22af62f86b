package org.gan4j.engine.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.data.Dataset;
import org.gan4j.api.nn.Network;
import org.gan4j.api.train.Labels;
import org.gan4j.engine.config.ExperimentConfig;
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
    /**
     * Draws samples from the sampling network ({@code samples.network}) with noise fixed by {@code seed}, in chunks.
     *
     * @param networks the run's networks
     * @param config the experiment
     * @param cond whether the generator takes labels
     * @param numClasses the label count
     * @param n how many
     * @param seed the noise seed
     * @param label the class asked for, or null for all in turn
     * @return the samples
     */
    static Samples generate(Map<String, Network> networks, ExperimentConfig config, boolean cond, int numClasses, int n,
                            long seed, Integer label) {
        String name = config.samples().network();
        Network g = networks.get(name);
        if (g == null) {
            throw new ConfigException("samples.network: no network named '" + name + "'");
        }
        if (label != null && !cond) {
            throw new ConfigException("--label: this model is not conditional (schedule '" + config.schedule().type()
                    + "'); it cannot be asked for a class");
        }
        if (label != null && (label < 0 || label >= numClasses)) {
            throw new ConfigException("--label: " + label + " is outside [0, " + numClasses + ")");
        }
        int[] labels = null;
        if (cond) {
            labels = new int[n];
            int columns = Samples.classGridColumns(n, numClasses);
            for (int i = 0; i < n; i++) {
                labels[i] = label != null ? label : Math.min(numClasses - 1, i / columns);
            }
        }
        List<INDArray> parts = new ArrayList<>();
        int chunk = 1024;
        for (int i = 0; i < n; i += chunk) {
            int m = Math.min(chunk, n - i);
            long[] shape = org.gan4j.api.nn.Shapes.withBatch(m, cond ? Labels.noiseShape(g.inputShape(), numClasses) : g.inputShape());
            INDArray input = Rng.normal(Rng.of(seed, i / chunk, "sample-z"), shape);
            if (cond) {
                int[] part = java.util.Arrays.copyOfRange(labels, i, i + m);
                input = Labels.generatorInput(input, Labels.oneHot(Labels.of(part), numClasses), g.inputShape());
            }
            parts.add(g.forward(input, false).dup());
        }
        INDArray x = parts.size() == 1 ? parts.get(0) : org.nd4j.linalg.factory.Nd4j.concat(0, parts.toArray(new INDArray[0]));
        return new Samples(x, labels, numClasses);
    }

    /**
     * A network's inference-mode outputs for a batch of any size, 16 inputs at a time, so a large batch needs no more
     * activation memory.
     *
     * @param net the network
     * @param name its name, for the error
     * @param input {@code [n, ...the network's input shape]}
     * @return a new array of the outputs
     * @throws org.gan4j.api.ConfigException when the input has the wrong shape
     */
    public static INDArray forwardInChunks(org.gan4j.api.nn.Network net, String name, INDArray input) {
        long[] want = net.inputShape();
        long[] got = java.util.Arrays.copyOfRange(input.shape(), 1, input.rank());
        if (!java.util.Arrays.equals(want, got)) {
            throw new org.gan4j.api.ConfigException("network '" + name + "' takes inputs of shape "
                    + java.util.Arrays.toString(want) + " per sample, got " + java.util.Arrays.toString(got));
        }
        long n = input.size(0);
        INDArray out = null;
        for (long from = 0; from < n; from += 16) {
            long to = Math.min(n, from + 16);
            INDArray chunk = net.forward(input.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to))
                    .castTo(net.params().dataType()), false);
            if (out == null) {
                long[] shape = chunk.shape().clone();
                shape[0] = n;
                out = org.nd4j.linalg.factory.Nd4j.create(chunk.dataType(), shape);
            }
            // copied out at once: the network reuses its output buffer on the next call
            out.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)).assign(chunk);
        }
        return out;
    }

    /**
     * Writes a run's progress picture: what the networks do to the first training images when the schedule
     * translates (noise would mean nothing there), else a picture of samples.
     *
     * @param file the PNG to write
     * @param translation the schedule's translation, or null
     * @param dataset the run's data
     * @param network the run's networks by name
     * @param samples draws the samples to show
     * @param title the picture's title
     * @throws org.gan4j.api.GanException when the file cannot be written
     */
    static void writeProgress(Path file, org.gan4j.api.train.Translation translation, Dataset dataset,
            java.util.function.Function<String, Network> network, java.util.function.Supplier<org.gan4j.engine.Samples> samples,
            String title) {
        try {
            if (translation != null) {
                Images.write(Translations.preview(translation, dataset, network), file);
            } else {
                writePicture(samples.get(), dataset, file, title);
            }
        } catch (IOException e) {
            throw new org.gan4j.api.GanException(file + ": cannot write samples: " + e.getMessage(), e);
        }
    }
}
