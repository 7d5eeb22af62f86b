package org.gan4j.engine.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.gan4j.api.DataException;
import org.gan4j.api.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** image-folder: RGB planes in [-1, 1], transparency over the background, scaling, and clear errors. */
class ImageFolderDataSourceTest {
    @TempDir
    Path dir;

    private void png(String name, int w, int h, int argb) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, x < w / 2 ? argb : 0x00000000);
            }
        }
        ImageIO.write(img, "png", dir.resolve(name).toFile());
    }

    private static Dataset open(Path dir, int size, int channels, String background) {
        return new ImageFolderDataSource().open(new ImageFolderDataSource.Config(dir.toString(), size, channels, background, 0));
    }

    @Test
    void pixelsBecomeChannelPlanesInMinusOneToOneWithTransparencyOverTheBackground() throws Exception {
        png("b.png", 4, 4, 0xFFFF0000);
        png("a.png", 4, 4, 0xFF0000FF);
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        Dataset ds = open(dir, 0, 3, "white");
        assertThat(ds.size()).isEqualTo(2);
        assertThat(ds.sampleShape()).containsExactly(3, 4, 4);
        assertThat(ds.numClasses()).isZero();
        INDArray x = ds.batch(new int[] {0, 1}).x();
        // a.png (sorted first) is opaque blue on the left half and transparent, so white, on the right
        assertThat(x.getDouble(0, 0, 0, 0)).isEqualTo(-1.0);
        assertThat(x.getDouble(0, 2, 0, 0)).isEqualTo(1.0);
        assertThat(x.getDouble(0, 0, 0, 3)).isEqualTo(1.0);
        assertThat(x.getDouble(1, 0, 2, 1)).isEqualTo(1.0);
        assertThat(x.getDouble(1, 1, 2, 1)).isEqualTo(-1.0);
        assertThat(open(dir, 0, 3, "black").batch(new int[] {0}).x().getDouble(0, 1, 0, 3)).isEqualTo(-1.0);
        INDArray grey = open(dir, 8, 1, "white").batch(new int[] {1}).x();
        assertThat(grey.shape()).containsExactly(1, 1, 8, 8);
        assertThat(grey.getDouble(0, 0, 4, 0)).isCloseTo(0.299 * 2 - 1, within(0.02));
    }

    @Test
    void emptyOrMissingFoldersAndMixedSizesAreDataErrors() throws Exception {
        assertThatThrownBy(() -> open(dir, 0, 3, "white")).isInstanceOf(DataException.class).hasMessageContaining("no image files");
        assertThatThrownBy(() -> open(dir.resolve("emoji-x"), 0, 3, "white")).isInstanceOf(DataException.class)
                .hasMessageContaining("scripts/setup-data.sh emoji");
        png("a.png", 4, 4, 0xFF000000);
        png("b.png", 6, 6, 0xFF000000);
        assertThatThrownBy(() -> open(dir, 0, 3, "white")).isInstanceOf(DataException.class)
                .hasMessageContaining("b.png").hasMessageContaining("set data.size");
        assertThat(open(dir, 5, 3, "white").sampleShape()).containsExactly(3, 5, 5);
    }
}
