package org.gan4j.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.gan4j.api.ConfigException;
import org.gan4j.engine.Gan4j;
import org.gan4j.engine.RunResult;
import org.gan4j.engine.TrainingHandle;
import org.gan4j.engine.TrainingListener;
import org.gan4j.engine.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gan4j used in-process: configs built in Java, two experiments at once in one JVM, no console output. */
class LibraryApiTest {
    @TempDir
    Path tmp;

    private static final String RING = """
            name: ring
            seed: 3
            data: {type: ring, size: 4000}
            networks:
              G: {type: mlp-generator, latent_dim: 4, hidden: [32, 32], output: linear}
              D: {type: mlp-discriminator, hidden: [32, 32]}
            loss: {type: minimax}
            training: {steps: 60, batch_size: 32}
            checkpoints: {every: 0}
            samples: {every: 0, count: 10}
            metrics: {every: 10}
            """;

    private static final String GRID = """
            name: grid
            seed: 4
            data: {type: grid, size: 4000}
            networks:
              G: {type: mlp-generator, latent_dim: 2, hidden: [16], output: linear}
              D: {type: mlp-discriminator, hidden: [24]}
            loss: {type: hinge}
            schedule: {type: wgan, n_critic: 2, clip: 0.05}
            optimizers: {G: {type: rmsprop, lr: 1.0e-3}, D: {type: rmsprop, lr: 1.0e-3}}
            training: {steps: 40, batch_size: 16}
            checkpoints: {every: 0}
            samples: {every: 0, count: 10}
            metrics: {every: 10}
            """;

    private static Map<String, byte[]> arrays(Path ckpt) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (ZipFile z = new ZipFile(ckpt.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                if (e.getName().endsWith(".npy")) {
                    out.put(e.getName(), z.getInputStream(e).readAllBytes());
                }
            }
        }
        return out;
    }

    private static final class CountingListener implements TrainingListener {
        final AtomicLong steps = new AtomicLong();
        final AtomicLong last = new AtomicLong();

        @Override
        public void onStep(long step, long totalSteps, Map<String, Double> metrics) {
            steps.incrementAndGet();
            last.set(step);
        }
    }

    @Test
    void twoExperimentsTrainConcurrentlyInOneJvmExactlyAsEachDoesAlone() throws Exception {
        Gan4j gan = Gan4j.create((Path) null);
        ExperimentConfig ring = gan.parseConfig(RING, List.of());
        ExperimentConfig grid = gan.parseConfig(GRID, List.of());
        RunResult ringAlone = gan.train(ring, tmp.resolve("ring-alone"), new TrainingListener() { }, new TrainingHandle());
        RunResult gridAlone = gan.train(grid, tmp.resolve("grid-alone"), new TrainingListener() { }, new TrainingHandle());

        CountingListener ringSteps = new CountingListener();
        CountingListener gridSteps = new CountingListener();
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        RunResult ringTogether;
        RunResult gridTogether;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            // one engine instance for both: the shared registry and config loader must be safe to share
            Future<RunResult> a = pool.submit(() -> gan.train(ring, tmp.resolve("ring-both"), ringSteps, new TrainingHandle()));
            Future<RunResult> b = pool.submit(() -> gan.train(grid, tmp.resolve("grid-both"), gridSteps, new TrainingHandle()));
            ringTogether = a.get();
            gridTogether = b.get();
        } finally {
            System.setOut(stdout);
            pool.shutdown();
        }

        assertThat(ringSteps.steps.get()).isEqualTo(60);
        assertThat(gridSteps.steps.get()).isEqualTo(40);
        assertThat(captured.toString(StandardCharsets.UTF_8)).as("library output on stdout").isEmpty();
        for (RunResult[] pair : new RunResult[][] {{ringAlone, ringTogether}, {gridAlone, gridTogether}}) {
            Map<String, byte[]> alone = arrays(pair[0].checkpoint());
            Map<String, byte[]> together = arrays(pair[1].checkpoint());
            assertThat(together.keySet()).isEqualTo(alone.keySet()).contains("networks/G/params.npy");
            for (String k : alone.keySet()) {
                assertThat(together.get(k)).as(pair[1].checkpoint() + " " + k).isEqualTo(alone.get(k));
            }
        }
        // the two runs really differ, so equality above is not a coincidence of identical work
        assertThat(arrays(ringAlone.checkpoint()).get("networks/G/params.npy"))
                .isNotEqualTo(arrays(gridAlone.checkpoint()).get("networks/G/params.npy"));
    }

    @Test
    void aConfigBuiltInJavaBindsExactlyLikeItsYaml() {
        Gan4j gan = Gan4j.create((Path) null);
        ExperimentConfig yaml = gan.parseConfig(RING, List.of());
        ExperimentConfig built = gan.experiment("ring")
                .seed(3)
                .data("ring", Map.of("size", 4000))
                .network("G", "mlp-generator", Map.of("latent_dim", 4, "hidden", List.of(32, 32), "output", "linear"))
                // a provider's typed config record works as well as a map
                .network("D", "mlp-discriminator", yaml.networks().get("D").settings())
                .loss("minimax")
                .set("training.steps", 60).set("training.batch_size", 32)
                .set("checkpoints.every", 0).set("samples.every", 0).set("samples.count", 10).set("metrics.every", 10)
                .build();
        assertThat(built).isEqualTo(yaml);

        assertThatThrownBy(() -> gan.experiment("x").data("ring")
                .network("G", "mlp-generator", Map.of("latent_dimm", 4)).network("D", "mlp-discriminator").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("networks.G").hasMessageContaining("latent_dim");
        assertThatThrownBy(() -> gan.experiment("x").data("ring").network("G", "mlp-generatr").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("mlp-generator");
    }
}
