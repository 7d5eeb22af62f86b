package org.gan4j.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.api.GanException;
import org.gan4j.engine.Gan4j;
import org.gan4j.engine.RunInfo;
import org.gan4j.engine.RunResult;
import org.gan4j.engine.TrainingHandle;
import org.gan4j.engine.TrainingListener;
import org.gan4j.engine.config.ExperimentConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gan bench}: times full GAN iterations on synthetic data for the cases of the PyTorch peer benchmark, with the
 * same architectures, and prints one JSON line per case with the peer's keys.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time full GAN iterations (D step + G step) on synthetic data for the peer benchmark's cases; "
                + "one JSON line per case with the keys of the PyTorch peer, bench/torch_peer.py (bench/compare.sh runs both).")
public class BenchCommand implements Callable<Integer> {
    /** The peer's cases, in its order. */
    static final List<String> CASES = List.of("mlp", "dcgan64", "dcgan28", "wgan", "pix2pix_b1", "pix2pix_b4", "cyclegan",
            "toy");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    GanCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--cases", split = ",", defaultValue = "mlp", description = "comma-separated cases (default: ${DEFAULT-VALUE})")
    List<String> cases;

    @Option(names = "--warmup", defaultValue = "3", description = "untimed iterations first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--steps", description = "timed iterations (default: about --target-seconds worth)")
    Integer steps;

    @Option(names = "--target-seconds", defaultValue = "30", description = "timed duration when --steps is absent (default: ${DEFAULT-VALUE})")
    double targetSeconds;

    @Option(names = "--json-out", paramLabel = "FILE", description = "append the JSON lines to FILE as well")
    Path jsonOut;

    @Option(names = "--workers", paramLabel = "N|auto", defaultValue = "auto",
            description = "data-parallel workers (training.workers; default: ${DEFAULT-VALUE})")
    String workers;

    @Option(names = "--threads", paramLabel = "N|auto", defaultValue = "auto",
            description = "intra-op threads per worker (training.threads; default: ${DEFAULT-VALUE})")
    String threads;

    @Option(names = "--compute", paramLabel = "auto|host|native", defaultValue = "auto",
            description = "gan-nn's kernels and optimizer updates (compute; default: ${DEFAULT-VALUE})")
    String compute;

