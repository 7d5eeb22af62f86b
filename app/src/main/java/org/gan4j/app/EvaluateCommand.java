package org.gan4j.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.gan4j.api.ConfigException;
import org.gan4j.api.DataException;
import org.gan4j.api.GanException;
import org.gan4j.engine.Gan4j;
import org.gan4j.engine.board.RunBoard;
import org.gan4j.engine.eval.Evaluation;
import org.gan4j.engine.eval.EvaluationFile;
import org.gan4j.engine.eval.ExternalSamples;
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
            "With --samples FILE.npy --data NAME it scores samples made elsewhere (PyTorch, numpy) with the same "
                + "figures: images (N, C, H, W) in [0, 1] as gan generate writes them, or 2-D points (N, 2); --labels "
                + "FILE.npy (int64, (N,)) for a conditional model's labels.",
            "The first evaluation of a dataset trains a small classifier (about a minute) and caches it beside the "
                + "data. Writes evaluation-step-N.json into the run directory (FILE.json beside a samples file)."})
public class EvaluateCommand implements Callable<Integer> {
    @ParentCommand
    GanCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN_DIR|CKPT",
            description = "a run directory (its newest checkpoint) or a checkpoint")
    Path target;

    @Option(names = "--samples", defaultValue = "10000", paramLabel = "N|FILE.npy",
            description = "samples to generate (default: ${DEFAULT-VALUE}), or a .npy file of samples to score "
                    + "(with --data)")
    String samples;

    @Option(names = "--data", paramLabel = "NAME",
            description = "with --samples FILE.npy: the data to score against (mnist, fashion-mnist, ring, grid, …)")
    String data;

    @Option(names = "--labels", paramLabel = "FILE.npy",
            description = "with --samples FILE.npy: the labels a conditional model was asked for (int64, (N,))")
    Path labels;

    @Option(names = "--seed", defaultValue = "0", description = "noise seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "the JSON report (default: RUN_DIR/evaluation-step-N.json)")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "change the saved config's evaluation block, e.g. evaluation.judge=fashion-mnist; with "
                    + "--samples FILE.npy, the data's settings, e.g. data.dir=/data/mnist (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> log = line -> {
            err.println(line);
            err.flush();
        };
        Integer count = count(samples);
        if (count == null) {
            return external(Path.of(samples), log);
        }
        if (data != null || labels != null) {
            throw new ConfigException((data != null ? "--data" : "--labels") + ": only with --samples FILE.npy");
        }
        if (target == null) {
            throw new ConfigException("RUN_DIR|CKPT: missing (or give --samples FILE.npy --data NAME)");
        }
        if (count < 2) {
            throw new ConfigException("--samples: must be >= 2, got " + count);
        }
        Path ckpt = Gan4j.checkpointFile(target);
        Evaluation e = parent.engine().evaluate(ckpt, count, seed, overrides, log);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%s (step %d, %d samples)%n", ckpt, e.step(), e.samples());
        print(e, w);
        Path runDir = ckpt.toAbsolutePath().getParent().getParent();
        Path file = out != null ? out : runDir.resolve(EvaluationFile.name(e.step()));
        if (e.picture() != null) {
            Path grid = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.json$", "") + "-translations.png");
            try {
                Files.createDirectories(grid.toAbsolutePath().getParent());
                ImageIO.write(e.picture(), "png", grid.toFile());
            } catch (IOException ex) {
                throw new GanException(grid + ": cannot write: " + ex.getMessage(), ex);
            }
            w.println("  " + e.report().pictureCaption() + ": " + grid);
        }
        EvaluationFile.write(EvaluationFile.json(e, ckpt.toString(), seed), file);
        w.println("wrote " + file);
        // the run's board lists evaluation files: it shows this one from now on
        if (Files.isRegularFile(runDir.resolve(RunBoard.PAGE))) {
            String problem = RunBoard.write(runDir, null);
            if (problem != null) {
                err.println("gan: warning: " + problem);
            }
        }
        return Main.OK;
    }

    private Integer external(Path file, Consumer<String> log) {
        if (target != null) {
            throw new ConfigException("--samples " + file + ": scores a samples file; give no RUN_DIR|CKPT with it");
        }
        if (data == null) {
            throw new ConfigException("--samples " + file + ": needs --data NAME (mnist, fashion-mnist, ring, grid, …)");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataException("--samples " + file + ": no such file (expected N samples as .npy, or a number)");
        }
        Evaluation e = ExternalSamples.evaluate(parent.engine().registry(), file, labels, data, overrides, log);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%s (%d samples, %s)%n", file, e.samples(), data);
        print(e, w);
        Path json = out != null ? out : file.resolveSibling(file.getFileName().toString().replaceFirst("\\.npy$", "")
                + ".json");
        EvaluationFile.write(EvaluationFile.json(e, file.toString(), 0), json);
        w.println("wrote " + json);
        return Main.OK;
    }

    /** The sample count, or null when the value names a file. */
    private static Integer count(String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            if (value.strip().matches("[-+]?\\d+")) {
                throw new ConfigException("--samples: " + value + " is out of range");
            }
            return null;
        }
    }

    private static void print(Evaluation e, PrintWriter w) {
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
