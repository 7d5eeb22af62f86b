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
import org.gan4j.api.DataException;
import org.gan4j.api.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Both pix2pix layouts, direction, jitter and flips applied alike to A and B, and unaugmented test splits. */
class PairedImagesDataSourceTest {
    @TempDir
    Path tmp;

    /** Grey value of pixel (x, y) of pair i: distinct everywhere, so crops and flips can be traced. */
    private static int grey(int i, int x, int y) {
        return 10 * i + 7 * x + 31 * y;
    }

    private static BufferedImage image(int w, int h, java.util.function.IntBinaryOperator value) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = value.applyAsInt(x, y);
                img.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return img;
    }

    /** Pairs of 6×6 images: A has grey(i, x, y), B is its negative 255 - grey. */
    private Path aligned(String split, int n) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("aligned").resolve(split));
        for (int i = 0; i < n; i++) {
            int k = i;
            ImageIO.write(image(12, 6, (x, y) -> x < 6 ? grey(k, x, y) : 255 - grey(k, x - 6, y)), "png",
                    dir.resolve("p" + i + ".png").toFile());
        }
        return tmp.resolve("aligned");
    }

    private static Dataset open(Path root, String format, String split, int size, int loadSize, String direction) {
        return new PairedImagesDataSource().open(new PairedImagesDataSource.Config(root.toString(), format, split, size,
                loadSize, true, 1, 1, direction, "white", 0));
    }

    private static double pixel(int v) {
        return v / 127.5 - 1;
    }

    @Test
    void alignedFilesSplitIntoAThenBChannels() throws Exception {
        Dataset d = open(aligned("train", 3), "aligned", "train", 0, 0, "AtoB");
        assertThat(d.sampleShape()).containsExactly(2, 6, 6);
        assertThat(d.size()).isEqualTo(3);
        INDArray x = d.batch(new int[] {2}).x();
        assertThat(x.getDouble(0, 0, 1, 4)).isCloseTo(pixel(grey(2, 4, 1)), within(1e-6));
        assertThat(x.getDouble(0, 1, 1, 4)).isCloseTo(pixel(255 - grey(2, 4, 1)), within(1e-6));
        // BtoA: B's channels come first
        INDArray swapped = open(tmp.resolve("aligned"), "aligned", "train", 0, 0, "BtoA").batch(new int[] {2}).x();
        assertThat(swapped.getDouble(0, 0, 1, 4)).isCloseTo(pixel(255 - grey(2, 4, 1)), within(1e-6));
    }

    @Test
    void labelsCsvLabelsEachPairByFileNameAndAGapIsAnError() throws Exception {
        Path root = aligned("test", 3);
        assertThat(open(root, "aligned", "test", 0, 0, "AtoB").numClasses()).as("no labels.csv: unlabelled").isZero();
        Files.writeString(root.resolve("test/labels.csv"), "# file,class\np0.png,5\np2.png,9\np1.png,7\n");
        Dataset d = open(root, "aligned", "test", 0, 0, "AtoB");
        assertThat(d.numClasses()).isEqualTo(10);
        assertThat(d.batch(new int[] {2, 0, 1}).labels().toIntVector()).containsExactly(9, 5, 7);
        assertThat(d.batch(new int[] {1}, new SplittableRandom(1)).labels().toIntVector()).containsExactly(7);
        Files.writeString(root.resolve("test/labels.csv"), "p0.png,5\np2.png,9\n");
        assertThatThrownBy(() -> open(root, "aligned", "test", 0, 0, "AtoB")).isInstanceOf(DataException.class)
                .hasMessageContaining("labels.csv: has no class for p1.png");
        Files.writeString(root.resolve("test/labels.csv"), "p0.png,5\np1.png,boot\np2.png,9\n");
        assertThatThrownBy(() -> open(root, "aligned", "test", 0, 0, "AtoB")).isInstanceOf(DataException.class)
                .hasMessageContaining("labels.csv:2: expected 'file,class'");
    }

    @Test
    void foldersPairFilesByNameAndAMissingPartnerIsAnError() throws Exception {
        Path root = tmp.resolve("folders");
        Path a = Files.createDirectories(root.resolve("test/A"));
        Path b = Files.createDirectories(root.resolve("test/B"));
        for (int i = 0; i < 2; i++) {
            int k = i;
            ImageIO.write(image(6, 6, (x, y) -> grey(k, x, y)), "png", a.resolve("e" + i + ".png").toFile());
            ImageIO.write(image(6, 6, (x, y) -> 255 - grey(k, x, y)), "png", b.resolve("e" + i + ".png").toFile());
        }
        Dataset d = open(root, "folders", "test", 0, 0, "AtoB");
        INDArray x = d.batch(new int[] {1}).x();
        assertThat(x.getDouble(0, 0, 5, 0)).isCloseTo(pixel(grey(1, 0, 5)), within(1e-6));
        assertThat(x.getDouble(0, 1, 5, 0)).isCloseTo(pixel(255 - grey(1, 0, 5)), within(1e-6));

        Files.delete(b.resolve("e1.png"));
        assertThatThrownBy(() -> open(root, "folders", "test", 0, 0, "AtoB")).isInstanceOf(DataException.class)
                .hasMessageContaining("e1.png").hasMessageContaining("no partner");
        assertThatThrownBy(() -> open(root, "folders", "val", 0, 0, "AtoB")).isInstanceOf(DataException.class)
                .hasMessageContaining("not a directory");
    }

    @Test
    void trainingCropsAndFlipsMoveAAndBTogetherAndOtherSplitsStayCentred() throws Exception {
        aligned("test", 2);
        Dataset train = open(aligned("train", 2), "aligned", "train", 4, 6, "AtoB");
        assertThat(train.sampleShape()).containsExactly(2, 4, 4);
        Set<String> seen = new HashSet<>();
        for (int draw = 0; draw < 40; draw++) {
            INDArray x = train.batch(new int[] {1}, new SplittableRandom(draw)).x();
            // B is A's negative pixel for pixel: whatever crop and flip was drawn, it was drawn for both
            assertThat(x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(1))
                    .add(x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(0)))
                    .amaxNumber().doubleValue()).isLessThan(1e-6);
            seen.add(x.getDouble(0, 0, 0, 0) + "/" + x.getDouble(0, 0, 0, 3));
        }
        // 3 × 3 crop positions × 2 flips; 40 draws see most of them, and the same draw repeats exactly
        assertThat(seen.size()).isGreaterThan(8);
        assertThat(train.batch(new int[] {0}, new SplittableRandom(5)).x())
                .isEqualTo(train.batch(new int[] {0}, new SplittableRandom(5)).x());

        // the test split is scaled to size, never cropped or flipped, whatever random it is given
        Dataset test = open(tmp.resolve("aligned"), "aligned", "test", 6, 0, "AtoB");
        assertThat(test.batch(new int[] {1}, new SplittableRandom(1)).x()).isEqualTo(test.batch(new int[] {1}).x());
        assertThat(test.batch(new int[] {1}).x().getDouble(0, 0, 0, 5)).isCloseTo(pixel(grey(1, 5, 0)), within(1e-6));
    }
}
