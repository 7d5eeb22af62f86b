package org.gan4j.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gan4j.nn.BatchNorm;
import org.gan4j.nn.Conv2d;
import org.gan4j.nn.Init;
import org.gan4j.nn.InstanceNorm;
import org.gan4j.nn.Layer;
import org.gan4j.nn.LeakyRelu;
import org.gan4j.nn.Sequential;
import org.gan4j.nn.Skip;

/**
 * The image-to-image networks of junyanz/pytorch-CycleGAN-and-pix2pix, layer for layer (same shapes, same parameter
 * counts): the U-Net generator, the N-layer PatchGAN discriminator and the ResNet generator. Plain static factories
 * so that library users can build them without a config.
 */
public final class Architectures {

    /** Normalisation inside the image-to-image networks. */
    public enum Norm {
        /** BatchNorm (pix2pix); the convolution before it has no bias. */
        BATCH,
        /** InstanceNorm without affine parameters (CycleGAN); the convolution before it keeps its bias. */
        INSTANCE;

        Layer layer() {
            return this == BATCH ? new BatchNorm() : new InstanceNorm();
        }

        boolean convBias() {
            return this == INSTANCE;
        }
    }

    private Architectures() {
    }

    /**
     * pix2pix's U-Net: {@code numDowns} stride-2 encoder levels, each mirrored by a decoder level whose output is
     * concatenated with the encoder's input at that level; {@code unet_128} is 7 levels, {@code unet_256} 8.
     *
     * @param inChannels input image channels
     * @param outChannels output image channels
     * @param size input height and width, divisible by 2^numDowns
     * @param numDowns encoder levels, at least 5
     * @param ngf filters of the outermost level (64)
     * @param dropout dropout probability in the innermost {@code numDowns - 5} decoder levels (0.5; 0 = none)
     * @param norm normalisation after each inner convolution
     * @param seed initialisation seed
     * @return the network, initialised with N(0, 0.02) weights
     */
    public static Sequential unet(long inChannels, long outChannels, long size, int numDowns, int ngf, double dropout,
                                  Norm norm, long seed) {
        if (numDowns < 5 || size % (1L << numDowns) != 0) {
            throw new IllegalArgumentException("a U-Net needs at least 5 levels and an image size divisible by 2^levels; got "
                    + numDowns + " levels for size " + size);
        }
        boolean bias = norm.convBias();
        Layer block = new Skip(new LeakyRelu(0.2), Conv2d.conv(8L * ngf, 4, 2, 1, bias), new LeakyRelu(0),
                Conv2d.transposed(8L * ngf, 4, 2, 1, bias), norm.layer());
        for (int i = 0; i < numDowns - 5; i++) {
            block = level(8L * ngf, 8L * ngf, block, dropout, norm);
        }
        block = level(4L * ngf, 8L * ngf, block, 0, norm);
        block = level(2L * ngf, 4L * ngf, block, 0, norm);
        block = level(ngf, 2L * ngf, block, 0, norm);
        Sequential net = Sequential.builder(inChannels, size, size).conv(ngf, 4, 2, 1, bias).add(block).relu()
                .convTranspose(outChannels, 4, 2, 1, true).tanh().build(seed);
        Init.gaussian(net.layers(), new SplittableRandom(seed ^ 0x5DEECE66DL), true);
        return net;
    }

    private static Layer level(long outer, long inner, Layer sub, double dropout, Norm norm) {
        boolean bias = norm.convBias();
        List<Layer> layers = new ArrayList<>(List.of(new LeakyRelu(0.2), Conv2d.conv(inner, 4, 2, 1, bias), norm.layer(),
                sub, new LeakyRelu(0), Conv2d.transposed(outer, 4, 2, 1, bias), norm.layer()));
        if (dropout > 0) {
            layers.add(new org.gan4j.nn.Dropout(dropout));
        }
        return new Skip(layers.toArray(Layer[]::new));
    }

    /**
     * The N-layer PatchGAN: {@code nLayers} stride-2 4×4 convolutions, one stride-1, then a stride-1 convolution to one
     * logit per patch. With 3 layers each logit sees a 70×70 patch; 256 px input gives a 30×30 map, 128 px 14×14.
     *
     * @param inChannels input channels (pix2pix: input and output image stacked)
     * @param size input height and width
     * @param ndf filters of the first layer (64)
     * @param nLayers stride-2 layers (3)
     * @param norm normalisation after every convolution but the first and the last
     * @param seed initialisation seed
     * @return the network, initialised with N(0, 0.02) weights
     */
    public static Sequential patchGan(long inChannels, long size, int ndf, int nLayers, Norm norm, long seed) {
        boolean bias = norm.convBias();
        Sequential.Builder b = Sequential.builder(inChannels, size, size).conv(ndf, 4, 2, 1, true).leakyRelu(0.2);
        int mult = 1;
        for (int n = 1; n <= nLayers; n++) {
            mult = Math.min(1 << n, 8);
            b.conv((long) ndf * mult, 4, n < nLayers ? 2 : 1, 1, bias).add(norm.layer()).leakyRelu(0.2);
        }
        Sequential net = b.conv(1, 4, 1, 1, true).build(seed);
        Init.gaussian(net.layers(), new SplittableRandom(seed ^ 0x5DEECE66DL), true);
        return net;
    }

    /**
     * CycleGAN's ResNet generator: reflection-padded 7×7 convolution, two stride-2 down-sampling convolutions,
     * {@code blocks} residual blocks (reflection pad, 3×3 conv, norm, ReLU, reflection pad, 3×3 conv, norm), two
     * stride-2 transposed convolutions back up, a 7×7 convolution and tanh.
     *
     * @param inChannels input image channels
     * @param outChannels output image channels
     * @param size input height and width, divisible by 4
     * @param ngf filters of the first layer (64)
     * @param blocks residual blocks (6 for 128 px, 9 for 256 px)
     * @param norm normalisation (CycleGAN: instance)
     * @param seed initialisation seed
     * @return the network, initialised with N(0, 0.02) weights
     */
    public static Sequential resnet(long inChannels, long outChannels, long size, int ngf, int blocks, Norm norm,
                                    long seed) {
        if (size % 4 != 0) {
            throw new IllegalArgumentException("the ResNet generator needs an image size divisible by 4, got " + size);
        }
        boolean bias = norm.convBias();
        Sequential.Builder b = Sequential.builder(inChannels, size, size).reflectionPad(3).conv(ngf, 7, 1, 0, bias)
                .add(norm.layer()).relu();
        for (int i = 0; i < 2; i++) {
            b.conv((long) ngf << (i + 1), 3, 2, 1, bias).add(norm.layer()).relu();
        }
        long dim = 4L * ngf;
        for (int i = 0; i < blocks; i++) {
            b.residual(new org.gan4j.nn.ReflectionPad(1), Conv2d.conv(dim, 3, 1, 0, bias), norm.layer(), new LeakyRelu(0),
                    new org.gan4j.nn.ReflectionPad(1), Conv2d.conv(dim, 3, 1, 0, bias), norm.layer());
        }
        for (int i = 0; i < 2; i++) {
            b.convTranspose((long) ngf << (1 - i), 3, 2, 1, 1, bias).add(norm.layer()).relu();
        }
        Sequential net = b.reflectionPad(3).conv(outChannels, 7, 1, 0, true).tanh().build(seed);
        Init.gaussian(net.layers(), new SplittableRandom(seed ^ 0x5DEECE66DL), true);
        return net;
    }
}
