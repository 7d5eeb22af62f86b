package org.gan4j.api.train;

/**
 * What a translating schedule's networks do, declared by {@link StepRunner#translation()}: the engine then shows
 * translations of the first training images in progress pictures (input | output | target for paired data; a | G(a)
 * | F(G(a)) | b | F(b) | G(F(b)) for two-way translation) and scores the test split as translations (L1, PSNR, SSIM;
 * cycle errors), instead of sampling noise. Which data the schedule trains on decides nothing: a plugin schedule that
 * declares a translation gets the same pictures and evaluation.
 *
 * @param forward the network that translates A to B (pix2pix's and CycleGAN's G)
 * @param inverse the network that translates B to A (CycleGAN's F), or null for one-way translation on paired data
 * @since API 1.3
 */
public record Translation(String forward, String inverse) {
    /**
     * Checks the names.
     */
    public Translation {
        if (forward == null || forward.isBlank()) {
            throw new IllegalArgumentException("a translation names its forward network");
        }
    }

    /**
     * Tells whether this is a two-way translation (unpaired data, cycle consistency).
     *
     * @return true when there is an inverse network
     */
    public boolean twoWay() {
        return inverse != null;
    }
}
