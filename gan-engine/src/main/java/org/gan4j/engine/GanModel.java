package org.gan4j.engine;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanException;
import org.gan4j.api.nn.Network;
import org.gan4j.engine.config.ExperimentConfig;
import org.gan4j.engine.eval.Evaluation;
import org.gan4j.engine.internal.Run;
import org.gan4j.engine.internal.Sampling;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained model loaded once from a checkpoint ({@link Gan4j#load}): its networks stay in memory between calls,
 * where {@link Gan4j}'s path-taking methods re-read the checkpoint each time. When the run kept moving averages of its
 * generators ({@code training.ema_decay}), the networks here are those averages, as in every sample the run wrote.
 *
 * <pre>{@code
 * GanModel m = Gan4j.create().load(Path.of("runs/vanilla-mnist-…"));
 * INDArray digits = m.sample(64, 7);                 // [64, 1, 28, 28] in [-1, 1]
 * m.exportOnnx("G", Path.of("g.onnx"));
 * }</pre>
 *
 * <p>Not thread-safe: the networks reuse activation buffers between calls.
 */
public final class GanModel {
    private final Run run;
    private final Path checkpoint;

    GanModel(Run run, Path checkpoint) {
        this.run = run;
        this.checkpoint = checkpoint;
    }

    /**
     * The checkpoint this model was loaded from.
     *
     * @return its path
     */
    public Path checkpoint() {
        return checkpoint;
    }

    /**
     * The training step the checkpoint was written at.
     *
     * @return the step
     */
    public long step() {
        return run.step();
    }

    /**
     * The run's config, as saved in the checkpoint.
     *
     * @return the config
     */
    public ExperimentConfig config() {
        return run.config();
    }

    /**
     * The networks' names, such as {@code G} and {@code D}.
     *
     * @return the names in config order
     */
    public Set<String> networkNames() {
        return run.networks().keySet();
    }

    /**
     * One network, live: its parameters are the model's.
     *
     * @param name the network's name
     * @return the network
     * @throws ConfigException when the run has no such network
     */
    public Network network(String name) {
        Network net = run.networks().get(name);
        if (net == null) {
            throw new ConfigException("network '" + name + "': not in this run; networks: "
                    + String.join(", ", run.networks().keySet()));
        }
        return net;
    }

    /**
     * Samples from the generator; a conditional model draws all classes in turn.
     *
     * @param n how many
     * @param seed the noise seed
     * @return {@code [n, ...sampleShape]}, images in [-1, 1]
     */
    public INDArray sample(int n, long seed) {
        return sample(n, seed, null).x();
    }

    /**
     * Samples from the generator, for a conditional model of one class or all in turn.
     *
     * @param n how many
     * @param seed the noise seed
     * @param label the class asked for (conditional models), or null
     * @return the samples and the labels asked for
     * @throws ConfigException when a label is given to an unconditional model or is out of range
     */
    public Samples sample(int n, long seed, Integer label) {
        return run.generate(n, seed, label);
    }

    /**
     * Runs a network on inputs in inference mode (running statistics, no dropout), in chunks of 16.
     *
     * @param network such as {@code G} (pix2pix; CycleGAN A→B) or {@code F} (CycleGAN B→A)
     * @param input {@code [n, ...the network's input shape]}, images in [-1, 1]
     * @return the outputs
     * @throws ConfigException when the input does not fit the network
     */
    public INDArray translate(String network, INDArray input) {
        return Sampling.forwardInChunks(network(network), network, input);
    }

    /**
     * Translates pictures: each is scaled to the network's input size (transparent pixels over {@code background},
     * grey when the network takes one channel) and comes back at the network's output size.
     *
     * @param network the network's name
     * @param pictures the inputs
     * @param background the colour under transparent pixels
     * @return one picture per input
     * @throws ConfigException when the network does not take images
     */
    public List<BufferedImage> translate(String network, List<BufferedImage> pictures, Color background) {
        Network net = network(network);
        if (net.inputShape().length != 3) {
            throw new ConfigException("network '" + network + "': does not take images");
        }
        long[] s = net.inputShape();
        INDArray x = org.gan4j.engine.internal.Images.fromPictures(pictures, (int) s[0], (int) s[1], (int) s[2], background);
        return Samples.images(Sampling.forwardInChunks(net, network, x));
    }

    /**
     * Scores the model as {@code gan evaluate} does.
     *
     * @param samples how many samples to generate (image and 2-D data)
     * @param seed the noise seed
     * @param log receives progress lines (classifier training)
     * @return the evaluation
     */
    public Evaluation evaluate(int samples, long seed, Consumer<String> log) {
        return run.evaluate(samples, seed, log);
    }

    /**
     * Writes a network as an ONNX model (opset {@value org.gan4j.nn.OnnxGraph#OPSET}): input {@code input}
     * {@code [N, ...input shape]}, output {@code output}, its inference-mode computation with the weights named by
     * layer ({@code 3.weight}, {@code 3.running_mean}). The file is written whole or not at all.
     *
     * @param network the network's name
     * @param out the {@code .onnx} file
     * @throws ConfigException when the network (or one of its layers) has no ONNX form
     * @throws GanException when the file cannot be written
     */
    public void exportOnnx(String network, Path out) {
        Network net = network(network);
        if (!(net instanceof org.gan4j.nn.Sequential seq)) {
            throw new ConfigException("network '" + network + "': a " + net.getClass().getSimpleName()
                    + " has no ONNX form (only gan-nn Sequential networks do; a packed discriminator is not one)");
        }
        byte[] model;
        try {
            model = seq.toOnnx(network, org.gan4j.api.GanApi.artifactVersion(GanModel.class));
        } catch (UnsupportedOperationException e) {
            throw new ConfigException("network '" + network + "': " + e.getMessage(), e);
        }
        Path abs = out.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
        try {
            Files.createDirectories(abs.getParent());
            Files.write(tmp, model);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new GanException(out + ": cannot write: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // nothing was left, or nothing can be done about it
            }
        }
    }
}