    @Option(names = "--device", paramLabel = "auto|cpu|cuda|cuda:N", defaultValue = "auto",
            description = "the device (device; default: ${DEFAULT-VALUE})")
    String device;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        for (String c : cases) {
            if (!CASES.contains(c)) {
                throw new org.gan4j.api.ConfigException("--cases: unknown case '" + c + "'; known: " + String.join(", ", CASES));
            }
        }
        int failed = 0;
        for (String c : cases) {
            String yaml = caseConfig(c);
            if (yaml == null) {
                spec.commandLine().getErr().println("bench: case " + c + " has no config; skipped");
                failed++;
                continue;
            }
            ObjectNode rec = run(c, yaml);
            out.println(rec.toString());
            out.flush();
            if (jsonOut != null) {
                Files.writeString(jsonOut, rec + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
        return failed == cases.size() ? Main.FAILURE : Main.OK;
    }

    private static String caseConfig(String c) throws IOException {
        try (InputStream in = BenchCommand.class.getResourceAsStream("bench/" + c + ".yaml")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private ObjectNode run(String c, String yaml) throws IOException {
        Gan4j gan = parent.engine();
        long t0 = System.nanoTime();
        // one run: warm-up steps, then timed steps until --steps or --target-seconds (at least 5, like the peer);
        // a separate probe run would leave its networks' native memory behind and inflate the peak RSS
        int maxSteps = steps != null ? steps : 2000;
        // benchmarks write nothing but metrics: no checkpoint or sample picture, not even at the end
        ExperimentConfig config = gan.parseConfig(yaml, List.of("training.steps=" + (warmup + maxSteps),
                "checkpoints.every=-1", "samples.every=-1", "metrics.every=1000000000", "training.workers=" + workers,
                "training.threads=" + threads, "compute=" + compute, "device=" + device));
        double buildS = (System.nanoTime() - t0) / 1e9;
        Path dir = Files.createTempDirectory("gan4j-bench-");
        try {
            TrainingHandle handle = new TrainingHandle();
            Timer timer = new Timer(warmup, steps == null ? targetSeconds : Double.POSITIVE_INFINITY, handle);
            RunResult r = gan.train(config, dir.resolve("run"), timer, handle);
            double[] t = timer.times.stream().mapToDouble(Double::doubleValue).toArray();
            double[] sorted = t.clone();
            Arrays.sort(sorted);
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            double mean = Arrays.stream(t).average().orElse(Double.NaN);
            double sd = Math.sqrt(Arrays.stream(t).map(x -> (x - mean) * (x - mean)).average().orElse(0));
            int batch = config.training().batchSize();
            ObjectNode rec = JSON.createObjectNode();
            rec.put("framework", "gan4j");
            rec.put("case", c);
            rec.put("desc", config.name());
            rec.put("batch", batch);
            rec.put("warmup", warmup);
            rec.put("steps", t.length);
            rec.put("median_s_per_iter", round(median, 6));
            rec.put("mean_s_per_iter", round(mean, 6));
            rec.put("min_s_per_iter", round(sorted[0], 6));
            rec.put("max_s_per_iter", round(sorted[sorted.length - 1], 6));
            rec.put("stdev_s_per_iter", round(sd, 6));
            rec.put("images_per_s", round(batch / median, 3));
            rec.put("timed_total_s", round(Arrays.stream(t).sum(), 3));
            rec.put("build_s", round(buildS, 3));
            rec.put("peak_rss_mb", peakRssMb());
            // where the memory is: native arrays JavaCPP tracks (ND4J's), and the Java heap in use
            rec.put("native_arrays_mb", round(org.bytedeco.javacpp.Pointer.totalBytes() / 1048576.0, 1));
            Runtime rt = Runtime.getRuntime();
            rec.put("heap_used_mb", round((rt.totalMemory() - rt.freeMemory()) / 1048576.0, 1));
            // the peer reports generators (CycleGAN: G and F) as params_G and discriminators as params_D
            long paramsG = 0;
            long paramsD = 0;
            for (String p : timer.info.parameters().split(", ")) {
                String[] kv = p.split("=");
                if (kv[0].startsWith("D")) {
                    paramsD += Long.parseLong(kv[1]);
                } else {
                    paramsG += Long.parseLong(kv[1]);
                }
            }
            rec.put("params_G", paramsG);
            rec.put("params_D", paramsD);
            rec.put("final_loss_D", timer.last.getOrDefault("loss_d", Double.NaN));
            rec.put("final_loss_G", timer.last.getOrDefault("loss_g", Double.NaN));
            rec.put("seed", config.seed());
            // a case whose iteration holds several critic steps says so in its file ("# bench: n_critic=5"), as the
            // peer reports it
            java.util.regex.Matcher critic = java.util.regex.Pattern.compile("(?m)^# bench: n_critic=(\\d+)").matcher(yaml);
            if (critic.find()) {
                int n = Integer.parseInt(critic.group(1));
                rec.put("n_critic", n);
                rec.put("real_images_per_s", round(n * batch / median, 3));
            }
            rec.put("workers", timer.info.workers());
            rec.put("threads", timer.info.threads());
            rec.put("cores_used", timer.info.workers() * timer.info.threads());
            rec.put("compute", timer.info.compute());
            rec.put("backend", timer.info.backend());
            rec.put("java", System.getProperty("java.version"));
            rec.put("steps_total", r.steps());
            return rec;
        } finally {
            deleteTree(dir);
        }
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** Peak resident set size of this JVM (VmHWM), in MB. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0, 1);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new GanException("cannot clean " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Collects each iteration's step time (seconds) after the warm-up; stops the run once enough is timed. */
    private static final class Timer implements TrainingListener {
        private static final int MIN_TIMED = 5;
        private final int skip;
        private final double targetSeconds;
        private final TrainingHandle handle;
        private final List<Double> times = new ArrayList<>();
        private double timed;
        private Map<String, Double> last = Map.of();
        private RunInfo info;

        Timer(int skip, double targetSeconds, TrainingHandle handle) {
            this.skip = skip;
            this.targetSeconds = targetSeconds;
            this.handle = handle;
        }

        @Override
        public void onStart(RunInfo run) {
            info = run;
        }

        @Override
        public void onStep(long step, long totalSteps, Map<String, Double> metrics) {
            last = metrics;
            if (step > skip) {
                double t = metrics.get("step_ms") / 1000.0;
                times.add(t);
                timed += t;
                if (timed >= targetSeconds && times.size() >= MIN_TIMED) {
                    handle.cancel();
                }
            }
        }
    }
}
