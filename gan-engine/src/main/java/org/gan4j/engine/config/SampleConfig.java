package org.gan4j.engine.config;

import org.gan4j.api.Param;

/**
 * Sample grids written during training from a fixed latent batch. Runs whose schedule declares a translation
 * ({@link org.gan4j.api.train.Translation}: pix2pix, CycleGAN) write their first 8 training images translated instead
 * (input | output | target; a | G(a) | F(G(a)) | b | F(b) | G(F(b))) with the networks the schedule names, so
 * {@code count} and {@code network} do not apply to them.
 *
 * @param every write a sample image every this many steps (and at the end); 0 = only at the end; -1 = never
 * @param count samples per image (a square grid for images, points for 2-D data)
 * @param network the network that generates samples
 * @param inverse ignored since API 1.3 (the schedule's {@link org.gan4j.api.train.Translation} names its networks);
 *     kept so that configs and checkpoints written before still load
 */
public record SampleConfig(
        @Param(value = "500", doc = "sample image every N steps (and at the end); 0 = only at the end; -1 = never", min = "-1") long every,
        @Param(value = "64", doc = "samples per grid (points for 2-D data: 1000 recommended)", min = "1", max = "100000") int count,
        @Param(value = "G", doc = "the generator network's name (translating schedules name their own)") String network,
        @Param(value = "F", doc = "ignored (the schedule names its translation networks); kept so older configs load") String inverse) {
}
