package org.gan4j.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The translation figures on images with known answers. */
class TranslationMetricsTest {

    private static INDArray texture() {
        INDArray x = Nd4j.create(DataType.DOUBLE, 3, 16, 16);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 16; y++) {
                for (int i = 0; i < 16; i++) {
                    x.putScalar(new long[] {c, y, i}, 0.5 + 0.4 * Math.sin(0.7 * i + 1.3 * y + c));
                }
            }
        }
        return x;
    }

    @Test
    void l1AndPsnrFollowTheirDefinitions() {
        INDArray a = texture();
        INDArray b = a.add(0.1);
        assertThat(TranslationEvaluator.l1(a, b)).isCloseTo(0.1, within(1e-12));
        // MSE 0.01 on a range of 1: 20 dB
        assertThat(TranslationEvaluator.psnr(a, b)).isCloseTo(20, within(1e-9));
        assertThat(TranslationEvaluator.psnr(a, a.dup())).isEqualTo(100);
    }

    @Test
    void ssimIsOneForIdenticalImagesSymmetricAndNegativeForAnInvertedTexture() {
        INDArray a = texture();
        assertThat(Ssim.of(a, a.dup())).isCloseTo(1, within(1e-12));
        INDArray inverted = a.rsub(1);
        assertThat(Ssim.of(a, inverted)).isLessThan(-0.9);
        INDArray noisy = a.add(Nd4j.rand(DataType.DOUBLE, 3, 16, 16).subi(0.5).muli(0.2));
        double s = Ssim.of(a, noisy);
        assertThat(s).isBetween(0.3, 0.99);
        assertThat(Ssim.of(noisy, a)).isCloseTo(s, within(1e-12));
        // a constant brightness shift keeps the structure: SSIM stays high although L1 grows
        assertThat(Ssim.of(a, a.add(0.05))).isGreaterThan(0.95);
    }
}
