package org.gan4j.engine.config;

import org.gan4j.api.Param;

/**
 * Sample grids written during training from a fixed latent batch. Translation runs ({@code paired-images},
 * {@code unpaired-images} data) write their first 8 training images translated instead (input | output | target;
 * a | G(a) | F(G(a)) | b | F(b) | G(F(b))), so {@code count} does not apply to them.
 *
 * @param every write a sample image every this many steps (and at the end); 0 = only at the end; -1 = never
 * @param count samples per image (a square grid for images, points for 2-D data)
 * @param network the network that generates samples; for translation, the A→B network
 * @param inverse the B→A network of a two-way translation (CycleGAN's F), which {@code gan evaluate} scores with
 *     {@code network}
 */
public record SampleConfig(
        @Param(value = "500", doc = "sample image every N steps (and at the end); 0 = only at the end; -1 = never", min = "-1") long every,
        @Param(value = "64", doc = "samples per grid (points for 2-D data: 1000 recommended)", min = "1", max = "100000") int count,
        @Param(value = "G", doc = "the generator network's name (translation: A→B)") String network,
        @Param(value = "F", doc = "two-way translation (CycleGAN): the B→A network's name") String inverse) {
}
