package org.gan4j.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pix2pix from the CLI on a tiny paired set, CycleGAN on a tiny unpaired one: train with decay, evaluate on the test
 * split, translate files.
 */
class TranslationCliTest {
    @TempDir
    Path tmp;

    /** Aligned 64×32 files: A a bar at a position, B the same bar brighter and wider. */
    private Path pairs() throws Exception {
        for (String split : new String[] {"train", "test"}) {
            Path dir = Files.createDirectories(tmp.resolve("pairs").resolve(split));
            for (int i = 0; i < 8; i++) {
                BufferedImage img = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        boolean a = Math.abs(x - 4 - 3 * i) < 2;
                        boolean b = Math.abs(x - 4 - 3 * i) < 3;
                        img.setRGB(x, y, a ? 0x808080 : 0);
                        img.setRGB(32 + x, y, b ? 0xFFFFFF : 0);
                    }
                }
                ImageIO.write(img, "png", dir.resolve("p" + i + ".png").toFile());
            }
        }
        return tmp.resolve("pairs");
    }

    @Test
    void trainEvaluateAndTranslate() throws Exception {
        Path data = pairs();
        Path cfg = Files.writeString(tmp.resolve("p2p.yaml"), """
                name: p2p
                seed: 1
                data: {type: paired-images, dir: %s, size: 32, channels_a: 1, channels_b: 1}
                networks:
                  G: {type: unet-generator, in_channels: 1, out_channels: 1, ngf: 4, levels: 5}
                  D: {type: patchgan-discriminator, ndf: 4, layers: 2}
                schedule: {type: pix2pix}
                training: {steps: 6, batch_size: 2, lr_decay_from: 3}
                checkpoints: {every: 0}
                samples: {every: 0}
                evaluation: {every: 3}
                metrics: {every: 1}
                """.formatted(data));
        Path run = tmp.resolve("run");
        Cli train = Cli.run("train", cfg.toString(), "--run-dir", run.toString(), "--progress", "none");
        assertThat(train.code).as(train.toString()).isZero();
        // the learning rates decay linearly from step 3: factors 1, 1, 1, 1, 2/3, 1/3
        assertThat(Files.readString(run.resolve("metrics.jsonl"))).contains("\"lr_scale\":0.3333", "\"eval_psnr\"");
        assertThat(run.resolve("evaluation.png")).exists();
        assertThat(ImageIO.read(run.resolve("samples/step-00000006.png").toFile()).getWidth()).as("input | output | target")
                .isEqualTo(3 * (32 + 2) + 2);

        Cli eval = Cli.run("evaluate", run.toString());
        assertThat(eval.code).as(eval.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.resolve("evaluation-step-00000006.json").toFile());
        assertThat(json.get("pairs").asInt()).isEqualTo(8);
        assertThat(json.get("ssim").asDouble()).isBetween(-1.0, 1.0);
        assertThat(json.get("psnr").asDouble()).isPositive();
        // output = input: A is half as bright and narrower than B, so the identity baseline is off by a known amount
        assertThat(json.get("identity_l1").asDouble()).isBetween(0.05, 0.5);
        assertThat(json.has("class_histogram")).isFalse();
        BufferedImage grid = ImageIO.read(run.resolve("evaluation-step-00000006-translations.png").toFile());
        assertThat(grid.getWidth()).as("input | output | target").isEqualTo(3 * (32 + 2) + 2);

        // judged by a classifier of other labelled images (bars left or right of centre, as the targets' bars are)
        Files.writeString(data.resolve("test/labels.csv"), "p0.png,0\np1.png,0\np2.png,0\np3.png,0\n"
                + "p4.png,1\np5.png,1\np6.png,1\np7.png,1\n");
        Path judge = barsIdx(tmp.resolve("judge"));
        Cli judged = Cli.run("evaluate", run.toString(), "--set", "evaluation.judge=mnist",
                "--set", "evaluation.judge_dir=" + judge, "--out", tmp.resolve("judged.json").toString());
        assertThat(judged.code).as(judged.toString()).isZero();
        JsonNode j = new ObjectMapper().readTree(tmp.resolve("judged.json").toFile());
        assertThat(j.get("judge_fd").asDouble()).isPositive();
        assertThat(j.get("judge_accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(j.get("judge_accuracy_real").asDouble()).as("the real targets' bars are where the judge learnt them")
                .isGreaterThanOrEqualTo(0.875);
        assertThat(judged.out).contains("judge_fd");
        Cli notEvaluation = Cli.run("evaluate", run.toString(), "--set", "training.steps=1");
        assertThat(notEvaluation.code).isEqualTo(2);
        assertThat(notEvaluation.err).contains("may change only evaluation.* keys");
        Cli unknownJudge = Cli.run("evaluate", run.toString(), "--set", "evaluation.judge=nope");
        assertThat(unknownJudge.code).isEqualTo(2);
        assertThat(unknownJudge.err).contains("evaluation.judge", "nope", "fashion-mnist");

        Path in = Files.createDirectories(tmp.resolve("in"));
        ImageIO.write(new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB), "png", in.resolve("x.png").toFile());
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB), "png", in.resolve("y.png").toFile());
        Cli tr = Cli.run("translate", "--checkpoint", run.toString(), "--in", in.toString(), "--out", tmp.resolve("out").toString());
        assertThat(tr.code).as(tr.toString()).isZero();
        assertThat(ImageIO.read(tmp.resolve("out/x.png").toFile()).getWidth()).isEqualTo(32);
        assertThat(tmp.resolve("out/y.png")).exists();

        Cli bad = Cli.run("translate", "--checkpoint", run.toString(), "--in", in.toString(), "--out",
                tmp.resolve("out2").toString(), "--direction", "BtoA");
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.err).contains("network 'F'");
    }

    /**
     * An IDX image set (MNIST's format) of 16×16 white vertical bars on black: class 0 centred in columns 1–6,
     * class 1 in 8–14; 400 training and 100 test images.
     */
    private static Path barsIdx(Path dir) throws Exception {
        Files.createDirectories(dir);
        java.util.Random r = new java.util.Random(5);
        for (String prefix : new String[] {"train", "t10k"}) {
            int n = prefix.equals("train") ? 400 : 100;
            java.io.ByteArrayOutputStream images = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream labels = new java.io.ByteArrayOutputStream();
            java.io.DataOutputStream im = new java.io.DataOutputStream(images);
            java.io.DataOutputStream lb = new java.io.DataOutputStream(labels);
            im.writeInt(0x803);
            im.writeInt(n);
            im.writeInt(16);
            im.writeInt(16);
            lb.writeInt(0x801);
            lb.writeInt(n);
            for (int i = 0; i < n; i++) {
                int cls = i % 2;
                int centre = cls == 0 ? 1 + r.nextInt(6) : 8 + r.nextInt(7);
                for (int p = 0; p < 256; p++) {
                    im.writeByte(Math.abs(p % 16 - centre) <= 1 ? 255 : 0);
                }
                lb.writeByte(cls);
            }
            Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.toByteArray());
            Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.toByteArray());
        }
        return dir;
    }

    /** Unpaired 16×16 colour images: A a red square at a position, B a blue one; test names in both domains. */
    private Path domains() throws Exception {
        for (String split : new String[] {"train", "test"}) {
            for (String side : new String[] {"A", "B"}) {
                Path dir = Files.createDirectories(tmp.resolve("domains").resolve(split + side));
                for (int i = 0; i < 4; i++) {
                    BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
                    for (int y = 2 + i; y < 8 + i; y++) {
                        for (int x = 3; x < 9; x++) {
                            img.setRGB(x, y, side.equals("A") ? 0xFFE02020 : 0xFF2020E0);
                        }
                    }
                    ImageIO.write(img, "png", dir.resolve("e" + i + ".png").toFile());
                }
            }
        }
        return tmp.resolve("domains");
    }

    @Test
    void cycleGanTrainsEvaluatesBothCyclesAndTranslatesBothWays() throws Exception {
        Path data = domains();
        Path cfg = Files.writeString(tmp.resolve("cyc.yaml"), """
                name: cyc
                seed: 2
                data: {type: unpaired-images, dir: %s, size: 16, load_size: 18}
                networks:
                  G: {type: resnet-generator, ngf: 4, blocks: 1}
                  F: {type: resnet-generator, ngf: 4, blocks: 1}
                  D_A: {type: patchgan-discriminator, in_channels: 3, ndf: 4, layers: 2, norm: instance}
                  D_B: {type: patchgan-discriminator, in_channels: 3, ndf: 4, layers: 2, norm: instance}
                loss: {type: least-squares}
                schedule: {type: cyclegan, pool_size: 3}
                training: {steps: 4, batch_size: 1, lr_decay_from: 2}
                checkpoints: {every: 0}
                samples: {every: 2}
                evaluation: {every: 2}
                metrics: {every: 1}
                """.formatted(data));
        Path run = tmp.resolve("cyc-run");
        Cli train = Cli.run("train", cfg.toString(), "--run-dir", run.toString(), "--progress", "none");
        assertThat(train.code).as(train.toString()).isZero();
        assertThat(Files.readString(run.resolve("metrics.jsonl"))).contains("\"loss_cycle_a\"", "\"loss_idt_b\"",
                "\"lr_scale\":0.5", "\"eval_cycle_l1_a\"", "\"eval_identity_l1\"");
        assertThat(train.err).contains("evaluation at step 2: l1 ");
        // progress pictures show translations of the first training images, not generator noise
        BufferedImage progress = ImageIO.read(run.resolve("samples/step-00000002.png").toFile());
        assertThat(progress.getWidth()).as("a | G(a) | F(G(a)) | b | F(b) | G(F(b))").isEqualTo(6 * (16 + 2) + 2);
        assertThat(progress.getHeight()).as("four training images").isEqualTo(4 * (16 + 2) + 2);

        Cli eval = Cli.run("evaluate", run.toString());
        assertThat(eval.code).as(eval.toString()).isZero();
        assertThat(eval.out).contains("a | G(a) | F(G(a)) | b | F(b) | G(F(b))");
        JsonNode json = new ObjectMapper().readTree(run.resolve("evaluation-step-00000004.json").toFile());
        assertThat(json.get("images_a").asInt()).isEqualTo(4);
        assertThat(json.get("cycle_l1_a").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("cycle_l1_b").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("psnr").asDouble()).isPositive();
        // red squares against blue ones of the same names: two of three channels differ by 0xC0 inside the square
        assertThat(json.get("identity_l1").asDouble()).isCloseTo(2.0 / 3 * 0xC0 / 255 * 36 / 256, within(1e-3));
        BufferedImage grid = ImageIO.read(run.resolve("evaluation-step-00000004-translations.png").toFile());
        assertThat(grid.getWidth()).isEqualTo(6 * (16 + 2) + 2);

        // a grey judge of colour translations: they are averaged to grey; the figures exist and the class range is checked
        Path judge = barsIdx(tmp.resolve("judge"));
        Cli judged = Cli.run("evaluate", run.toString(), "--set", "evaluation.judge=mnist", "--set",
                "evaluation.judge_dir=" + judge, "--set", "evaluation.judge_class_a=0", "--set",
                "evaluation.judge_class_b=1", "--out", tmp.resolve("judged.json").toString());
        assertThat(judged.code).as(judged.toString()).isZero();
        JsonNode j = new ObjectMapper().readTree(tmp.resolve("judged.json").toFile());
        assertThat(j.get("judge_fd_ab").asDouble()).isPositive();
        assertThat(j.get("judge_fd_ba").asDouble()).isPositive();
        assertThat(j.get("identity_judge_fd").asDouble()).as("red and blue squares are the same grey shapes")
                .isLessThan(j.get("judge_fd_ab").asDouble() + j.get("judge_fd_ba").asDouble());
        assertThat(j.get("judge_called_b").asDouble() + j.get("judge_called_b_real").asDouble()
                + j.get("judge_called_a").asDouble() + j.get("judge_called_a_real").asDouble()).isBetween(0.0, 4.0);
        Cli badClass = Cli.run("evaluate", run.toString(), "--set", "evaluation.judge=mnist", "--set",
                "evaluation.judge_dir=" + judge, "--set", "evaluation.judge_class_b=12");
        assertThat(badClass.code).isEqualTo(2);
        assertThat(badClass.err).contains("has classes 0..9, got 12");

        Path in = data.resolve("testB");
        for (String direction : new String[] {"AtoB", "BtoA"}) {
            Cli tr = Cli.run("translate", "--checkpoint", run.toString(), "--in", in.toString(), "--out",
                    tmp.resolve(direction).toString(), "--direction", direction);
            assertThat(tr.code).as(tr.toString()).isZero();
            assertThat(tr.out).contains("with " + (direction.equals("AtoB") ? "G" : "F"));
            assertThat(ImageIO.read(tmp.resolve(direction).resolve("e3.png").toFile()).getWidth()).isEqualTo(16);
        }
    }
}
