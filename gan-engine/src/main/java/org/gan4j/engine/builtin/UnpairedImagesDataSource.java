package org.gan4j.engine.builtin;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;
import org.gan4j.api.ConfigException;
import org.gan4j.api.DataException;
import org.gan4j.api.DataSource;
import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Param;
import org.gan4j.api.data.Batch;
import org.gan4j.api.data.Dataset;
import org.gan4j.engine.internal.Images;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Two image domains without pairs, in the layout of the CycleGAN reference code: {@code <dir>/trainA/},
 * {@code <dir>/trainB/}, {@code <dir>/testA/}, {@code <dir>/testB/}. A sample is an A image's channels followed by
 * a B image's, in [-1, 1]; the cyclegan schedule splits it again.
 *
 * <p>While training, sample {@code i} holds A image {@code i} and a B image drawn at random, so no pairing is ever
 * fixed (the reference's unaligned mode); each image gets its own random crop (scale to {@code load_size}, crop
 * {@code size}) and flip. Without a random draw (evaluation) sample {@code i} holds A image {@code i} and B image
 * {@code i}, centre-cropped: when both folders hold the same file names, B image {@code i} is A image {@code i}'s
 * namesake ({@link Domains#pairedByName()}).
 */
public final class UnpairedImagesDataSource extends Provider<UnpairedImagesDataSource.Config>
        implements DataSource<UnpairedImagesDataSource.Config> {

    /**
     * Settings of {@code unpaired-images}.
     *
     * @param dir the data set's root, holding trainA, trainB, testA, testB
     * @param split {@code train} or {@code test}
     * @param size the side of the square samples; 0 = the files' own size
     * @param loadSize train split: scale to this side, then crop a random {@code size} square; 0 = no crop jitter
     * @param flip train split: flip images horizontally at random
     * @param channelsA A's channels, 3 (RGB) or 1 (grey)
     * @param channelsB B's channels, 3 or 1
     * @param background the colour under transparent pixels
     * @param limit use only the first N images of each domain; 0 = all
     */
    public record Config(
            @Param(doc = "root directory with trainA, trainB, testA, testB") String dir,
            @Param(value = "train", doc = "train | test") String split,
            @Param(value = "0", doc = "side of the square samples; 0 = the files' size", min = "0", max = "8192") int size,
            @Param(value = "0", doc = "train split: scale to load_size, crop a random size square; 0 = no jitter", min = "0", max = "8192") int loadSize,
            @Param(value = "true", doc = "train split: random horizontal flips") boolean flip,
            @Param(value = "3", doc = "A's channels: 3 (RGB) | 1 (grey)", min = "1", max = "3") int channelsA,
            @Param(value = "3", doc = "B's channels: 3 | 1", min = "1", max = "3") int channelsB,
            @Param(value = "white", doc = "colour under transparent pixels: white | black") String background,
            @Param(value = "0", doc = "use only the first N images of each domain; 0 = all", min = "0") int limit) {

        /** Validates the settings. */
        public Config {
            ImageFiles.checkSettings(dir, java.util.Map.of("channels_a", channelsA, "channels_b", channelsB), background, size,
                    loadSize, limit);
            if (!split.equals("train") && !split.equals("test")) {
                throw new ConfigException("data.split: expected train or test, got '" + split + "'");
            }
        }
    }

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public UnpairedImagesDataSource() {
        super("unpaired-images", Config.class, GanApi.VERSION,
                "two unpaired image domains for CycleGAN (trainA/, trainB/, testA/, testB/), jitter and flips");
    }

    @Override
    public Domains open(Config config) {
        Path root = Path.of(config.dir());
        Path dirA = root.resolve(config.split() + "A");
        Path dirB = root.resolve(config.split() + "B");
        for (Path d : List.of(dirA, dirB)) {
            if (!Files.isDirectory(d)) {
                throw new DataException("data.dir: " + d + " is not a directory (expected trainA, trainB, testA, testB in "
                        + root + ")" + hint(root));
            }
        }
        List<Path> filesA = ImageFiles.list(dirA, config.limit());
        List<Path> filesB = ImageFiles.list(dirB, config.limit());
        for (Path d : List.of(dirA, dirB)) {
            if ((d == dirA ? filesA : filesB).isEmpty()) {
                throw new DataException(d + ": holds no image files (png, jpg, bmp, gif)");
            }
        }
        boolean train = config.split().equals("train");
        int side = train && config.loadSize() > 0 ? config.loadSize() : config.size();
        Color bg = ImageFiles.background(config.background());
        Domain a = Domain.load(filesA, config.channelsA(), side, bg);
        Domain b = Domain.load(filesB, config.channelsB(), side, bg);
        if (a.h != b.h || a.w != b.w) {
            throw new DataException(dirA + " holds " + a.w + "×" + a.h + " images, " + dirB + " " + b.w + "×" + b.h
                    + "; set data.size to scale them all");
        }
        boolean byName = filesA.size() == filesB.size() && java.util.stream.IntStream.range(0, filesA.size())
                .allMatch(i -> filesA.get(i).getFileName().equals(filesB.get(i).getFileName()));
        int crop = config.size() > 0 ? config.size() : a.h;
        boolean jitter = train && (crop < a.h || config.flip());
        String name = root.getFileName() + " " + config.split();
        return new Domains(name, root.resolve("gan4j-cache"), a, b, crop, jitter && config.flip(), jitter, byName);
    }

    private static String hint(Path root) {
        String r = root.getFileName() == null ? "" : root.getFileName().toString();
        return List.of("google2twitter", "sneakers2boots").contains(r)
                ? "; build it with: scripts/setup-data.sh " + r : "";
    }

    /** One domain's images at load resolution, each {@code c × h × w} floats. */
    private record Domain(float[] values, int n, int c, int h, int w) {
        static Domain load(List<Path> files, int c, int side, Color bg) {
            float[] values = null;
            int h = 0;
            int w = 0;
            for (int i = 0; i < files.size(); i++) {
                java.awt.image.BufferedImage img = ImageFiles.read(files.get(i));
                int th = side > 0 ? side : img.getHeight();
                int tw = side > 0 ? side : img.getWidth();
                if (values == null) {
                    h = th;
                    w = tw;
                    values = new float[files.size() * c * h * w];
                } else if (th != h || tw != w) {
                    throw new DataException(files.get(i) + ": is " + tw + "×" + th + ", " + files.get(0) + " " + w + "×" + h
                            + "; set data.size to scale them all");
                }
                Images.planes(Images.draw(img, 0, img.getWidth(), w, h, bg), c, values, i * c * h * w);
            }
            return new Domain(values, files.size(), c, h, w);
        }
    }

    /** Both domains of one split; samples hold an A image and a B image, cropped (and flipped) per batch. */
    public static final class Domains implements Dataset {
        private final String name;
        private final Path cache;
        private final Domain a;
        private final Domain b;
        private final int crop;
        private final boolean flip;
        private final boolean augment;
        private final boolean byName;

        Domains(String name, Path cache, Domain a, Domain b, int crop, boolean flip, boolean augment, boolean byName) {
            this.name = name;
            this.cache = cache;
            this.a = a;
            this.b = b;
            this.crop = crop;
            this.flip = flip;
            this.augment = augment;
            this.byName = byName;
        }

        /**
         * Images in domain A.
         *
         * @return the count
         */
        public int sizeA() {
            return a.n;
        }

        /**
         * Images in domain B.
         *
         * @return the count
         */
        public int sizeB() {
            return b.n;
        }

        /**
         * Tells whether both folders hold the same file names, so that {@link #batch(int[])} pairs each A image with
         * its namesake in B (Google and Twitter emoji: a ground truth for translation error).
         *
         * @return true when the names match one to one
         */
        public boolean pairedByName() {
            return byName;
        }

        @Override
        public long[] sampleShape() {
            return new long[] {a.c + b.c, crop, crop};
        }

        /** The larger domain's count: an epoch shows every image of both domains at least once. */
        @Override
        public int size() {
            return Math.max(a.n, b.n);
        }

        @Override
        public int numClasses() {
            return 0;
        }

        /** Sample {@code i}: A image {@code i mod |A|} and B image {@code i mod |B|}, centre crops. */
        @Override
        public Batch batch(int[] indices) {
            return cut(indices, null);
        }

        /** Sample {@code i}: A image {@code i mod |A|} and a random B image, each with its own crop and flip. */
        @Override
        public Batch batch(int[] indices, RandomGenerator random) {
            return cut(indices, random);
        }

        private Batch cut(int[] indices, RandomGenerator random) {
            int c = a.c + b.c;
            int plane = crop * crop;
            float[] out = new float[indices.length * c * plane];
            for (int k = 0; k < indices.length; k++) {
                int ib = random == null ? indices[k] % b.n : random.nextInt(b.n);
                place(a, indices[k] % a.n, augment ? random : null, out, k * c * plane);
                place(b, ib, augment ? random : null, out, (k * c + a.c) * plane);
            }
            return new Batch(Nd4j.create(out, new long[] {indices.length, c, crop, crop}, 'c').castTo(DataType.FLOAT), null);
        }

        private void place(Domain d, int i, RandomGenerator random, float[] out, int to) {
            int oy = random == null ? (d.h - crop) / 2 : random.nextInt(d.h - crop + 1);
            int ox = random == null ? (d.w - crop) / 2 : random.nextInt(d.w - crop + 1);
            boolean mirror = random != null && flip && random.nextBoolean();
            ImageFiles.crop(d.values, i * d.c * d.h * d.w, d.c, d.h, d.w, crop, oy, ox, mirror, out, to);
        }

        @Override
        public Path cacheDirectory() {
            return cache;
        }

        @Override
        public String describe() {
            return name + ": " + a.n + " A and " + b.n + " B images × [" + a.c + " + " + b.c + ", " + crop + ", " + crop + "]"
                    + (augment ? " (random crops from " + a.w + " px" + (flip ? ", flips" : "") + ")" : "")
                    + (name.endsWith(" train") ? ", each A beside a random B" : byName ? ", paired by file name" : "");
        }
    }
}
