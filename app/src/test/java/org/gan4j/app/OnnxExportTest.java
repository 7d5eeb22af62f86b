package org.gan4j.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.gan4j.api.nn.Network;
import org.gan4j.engine.Gan4j;
import org.gan4j.engine.GanModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code gan export} of every shipped generator family (MLP, DCGAN, U-Net, ResNet) and two discriminators, each
 * trained a few steps (so BatchNorm's running statistics are not their initial values), run by ONNX Runtime and
 * compared with gan4j's own inference-mode forward on the same inputs.
 */
class OnnxExportTest {
    @TempDir
    static Path tmp;
    static Path mnist;
    static Path pairs;
    static Path domains;

    @BeforeAll
    static void data() throws Exception {
        mnist = Cli.tinyMnist(tmp.resolve("mnist"), 64);
        Random r = new Random(3);
        for (String split : new String[] {"train", "test"}) {
            for (int i = 0; i < 6; i++) {
                BufferedImage pair = new BufferedImage(64, 32, BufferedImage.TYPE_BYTE_GRAY);
                BufferedImage a = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
                for (int p = 0; p < 32 * 32; p++) {
                    int v = r.nextInt(256);
                    pair.getRaster().setSample(p % 32, p / 32, 0, v);
                    pair.getRaster().setSample(32 + p % 32, p / 32, 0, 255 - v);
                    a.getRaster().setSample(p % 32, p / 32, 0, v);
                }
                ImageIO.write(pair, "png", Files.createDirectories(tmp.resolve("pairs").resolve(split)).resolve(i + ".png").toFile());
                ImageIO.write(a, "png", Files.createDirectories(tmp.resolve("domains").resolve(split + "A")).resolve(i + ".png").toFile());
                ImageIO.write(a, "png", Files.createDirectories(tmp.resolve("domains").resolve(split + "B")).resolve(i + ".png").toFile());
            }
        }
        pairs = tmp.resolve("pairs");
        domains = tmp.resolve("domains");
    }

    static Stream<Arguments> networks() {
        String mlp = """
                data: {type: mnist, dir: %s}
                networks:
                  G: {type: mlp-generator, latent_dim: 8, hidden: [32, 32]}
                  D: {type: mlp-discriminator, hidden: [32], dropout: 0.3}
                """;
        String dcgan = """
                data: {type: mnist, dir: %s}
                networks:
                  G: {type: dcgan-generator, latent_dim: 8, ngf: 8}
                  D: {type: dcgan-discriminator, ndf: 8}
                """;
        String unet = """
                data: {type: paired-images, dir: %s, size: 32, channels_a: 1, channels_b: 1}
                networks:
                  G: {type: unet-generator, in_channels: 1, out_channels: 1, ngf: 4, levels: 5, dropout: 0.5}
                  D: {type: patchgan-discriminator, ndf: 4, layers: 2}
                schedule: {type: pix2pix}
                """;
        String resnet = """
                data: {type: unpaired-images, dir: %s, size: 32, channels_a: 1, channels_b: 1}
                networks:
                  G: {type: resnet-generator, in_channels: 1, out_channels: 1, ngf: 4, blocks: 2}
                  F: {type: resnet-generator, in_channels: 1, out_channels: 1, ngf: 4, blocks: 2}
                  D_A: {type: patchgan-discriminator, in_channels: 1, ndf: 4, layers: 2, norm: instance}
                  D_B: {type: patchgan-discriminator, in_channels: 1, ndf: 4, layers: 2, norm: instance}
                loss: {type: least-squares}
                schedule: {type: cyclegan, pool_size: 2}
                """;
        String maxout = """
                data: {type: mnist, dir: %s}
                networks:
                  G: {type: mlp-generator, latent_dim: 8, hidden: [32]}
                  D: {type: mlp-discriminator, hidden: [16, 8], maxout: 5, dropout: 0.2}
                """;
        return Stream.of(Arguments.of("mlp", mlp, "mnist", "G"), Arguments.of("mlp", mlp, "mnist", "D"),
                Arguments.of("maxout", maxout, "mnist", "D"),
                Arguments.of("dcgan", dcgan, "mnist", "G"), Arguments.of("unet", unet, "pairs", "G"),
                Arguments.of("unet", unet, "pairs", "D"), Arguments.of("resnet", resnet, "domains", "G"));
    }

    private static Path trained(String name, String body, String data) throws Exception {
        Path run = tmp.resolve("run-" + name);
        if (Files.isDirectory(run)) {
            return run;
        }
        Path dir = switch (data) {
            case "mnist" -> mnist;
            case "pairs" -> pairs;
            default -> domains;
        };
        Path cfg = Files.writeString(tmp.resolve(name + ".yaml"), "name: " + name + "\nseed: 4\n" + body.formatted(dir)
                + "training: {steps: 3, batch_size: 2}\ncheckpoints: {every: 0}\nsamples: {every: 0}\n");
        Cli train = Cli.run("train", cfg.toString(), "--run-dir", run.toString(), "--progress", "none");
        assertThat(train.code).as(train.toString()).isZero();
        return run;
    }

    @ParameterizedTest(name = "{0} {3}")
    @MethodSource("networks")
    void onnxRuntimeComputesWhatGan4jComputes(String name, String body, String data, String network) throws Exception {
        Path run = trained(name, body, data);
        Path file = tmp.resolve(name + "-" + network + ".onnx");
        Cli export = Cli.run("export", "--checkpoint", run.toString(), "--network", network, "--out", file.toString());
        assertThat(export.code).as(export.toString()).isZero();
        assertThat(export.out).contains("wrote " + file, "network " + network);

        GanModel model = Gan4j.create(Path.of(System.getProperty("gan4j.builtin.plugins"))).load(run);
        Network net = model.network(network);
        long[] shape = org.gan4j.api.nn.Shapes.withBatch(5, net.inputShape());
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape).muli(2).subi(1);
        float[] expected = org.gan4j.api.nn.HostData.floats(model.translate(network, x));

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(Files.readAllBytes(file), new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(org.gan4j.api.nn.HostData.floats(x)), shape);
             OrtSession.Result result = session.run(Map.of("input", in))) {
            assertThat(session.getInputNames()).containsExactly("input");
            assertThat(session.getOutputNames()).containsExactly("output");
            OnnxTensor out = (OnnxTensor) result.get("output").orElseThrow();
            assertThat(out.getInfo().getShape()).containsExactly(org.gan4j.api.nn.Shapes.withBatch(5, net.outputShape()));
            FloatBuffer fb = out.getFloatBuffer();
            double maxDiff = 0;
            double scale = 0;
            for (int i = 0; i < expected.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(fb.get(i) - expected[i]));
                scale = Math.max(scale, Math.abs(expected[i]));
            }
            System.out.printf("onnx parity %s %s: %d values, max |onnx - gan4j| = %.3g (max |gan4j| %.3g)%n", name,
                    network, expected.length, maxDiff, scale);
            assertThat(scale).as("a network that outputs zeros would compare trivially").isGreaterThan(1e-3);
            assertThat(maxDiff).isLessThan(1e-4 * Math.max(1, scale));
        }
    }

    @Test
    void namedWeightsUnknownNetworksAndFormatsAreClear() throws Exception {
        Path run = trained("mlp", networks().findFirst().orElseThrow().get()[1].toString(), "mnist");
        Cli unknown = Cli.run("export", "--checkpoint", run.toString(), "--network", "E", "--out", tmp.resolve("e.onnx").toString());
        assertThat(unknown.code).isEqualTo(2);
        assertThat(unknown.err).contains("network 'E': not in this run; networks: G, D");
        Cli format = Cli.run("export", "--checkpoint", run.toString(), "--format", "tflite", "--out", tmp.resolve("g.tflite").toString());
        assertThat(format.code).isEqualTo(2);
        assertThat(format.err).contains("--format: only onnx");
        Path file = tmp.resolve("named.onnx");
        assertThat(Cli.run("export", "--checkpoint", run.toString(), "--out", file.toString()).code).isZero();
        String bytes = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(bytes).as("dense, LeakyReLU, dense, …").contains("0.weight", "0.bias", "2.weight", "2.bias");
    }
}
