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
import org.gan4j.engine.Samples;
import org.gan4j.engine.TrainingHandle;
import org.gan4j.engine.TrainingListener;
import org.gan4j.engine.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

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

    @Test
    void inMemoryDataTrainsALoadedModelSamplesAndOtherDataUnderTheSameNameIsRefused() {
        Gan4j gan = Gan4j.create((Path) null);
        INDArray points = Nd4j.rand(DataType.FLOAT, 500, 2).subi(0.5);
        ExperimentConfig config = gan.experiment("mem").seed(5)
                .data(org.gan4j.engine.builtin.InMemoryDataSource.of(points))
                .network("G", "mlp-generator", Map.of("latent_dim", 2, "hidden", List.of(16), "output", "linear"))
                .network("D", "mlp-discriminator", Map.of("hidden", List.of(16)))
                .device(org.gan4j.engine.Device.CPU).compute(org.gan4j.engine.Compute.HOST)
                .set("training.steps", 20).set("training.batch_size", 25).set("samples.every", 0).set("checkpoints.every", 10)
                .build();
        assertThat(config.device()).isEqualTo("cpu");
        assertThat(gan.toYaml(config)).contains("type: in-memory", "name: mem", "fingerprint: \"500x[2]/0/");
        RunResult r = gan.train(config, tmp.resolve("mem"), new TrainingListener() { }, new TrainingHandle());
        org.gan4j.engine.GanModel model = gan.load(r.runDir());
        assertThat(model.step()).isEqualTo(20);
        assertThat(model.networkNames()).containsExactly("G", "D");
        INDArray a = model.sample(40, 9);
        assertThat(a.shape()).containsExactly(40, 2);
        assertThat(model.sample(40, 9)).as("the same model, the same noise").isEqualTo(a);
        // other data registered under the run's name: resuming would silently train on it
        org.gan4j.engine.builtin.InMemoryDataSource.register("mem", org.gan4j.engine.builtin.InMemoryDataSource.of(
                points.mul(2)));
        assertThatThrownBy(() -> gan.resume(tmp.resolve("mem"), 30L, new TrainingListener() { }, new TrainingHandle()))
                .isInstanceOf(org.gan4j.api.DataException.class).hasMessageContaining("is not the data this run was configured with");
        assertThatThrownBy(() -> org.gan4j.engine.builtin.InMemoryDataSource.of(points, new int[] {1, 2}, 3))
                .hasMessageContaining("2 labels for 500 samples");
    }

    @Test
    void aTranslationNetworkRunsOnGivenInputsAndComesBackAsPictures() {
        Gan4j gan = Gan4j.create((Path) null);
        String pix2pix = """
                name: translate
                seed: 2
                data: {type: synthetic, shape: [2, 32, 32], size: 4}
                networks:
                  G: {type: unet-generator, in_channels: 1, out_channels: 1, ngf: 4, levels: 5, dropout: 0.5}
                  D: {type: patchgan-discriminator, ndf: 4, layers: 2}
                schedule: {type: pix2pix}
                training: {steps: 2, batch_size: 2}
                checkpoints: {every: 0}
                samples: {every: -1}
                """;
        RunResult run = gan.train(gan.parseConfig(pix2pix, List.of()), tmp.resolve("translate"),
                new TrainingListener() { }, new TrainingHandle());
        INDArray input = Nd4j.rand(DataType.FLOAT, 20, 1, 32, 32).muli(2).subi(1);

        INDArray out = gan.translate(run.checkpoint(), "G", input);

        assertThat(out.shape()).containsExactly(20, 1, 32, 32);
        // inference mode: no dropout noise, so the same input gives the same output, across the chunks of 16 too
        assertThat(gan.translate(run.checkpoint(), "G", input.get(NDArrayIndex.interval(16, 20))))
                .isEqualTo(out.get(NDArrayIndex.interval(16, 20)));
        assertThat(out.maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
        assertThat(Samples.images(out)).hasSize(20).allSatisfy(i -> assertThat(i.getWidth()).isEqualTo(32));
        assertThatThrownBy(() -> gan.translate(run.checkpoint(), "F", input)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("networks: G, D");
        assertThatThrownBy(() -> gan.translate(run.checkpoint(), "G", Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[1, 32, 32]");
    }
}
