package org.gan4j.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.impl.ActivationLReLU;

/**
 * A DCGAN whose discriminator is a DL4J network given as JSON: trained by gan4j's alternating schedule and Adam
 * from the CLI, checkpointed, and resumed to the same weights as an uninterrupted run; the checkpoint holds the
 * DL4J network's parameters like any other's.
 */
class Dl4jBridgeCliTest {
    @TempDir
    static Path tmp;
    static Path config;

    /** DCGAN's discriminator without BatchNorm: 4×4 stride-2 convolutions 1 → 16 → 32, LeakyReLU 0.2, one logit. */
    static MultiLayerConfiguration critic() {
        return new NeuralNetConfiguration.Builder().seed(7).list()
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(16)
                        .activation(new ActivationLReLU(0.2)).build())
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(32)
                        .activation(new ActivationLReLU(0.2)).build())
                .layer(new DenseLayer.Builder().nOut(1).activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build();
    }

    @BeforeAll
    static void setUp() throws Exception {
        Path data = Cli.tinyMnist(tmp.resolve("mnist"), 96);
        Path json = Files.writeString(tmp.resolve("critic.json"), critic().toJson());
        config = Files.writeString(tmp.resolve("dcgan-dl4j.yaml"), """
                name: dcgan-dl4j
                seed: 3
                data: {type: mnist, dir: %s}
                networks:
                  G: {type: dcgan-generator, latent_dim: 16, ngf: 8}
                  D: {type: dl4j-discriminator, json: %s}
                loss: {type: non-saturating}
                schedule: {type: alternating}
                optimizers:
                  G: {type: adam, lr: 2.0e-4, beta1: 0.5}
                  D: {type: adam, lr: 2.0e-4, beta1: 0.5}
                training: {steps: 8, batch_size: 8}
                checkpoints: {every: 4, keep: 5}
                samples: {every: 0}
                metrics: {every: 1}
                """.formatted(data, json));
    }

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

    @Test
    void trainsCheckpointsAndResumesLikeAnyNetwork() throws Exception {
        Path whole = tmp.resolve("whole");
        Cli train = Cli.run("train", config.toString(), "--run-dir", whole.toString(), "--progress", "none");
        assertThat(train.code).as(train.toString()).isZero();
        assertThat(train.err).contains("D=" + (16 * 16 + 16 + 16 * 32 * 16 + 32 + 32 * 7 * 7 + 1));
        String metrics = Files.readString(whole.resolve("metrics.jsonl"));
        assertThat(metrics).contains("\"loss_d\"", "\"loss_g\"").doesNotContain("NaN");

        Path split = tmp.resolve("split");
        Cli first = Cli.run("train", config.toString(), "--run-dir", split.toString(), "--set", "training.steps=4",
                "--progress", "none");
        assertThat(first.code).as(first.toString()).isZero();
        Cli resume = Cli.run("resume", split.toString(), "--steps", "8", "--progress", "none");
        assertThat(resume.code).as(resume.toString()).isZero();
        Map<String, byte[]> a = arrays(whole.resolve("checkpoints/step-00000008.ckpt"));
        Map<String, byte[]> b = arrays(split.resolve("checkpoints/step-00000008.ckpt"));
        assertThat(a.keySet()).contains("networks/D/params.npy");
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String k : a.keySet()) {
            assertThat(b.get(k)).as(k + " after resume").isEqualTo(a.get(k));
        }
        // the discriminator learnt: its weights moved from DL4J's initialisation
        assertThat(arrays(whole.resolve("checkpoints/step-00000004.ckpt")).get("networks/D/params.npy"))
                .isNotEqualTo(a.get("networks/D/params.npy"));
    }
}
