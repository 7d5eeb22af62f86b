package org.gan4j.engine.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.gan4j.api.ConfigException;
import org.gan4j.api.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The unpaired layout: random B partners while training, namesakes at test, and clear errors. */
class UnpairedImagesDataSourceTest {
    @TempDir
    Path tmp;

    private static void write(Path dir, String name, int grey, int side) throws Exception {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                img.setRGB(x, y, (grey << 16) | (grey << 8) | grey);
            }
        }
        ImageIO.write(img, "png", Files.createDirectories(dir).resolve(name).toFile());
    }

    /** trainA: 3 images of grey 10·i; trainB: 2 of grey 200 + 10·j; testA/testB: the same 3 names, B = 255 - A. */
    private Path layout() throws Exception {
        Path root = tmp.resolve("u");
        for (int i = 0; i < 3; i++) {
            write(root.resolve("trainA"), "a" + i + ".png", 10 * i, 6);
            write(root.resolve("testA"), "e" + i + ".png", 40 + 30 * i, 6);
            write(root.resolve("testB"), "e" + i + ".png", 255 - (40 + 30 * i), 6);
        }
        for (int j = 0; j < 2; j++) {
            write(root.resolve("trainB"), "b" + j + ".png", 200 + 10 * j, 6);
        }
        return root;
    }

    private static UnpairedImagesDataSource.Domains open(Path root, String split) {
        return new UnpairedImagesDataSource().open(new UnpairedImagesDataSource.Config(root.toString(), split, 0, 0, false,
                1, 1, "white", 0));
    }

    private static int grey(INDArray x, int sample, int channel) {
        return (int) Math.round((x.getDouble(sample, channel, 2, 3) + 1) * 127.5);
    }

    @Test
    void trainingSamplesHoldEachAImageBesideARandomBImage() throws Exception {
        UnpairedImagesDataSource.Domains train = open(layout(), "train");
        assertThat(train.size()).as("the larger domain").isEqualTo(3);
        assertThat(train.sampleShape()).containsExactly(2, 6, 6);
        assertThat(train.pairedByName()).isFalse();
        SplittableRandom r = new SplittableRandom(3);
        Set<Integer> partners = new HashSet<>();
        for (int round = 0; round < 20; round++) {
            INDArray x = train.batch(new int[] {0, 1, 2}, r).x();
            for (int k = 0; k < 3; k++) {
                assertThat(grey(x, k, 0)).isEqualTo(10 * k);
                partners.add(grey(x, k, 1));
            }
        }
        assertThat(partners).as("both B images, drawn at random").containsExactlyInAnyOrder(200, 210);
        // without a draw, B image i mod |B|
        INDArray fixed = train.batch(new int[] {0, 1, 2}).x();
        assertThat(new int[] {grey(fixed, 0, 1), grey(fixed, 1, 1), grey(fixed, 2, 1)}).containsExactly(200, 210, 200);
        assertThat(train.describe()).contains("3 A and 2 B images", "random B");
    }

    @Test
    void theTestSplitPairsNamesakes() throws Exception {
        UnpairedImagesDataSource.Domains test = open(layout(), "test");
        assertThat(test.pairedByName()).isTrue();
        assertThat(test.sizeA()).isEqualTo(3);
        INDArray x = test.batch(new int[] {0, 1, 2}).x();
        for (int k = 0; k < 3; k++) {
            assertThat(grey(x, k, 0)).isEqualTo(40 + 30 * k);
            assertThat(x.getDouble(k, 1, 0, 0)).isCloseTo(-x.getDouble(k, 0, 0, 0), within(1e-6));
        }
    }

    @Test
    void badLayoutsFailWithThePathAndWhatIsExpected() throws Exception {
        Path root = layout();
        Files.walk(root.resolve("testB")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        assertThatThrownBy(() -> open(root, "test")).isInstanceOf(DataException.class)
                .hasMessageContaining("testB is not a directory").hasMessageContaining("trainA, trainB, testA, testB");
        Files.createDirectories(root.resolve("testB"));
        assertThatThrownBy(() -> open(root, "test")).isInstanceOf(DataException.class)
                .hasMessageContaining("testB: holds no image files");
        write(root.resolve("testB"), "e0.png", 9, 8);
        assertThatThrownBy(() -> open(root, "test")).isInstanceOf(DataException.class)
                .hasMessageContaining("8×8").hasMessageContaining("set data.size");
        assertThatThrownBy(() -> new UnpairedImagesDataSource.Config("d", "val", 0, 0, true, 3, 3, "white", 0))
                .isInstanceOf(ConfigException.class).hasMessage("data.split: expected train or test, got 'val'");
        // scaled to one size, the mismatch goes away
        assertThat(new UnpairedImagesDataSource().open(new UnpairedImagesDataSource.Config(root.toString(), "test", 4, 0,
                false, 3, 3, "white", 0)).sampleShape()).containsExactly(6, 4, 4);
    }
}
