package org.gan4j.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.gan4j.api.nn.Network;
import org.gan4j.api.registry.Registry;
import org.gan4j.engine.config.ConfigLoader;
import org.gan4j.engine.eval.CycleTranslationEvaluator;
import org.gan4j.engine.eval.Evaluation;
import org.gan4j.engine.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The CycleGAN figures on networks with known answers: B is the negative of A, image by image. */
class CycleTranslationEvaluatorTest {
    @TempDir
    Path tmp;

    /** A fixed map of [1, 4, 4] images: no parameters, so it only serves evaluation. */
    private static Network fixed(UnaryOperator<INDArray> f) {
        return new Network() {
            public long[] inputShape() {
                return new long[] {1, 4, 4};
            }

            public long[] outputShape() {
                return new long[] {1, 4, 4};
            }

            public INDArray forward(INDArray input, boolean training) {
                return f.apply(input);
            }

            public INDArray backward(INDArray gradOutput, boolean parameterGradients) {
                throw new UnsupportedOperationException();
            }

            public INDArray params() {
                return Nd4j.zeros(DataType.FLOAT, 1);
            }

            public INDArray gradients() {
                return params();
            }

            public long numParams() {
                return 0;
            }
        };
    }

    /** 20 test images (more than one chunk of 16): A has a gradient, B = 255 - A. */
    private CycleTranslationEvaluator evaluator(Network g, Network f) throws Exception {
        Path root = tmp.resolve("u");
        for (String split : List.of("train", "test")) {
            for (int i = 0; i < 20; i++) {
                BufferedImage a = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
                BufferedImage b = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
                for (int p = 0; p < 16; p++) {
                    int v = (7 * i + 13 * p) % 256;
                    a.setRGB(p % 4, p / 4, v * 0x010101);
                    b.setRGB(p % 4, p / 4, (255 - v) * 0x010101);
                }
                ImageIO.write(a, "png", Files.createDirectories(root.resolve(split + "A")).resolve("e" + i + ".png").toFile());
                ImageIO.write(b, "png", Files.createDirectories(root.resolve(split + "B")).resolve("e" + i + ".png").toFile());
            }
        }
        Registry registry = org.gan4j.engine.Gan4j.create((Path) null).registry();
        ExperimentConfig config = new ConfigLoader(registry).bind(ConfigLoader.parse("""
                data: {type: unpaired-images, dir: %s, channels_a: 1, channels_b: 1, limit: 3}
                networks: {G: {type: mlp-generator}, D: {type: mlp-discriminator}}
                """.formatted(root), "test.yaml"), List.of());
        return CycleTranslationEvaluator.forExperiment(config, registry, g, f);
    }

    @Test
    void aPerfectTranslatorScoresZeroErrorBesideTheIdentityBaseline() throws Exception {
        Network negate = fixed(INDArray::neg);
        Evaluation e = evaluator(negate, negate).evaluate(negate, negate, 7, null, -1, -1);
        Map<String, Double> m = e.metrics();
        assertThat(m.get("images_a")).as("the whole test split, not the run's limit").isEqualTo(20);
        assertThat(m.get("cycle_l1_a")).isCloseTo(0, within(1e-6));
        assertThat(m.get("cycle_l1_b")).isCloseTo(0, within(1e-6));
        assertThat(m.get("l1")).isCloseTo(0, within(1e-6));
        assertThat(m.get("l1_ba")).isCloseTo(0, within(1e-6));
        assertThat(m.get("psnr")).isEqualTo(100);
        assertThat(m.get("ssim")).isCloseTo(1, within(1e-6));
        // output = input is far off: |v - (255 - v)| / 255 averaged over the pixels
        double expected = 0;
        for (int i = 0; i < 20; i++) {
            for (int p = 0; p < 16; p++) {
                int v = (7 * i + 13 * p) % 256;
                expected += Math.abs(2 * v - 255) / 255.0 / (20 * 16);
            }
        }
        assertThat(m.get("identity_l1")).isCloseTo(expected, within(1e-5));
        assertThat(e.picture().getWidth()).as("a | G(a) | F(G(a)) | b | F(b) | G(F(b))").isEqualTo(6 * (4 + 2) + 2);
        assertThat(e.picture().getHeight()).as("eight rows").isEqualTo(8 * (4 + 2) + 2);
    }

    @Test
    void theIdentityNetworkReconstructsPerfectlyAndScoresTheBaseline() throws Exception {
        Network id = fixed(INDArray::dup);
        Map<String, Double> m = evaluator(id, id).evaluate(id, id, 0, null, -1, -1).metrics();
        assertThat(m.get("cycle_l1_a")).isCloseTo(0, within(1e-6));
        assertThat(m.get("l1")).isCloseTo(m.get("identity_l1"), within(1e-9));
        assertThat(m.get("psnr")).isCloseTo(m.get("identity_psnr"), within(1e-9));
        assertThat(m.get("ssim_ba")).isCloseTo(m.get("identity_ssim"), within(1e-9));
        assertThat(m.get("l1")).isGreaterThan(0.1);
    }
}
