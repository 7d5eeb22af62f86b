package org.gan4j.dcgan;

import java.util.SplittableRandom;
import org.gan4j.api.ConfigException;
import org.gan4j.api.nn.NetworkContext;
import org.gan4j.nn.Init;
import org.gan4j.nn.Sequential;

/**
 * Radford et al.'s architecture guidelines as networks for 28, 32 and 64 px images: the generator projects z to a
 * 4×4 map of {@code ngf·2^(k-1)} channels and doubles the size k times with stride-2 transposed convolutions
 * (BatchNorm + ReLU between, tanh at the end, no BatchNorm on the output); the discriminator mirrors it with stride-2
 * convolutions and LeakyReLU(0.2), BatchNorm on all but the first layer, no pooling, and a final 4×4 convolution to
 * one logit. 28 px takes one 3×3 step (4 → 7, and 7 → 4 in D). Weights N(0, 0.02).
 *
 * <p>Under a conditional schedule ({@code cgan}) the generator takes z ⊕ one-hot(y) and the discriminator K constant
 * label planes after the image channels (the convolutional form of {@link org.gan4j.api.train.Labels}).
 */
public final class DcganNetworks {
    private DcganNetworks() {
    }

    /** Up-sampling steps after the 4×4 projection for a supported image size. */
    static int steps(long size, String role) {
        return switch ((int) size) {
            case 28, 32 -> 3;
            case 64 -> 4;
            default -> throw new ConfigException("networks." + role + ": DCGAN networks support 28, 32 and 64 px square "
                    + "images; the data has " + size + " px");
        };
    }

    static long imageSize(NetworkContext context) {
        long[] s = context.sampleShape();
        if (s.length != 3 || s[1] != s[2]) {
            throw new ConfigException("networks." + context.role() + ": DCGAN networks need square images [C, H, H], "
                    + "the data has " + java.util.Arrays.toString(s));
        }
        return s[1];
    }

    /**
     * The generator.
     *
     * @param latent the input size: z's, plus K for a conditional model
     * @param ngf filters of the last hidden layer
     * @param channels image channels
     * @param size 28, 32 or 64
     * @param seed initialisation seed
     * @return z {@code [latent, 1, 1]} → image {@code [channels, size, size]} in [-1, 1]
     */
    public static Sequential generator(long latent, int ngf, long channels, long size, long seed) {
        int k = steps(size, "G");
        long c = (long) ngf << (k - 1);
        Sequential.Builder b = Sequential.builder(latent, 1, 1).convTranspose(c, 4, 1, 0, false).batchNorm().relu();
        for (int i = 1; i < k; i++) {
            c /= 2;
            boolean to7 = size == 28 && i == 1;
            b.convTranspose(c, to7 ? 3 : 4, 2, 1, false).batchNorm().relu();
        }
        Sequential net = b.convTranspose(channels, 4, 2, 1, false).tanh().build(seed);
        Init.gaussian(net.layers(), new SplittableRandom(seed ^ 0x5DEECE66DL), false);
        return net;
    }

    /**
     * The discriminator.
     *
     * @param ndf filters of the first layer
     * @param channels input channels: the image's, plus K label planes for a conditional model
     * @param size 28, 32 or 64
     * @param seed initialisation seed
     * @return image → one raw logit {@code [1]}
     */
    public static Sequential discriminator(int ndf, long channels, long size, long seed) {
        int k = steps(size, "D");
        Sequential.Builder b = Sequential.builder(channels, size, size).conv(ndf, 4, 2, 1, false).leakyRelu(0.2);
        long c = ndf;
        for (int i = 1; i < k; i++) {
            c *= 2;
            boolean from7 = size == 28 && i == k - 1;
            b.conv(c, from7 ? 3 : 4, 2, 1, false).batchNorm().leakyRelu(0.2);
        }
        Sequential net = b.conv(1, 4, 1, 0, false).flatten().build(seed);
        Init.gaussian(net.layers(), new SplittableRandom(seed ^ 0x5DEECE66DL), false);
        return net;
    }
}
