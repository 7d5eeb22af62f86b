package org.gan4j.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.api.GanException;
import org.gan4j.engine.Gan4j;
import org.gan4j.engine.eval.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gan evaluate RUN_DIR|CKPT}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a generator on its labelled image data (MNIST, Fashion-MNIST): Fréchet distance of "
                + "classifier features to the real test split beside the real-data floor, the class histogram, and "
                + "for conditional models the share of samples classified as the label asked for, and the Parzen-window "
                + "log-likelihood of the test split (Goodfellow et al. 2014: σ chosen on a validation split, the standard "
                + "error beside it; per class too for conditional models). With training.ema_decay the moving average "
                + "of G's weights is evaluated. On 2-D mixtures "
                + "(ring, grid): modes covered, share of high-quality samples (within 3σ of a mode), reverse KL. On "
                + "paired images (pix2pix): L1, PSNR and SSIM of the translated test split against its targets, beside "
                + "output = input, and a picture of input | output | target rows. On unpaired images (CycleGAN): the "
                + "cycle-reconstruction errors |F(G(a)) - a| and |G(F(b)) - b| on the test split and, when testA and "
                + "testB hold the same file names, L1, PSNR and SSIM of G(a) against a's namesake in B (and of F(b) "
                + "against a) beside output = input, with a picture of a | G(a) | F(G(a)) | b | F(b) | G(F(b)) rows.",
            "The first evaluation of a dataset trains a small classifier (about a minute) and caches it beside the "
                + "data. Writes evaluation-step-N.json into the run directory."})
public class EvaluateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    GanCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR|CKPT", description = "a run directory (its newest checkpoint) or a checkpoint")
    Path target;

    @Option(names = "--samples", defaultValue = "10000", description = "samples to generate (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--seed", defaultValue = "0", description = "noise seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "the JSON report (default: RUN_DIR/evaluation-step-N.json)")
    Path out;

    @Option(names = "--set", paramLabel = "evaluation.KEY=VALUE",
            description = "change the saved config's evaluation block, e.g. evaluation.judge=fashion-mnist (repeatable)")
    java.util.List<String> overrides = new java.util.ArrayList<>();

    @Override
    public Integer call() {
        if (samples < 2) {
            throw new org.gan4j.api.ConfigException("--samples: must be >= 2, got " + samples);
        }
        PrintWriter err = spec.commandLine().getErr();
        Path ckpt = Gan4j.checkpointFile(target);
        Evaluation e = parent.engine().evaluate(ckpt, samples, seed, overrides, line -> {
            err.println(line);
            err.flush();
        });
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%s (step %d, %d samples)%n", ckpt, e.step(), e.samples());
        for (Map.Entry<String, Double> m : e.metrics().entrySet()) {
            w.printf(Locale.ROOT, "  %-20s %10.4f%n", m.getKey(), m.getValue());
        }
        if (e.histogram().length > 0) {
            StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "  %-20s", e.report().histogramName()
                    .replace('_', ' ')));
            for (int i = 0; i < e.histogram().length; i++) {
                h.append(String.format(Locale.ROOT, " %d:%.3f", i, e.histogram()[i]));
            }
            w.println(h);
        }
        Path file = out != null ? out : ckpt.toAbsolutePath().getParent().getParent()
                .resolve(String.format("evaluation-step-%08d.json", e.step()));
        if (e.picture() != null) {
            Path grid = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.json$", "") + "-translations.png");
            try {
                java.nio.file.Files.createDirectories(grid.toAbsolutePath().getParent());
                javax.imageio.ImageIO.write(e.picture(), "png", grid.toFile());
            } catch (java.io.IOException ex) {
                throw new org.gan4j.api.GanException(grid + ": cannot write: " + ex.getMessage(), ex);
            }
            w.println("  " + e.report().pictureCaption() + ": " + grid);
        }
        ObjectNode json = JSON.createObjectNode();
        json.put("checkpoint", ckpt.toString());
        json.put("step", e.step());
        json.put("samples", e.samples());
        json.put("seed", seed);
        e.metrics().forEach(json::put);
        if (e.histogram().length > 0) {
            ArrayNode hist = json.putArray(e.report().histogramName());
            for (double v : e.histogram()) {
                hist.add(v);
            }
        }
        try {
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
        } catch (IOException ex) {
            throw new GanException(file + ": cannot write: " + ex.getMessage(), ex);
        }
        w.println("wrote " + file);
        return Main.OK;
    }

    /**
     * A one-line summary for progress output.
     *
     * @param e the evaluation
     * @return for example {@code fd 12.3 (floor 0.9)  classes 10  label_accuracy 0.97}
     */
    static String summary(Evaluation e) {
        return e.report().summary();
    }
}
