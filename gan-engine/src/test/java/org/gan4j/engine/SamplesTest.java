package org.gan4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Samples as pictures for library users. */
class SamplesTest {

    @Test
    void imageSamplesBecomeOnePictureEachWithTanhRangeMappedToBytes() {
        // two RGB samples of 2×3 pixels: sample 0 red at -1/1/0 per channel, sample 1 grey everywhere
        float[] v = new float[2 * 3 * 2 * 3];
        for (int p = 0; p < 6; p++) {
            v[p] = 1f;         // sample 0, R
            v[6 + p] = -1f;    // sample 0, G
            v[12 + p] = 0f;    // sample 0, B
        }
        java.util.Arrays.fill(v, 18, 36, -0.5f);
        List<BufferedImage> images = new Samples(Nd4j.create(v, new long[] {2, 3, 2, 3}, DataType.FLOAT), null, 0).images();
        assertThat(images).hasSize(2);
        assertThat(images.get(0).getWidth()).isEqualTo(3);
        assertThat(images.get(0).getHeight()).isEqualTo(2);
        assertThat(images.get(0).getRGB(2, 1) & 0xFFFFFF).isEqualTo((255 << 16) | (0 << 8) | 128);
        assertThat(images.get(1).getRGB(0, 0) & 0xFFFFFF).isEqualTo((64 << 16) | (64 << 8) | 64);
    }

    @Test
    void pointSamplesAreNotImages() {
        Samples points = new Samples(Nd4j.zeros(DataType.FLOAT, 5, 2), null, 0);
        assertThatThrownBy(points::images).isInstanceOf(IllegalStateException.class).hasMessageContaining("[5, 2]");
    }
}
