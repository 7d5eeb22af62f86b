package org.gan4j.engine.builtin;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Paired images for image-to-image translation (pix2pix), in either of the two layouts of the pix2pix reference
 * code: {@code aligned}, where each file holds A and B side by side ({@code <dir>/<split>/*.png}), or {@code folders},
 * where {@code <dir>/<split>/A/} and {@code <dir>/<split>/B/} hold files of the same names. A sample is the pair as
 * one image with A's channels first, then B's ({@code direction: BtoA} swaps them), in [-1, 1]; the pix2pix schedule
 * splits it again. On the train split, random jitter (scale to {@code load_size}, crop a random {@code size} square)
 * and horizontal flips apply the same way to A and B; other splits are only scaled to {@code size}. A split may
 * carry a class per pair in {@code <dir>/<split>/labels.csv} ({@code file,class} lines, e.g. edges2shoes'
 * Fashion-MNIST classes): the pairs are then labelled, which the translation evaluation's judge uses.
 */
public final class PairedImagesDataSource extends Provider<PairedImagesDataSource.Config>
        implements DataSource<PairedImagesDataSource.Config> {

    /**
     * Settings of {@code paired-images}.
     *
     * @param dir the data set's root, holding one directory per split
     * @param format {@code aligned} or {@code folders}
     * @param split {@code train}, {@code val} or {@code test}
     * @param size the side of the square samples; 0 = the files' own size
     * @param loadSize train split: scale to this side, then crop a random {@code size} square; 0 = no crop jitter
     * @param flip train split: flip pairs horizontally at random
     * @param channelsA A's channels, 3 (RGB) or 1 (grey)
     * @param channelsB B's channels, 3 or 1
     * @param direction {@code AtoB} or {@code BtoA}: which side is the input
     * @param background the colour under transparent pixels
     * @param limit use only the first N pairs; 0 = all
     */
    public record Config(
            @Param(doc = "root directory with one subdirectory per split") String dir,
            @Param(value = "aligned", doc = "aligned (A|B side by side in one file) | folders (<split>/A and <split>/B, same names)")
            String format,
            @Param(value = "train", doc = "train | val | test") String split,
            @Param(value = "0", doc = "side of the square samples; 0 = the files' size", min = "0", max = "8192") int size,
            @Param(value = "0", doc = "train split: scale to load_size, crop a random size square; 0 = no jitter", min = "0", max = "8192") int loadSize,
            @Param(value = "true", doc = "train split: random horizontal flips") boolean flip,
            @Param(value = "3", doc = "A's channels: 3 (RGB) | 1 (grey)", min = "1", max = "3") int channelsA,
            @Param(value = "3", doc = "B's channels: 3 | 1", min = "1", max = "3") int channelsB,
            @Param(value = "AtoB", doc = "AtoB | BtoA: which side is the input") String direction,
            @Param(value = "white", doc = "colour under transparent pixels: white | black") String background,
            @Param(value = "0", doc = "use only the first N pairs; 0 = all", min = "0") int limit) {

        /** Validates the settings. */
        public Config {
            ImageFiles.checkSettings(dir, java.util.Map.of("channels_a", channelsA, "channels_b", channelsB), background, size,
                    loadSize, limit);
            if (!format.equals("aligned") && !format.equals("folders")) {
                throw new ConfigException("data.format: expected aligned or folders, got '" + format + "'");
            }
            if (!List.of("train", "val", "test").contains(split)) {
                throw new ConfigException("data.split: expected train, val or test, got '" + split + "'");
            }
            if (!direction.equals("AtoB") && !direction.equals("BtoA")) {
                throw new ConfigException("data.direction: expected AtoB or BtoA, got '" + direction + "'");
            }
        }
    }

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public PairedImagesDataSource() {
        super("paired-images", Config.class, GanApi.VERSION,
                "paired images A|B for translation (aligned files or A/ and B/ folders), train/val/test, jitter and flips");
    }

    @Override
    public Dataset open(Config config) {
        Path root = Path.of(config.dir());
        Path dir = root.resolve(config.split());
        if (!Files.isDirectory(dir)) {
            throw new DataException("data.dir: " + dir + " is not a directory" + hint(root));
        }
        List<Path[]> pairs = pairs(dir, config);
        boolean train = config.split().equals("train");
        int side = train && config.loadSize() > 0 ? config.loadSize() : config.size();
        Color bg = ImageFiles.background(config.background());
        int ca = config.channelsA();
        int cb = config.channelsB();
        float[] values = null;
        int h = 0;
        int w = 0;
        for (int i = 0; i < pairs.size(); i++) {
            Path[] p = pairs.get(i);
            BufferedImage a = ImageFiles.read(p[0]);
            BufferedImage b = p[1] == null ? a : ImageFiles.read(p[1]);
            // aligned: A is the left half of the file, B the right half
            int aw = p[1] == null ? a.getWidth() / 2 : a.getWidth();
            int bx = p[1] == null ? aw : 0;
            int th = side > 0 ? side : a.getHeight();
            int tw = side > 0 ? side : aw;
            if (values == null) {
                h = th;
                w = tw;
                values = new float[pairs.size() * (ca + cb) * h * w];
            } else if (th != h || tw != w) {
                throw new DataException(p[0] + ": is " + tw + "×" + th + ", the first pair " + w + "×" + h
                        + "; set data.size to scale them all");
            }
            int base = i * (ca + cb) * h * w;
            Images.planes(Images.draw(a, 0, aw, w, h, bg), ca, values, base);
            Images.planes(Images.draw(b, bx, b.getWidth() - bx, w, h, bg), cb, values, base + ca * h * w);
        }
        if (config.direction().equals("BtoA")) {
            swap(values, pairs.size(), ca, cb, h * w);
        }
        int crop = config.size() > 0 ? config.size() : h;
        boolean jitter = train && (crop < h || config.flip());
        String name = root.getFileName() + " " + config.split() + " (" + config.format() + ", " + config.direction() + ")";
        return new Paired(name, root.resolve("gan4j-cache"), values, labels(dir.resolve("labels.csv"), pairs),
                pairs.size(), ca + cb, h, w, crop, jitter && config.flip(), jitter);
    }

    private static String hint(Path root) {
        String r = root.toString();
        if (r.contains("openmoji")) {
            return "; build it with: scripts/setup-data.sh openmoji";
        }
        if (r.contains("edges2shoes")) {
            return "; build it with: scripts/setup-data.sh edges2shoes";
        }
        return "";
    }

    private static List<Path[]> pairs(Path dir, Config config) {
        List<Path[]> out = new ArrayList<>();
        if (config.format().equals("aligned")) {
            for (Path f : ImageFiles.list(dir, config.limit())) {
                out.add(new Path[] {f, null});
            }
        } else {
            Path a = dir.resolve("A");
            Path b = dir.resolve("B");
            if (!Files.isDirectory(a) || !Files.isDirectory(b)) {
                throw new DataException(dir + ": the folders format needs " + a + " and " + b);
            }
            for (Path f : ImageFiles.list(a, config.limit())) {
                Path other = b.resolve(f.getFileName().toString());
                if (!Files.isRegularFile(other)) {
                    throw new DataException(f + ": has no partner " + other + " (A/ and B/ must hold the same names)");
                }
                out.add(new Path[] {f, other});
            }
        }
        if (out.isEmpty()) {
            throw new DataException(dir + ": holds no image files (png, jpg, bmp, gif)");
        }
        return out;
    }

    /** Each pair's class from {@code labels.csv} (by A's file name), or null when the split has none. */
    static int[] labels(Path file, List<Path[]> pairs) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        java.util.Map<String, Integer> byName = new java.util.HashMap<>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                int label;
                try {
                    label = f.length == 2 ? Integer.parseInt(f[1].strip()) : -1;
                } catch (NumberFormatException e) {
                    label = -1;
                }
                if (label < 0 || label > 9999) {
                    throw new DataException(file + ":" + (i + 1) + ": expected 'file,class' with a class in 0..9999, got '"
                            + line + "'");
                }
                byName.put(f[0].strip(), label);
            }
        } catch (java.io.IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
        int[] out = new int[pairs.size()];
        for (int i = 0; i < out.length; i++) {
            Integer label = byName.get(pairs.get(i)[0].getFileName().toString());
            if (label == null) {
                throw new DataException(file + ": has no class for " + pairs.get(i)[0].getFileName()
                        + " (every pair of the split needs one, or delete the file)");
            }
            out[i] = label;
        }
        return out;
    }

    private static void swap(float[] v, int n, int ca, int cb, int plane) {
        float[] tmp = new float[(ca + cb) * plane];
        for (int i = 0; i < n; i++) {
            int base = i * (ca + cb) * plane;
            System.arraycopy(v, base + ca * plane, tmp, 0, cb * plane);
            System.arraycopy(v, base, tmp, cb * plane, ca * plane);
            System.arraycopy(tmp, 0, v, base, (ca + cb) * plane);
        }
    }

    /** The pairs at load resolution, cropped (and flipped) per batch. */
    private static final class Paired implements Dataset {
        private final String name;
        private final Path cache;
        private final float[] values;
        private final int[] labels;
        private final int classes;
        private final int n;
        private final int c;
        private final int h;
        private final int w;
        private final int crop;
        private final boolean flip;
        private final boolean augment;

        Paired(String name, Path cache, float[] values, int[] labels, int n, int c, int h, int w, int crop, boolean flip,
               boolean augment) {
            this.name = name;
            this.cache = cache;
            this.values = values;
            this.labels = labels;
            this.classes = labels == null ? 0 : java.util.Arrays.stream(labels).max().orElse(0) + 1;
            this.n = n;
            this.c = c;
            this.h = h;
            this.w = w;
            this.crop = crop;
            this.flip = flip;
            this.augment = augment;
        }

        @Override
        public long[] sampleShape() {
            return new long[] {c, crop, crop};
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public int numClasses() {
            return classes;
        }

        @Override
        public Batch batch(int[] indices) {
            // no augmentation: the centre crop, unflipped
            return cut(indices, null);
        }

        @Override
        public Batch batch(int[] indices, RandomGenerator random) {
            return cut(indices, augment ? random : null);
        }

        private Batch cut(int[] indices, RandomGenerator random) {
            float[] out = new float[indices.length * c * crop * crop];
            for (int k = 0; k < indices.length; k++) {
                int oy = random == null ? (h - crop) / 2 : random.nextInt(h - crop + 1);
                int ox = random == null ? (w - crop) / 2 : random.nextInt(w - crop + 1);
                boolean mirror = random != null && flip && random.nextBoolean();
                ImageFiles.crop(values, indices[k] * c * h * w, c, h, w, crop, oy, ox, mirror, out, k * c * crop * crop);
            }
            org.nd4j.linalg.api.ndarray.INDArray y = null;
            if (labels != null) {
                float[] l = new float[indices.length];
                for (int k = 0; k < indices.length; k++) {
                    l[k] = labels[indices[k]];
                }
                y = Nd4j.create(l, new long[] {indices.length}, 'c');
            }
            return new Batch(Nd4j.create(out, new long[] {indices.length, c, crop, crop}, 'c').castTo(DataType.FLOAT), y);
        }

        @Override
        public Path cacheDirectory() {
            return cache;
        }

        @Override
        public String describe() {
            return name + ": " + n + (labels != null ? " labelled" : "") + " pairs × [" + c + ", " + crop + ", " + crop + "]"
                    + (augment ? " (random crops from " + w + " px" + (flip ? ", flips" : "") + ")" : "");
        }
    }
}
