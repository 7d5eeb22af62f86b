package org.gan4j.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.gan4j.api.nn.HostData;
import org.gan4j.engine.Gan4j;
import org.gan4j.engine.ResumeRequest;
import org.gan4j.engine.RunResult;
import org.gan4j.engine.TrainingHandle;
import org.gan4j.engine.TrainingListener;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One full training step of every shipped schedule with {@code compute: host} and with {@code compute: native}: the
 * checkpoints (every network's parameters, optimizer state, BatchNorm statistics, pools) agree to ~1e-5, and the
 * run records the kernels it used.
 */
class ComputeParityTest {
    @TempDir
    Path tmp;

    private static final String DCGAN = """
            name: p-dcgan
            seed: 7
            data: {type: synthetic, shape: [1, 28, 28], size: 16}
            networks:
              G: {type: dcgan-generator, latent_dim: 8, ngf: 4}
              D: {type: dcgan-discriminator, ndf: 4}
            training: {steps: 1, batch_size: 8}
            """;

    private static Map<String, INDArray> arrays(Path ckpt) throws Exception {
        Map<String, INDArray> out = new TreeMap<>();
        try (ZipFile z = new ZipFile(ckpt.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                if (e.getName().endsWith(".npy")) {
                    out.put(e.getName(), org.nd4j.linalg.factory.Nd4j.createNpyFromByteArray(z.getInputStream(e).readAllBytes()));
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dcgan", "alternating", "cgan", "wgan", "pix2pix", "cyclegan"})
    void oneStepOfEveryScheduleAgreesBetweenHostAndNativeKernels(String schedule) throws Exception {
        String config = schedule.equals("dcgan") ? DCGAN : WorkersTest.BN_FREE.get(schedule);
        Gan4j gan = Gan4j.create((Path) null);
        TrainingListener quiet = new TrainingListener() { };
        Map<String, Map<String, INDArray>> byMode = new TreeMap<>();
        for (String mode : List.of("host", "native")) {
            RunResult r = gan.train(gan.parseConfig(config, List.of("compute=" + mode, "training.steps=1",
                    "training.workers=1", "samples.every=-1", "metrics.every=1")), tmp.resolve(schedule + "-" + mode),
                    quiet, new TrainingHandle());
            assertThat(Files.readString(r.runDir().resolve("config.yaml"))).contains("compute: " + mode);
            assertThat(Files.readString(r.runDir().resolve("environment.json"))).contains("\"compute\" : \"" + mode + "\"");
            byMode.put(mode, arrays(r.checkpoint()));
        }
        Map<String, INDArray> host = byMode.get("host");
        Map<String, INDArray> nat = byMode.get("native");
        assertThat(nat.keySet()).isEqualTo(host.keySet());
        assertThat(host.keySet().stream().filter(k -> k.endsWith("params.npy"))).isNotEmpty();
        for (String k : host.keySet()) {
            double[] a = HostData.doubles(host.get(k));
            double[] b = HostData.doubles(nat.get(k));
            double scale = 1e-12;
            double worst = 0;
            for (int i = 0; i < a.length; i++) {
                scale = Math.max(scale, Math.abs(a[i]));
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
            System.out.printf("schedule parity %-12s %-40s %.2e%n", schedule, k, worst / scale);
            assertThat(worst / scale).as(schedule + " " + k).isLessThan(1e-5);
        }
    }

    @org.junit.jupiter.api.Test
    void aHostRunResumesWithNativeKernels() throws Exception {
        String config = WorkersTest.BN_FREE.get("alternating");
        Gan4j gan = Gan4j.create((Path) null);
        TrainingListener quiet = new TrainingListener() { };
        List<String> host = List.of("compute=host", "training.workers=1", "samples.every=-1", "metrics.every=1");
        RunResult straight = gan.train(gan.parseConfig(config, host), tmp.resolve("straight"), quiet, new TrainingHandle());
        List<String> half = new java.util.ArrayList<>(host);
        half.add("training.steps=3");
        gan.train(gan.parseConfig(config, half), tmp.resolve("split"), quiet, new TrainingHandle());
        RunResult resumed = gan.resume(ResumeRequest.of(tmp.resolve("split")).steps(6L).set("compute=native").listener(quiet));
        assertThat(Files.readString(resumed.runDir().resolve("config.yaml"))).contains("compute: native");
        Map<String, INDArray> a = arrays(straight.checkpoint());
        Map<String, INDArray> b = arrays(resumed.checkpoint());
        for (String k : List.of("networks/G/params.npy", "networks/D/params.npy")) {
            double diff = a.get(k).sub(b.get(k)).amaxNumber().doubleValue() / a.get(k).amaxNumber().doubleValue();
            assertThat(diff).as(k).isLessThan(1e-5);
        }
    }
}
