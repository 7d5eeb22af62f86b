package org.gan4j.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;
import org.gan4j.api.DataException;
import org.gan4j.api.DataSource;
import org.gan4j.api.data.Batch;
import org.gan4j.api.data.Dataset;
import org.gan4j.engine.config.ConfigBinder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gan prepare openmoji|edges2shoes|google2twitter|sneakers2boots}: builds the paired data sets of the pix2pix
 * configs and the unpaired ones of the CycleGAN configs from data that {@code scripts/setup-data.sh} fetched, already
 * split into the directories that runs and {@code gan evaluate} read, so every run sees the same split.
 */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = "Build derived data sets (scripts/setup-data.sh calls these): openmoji, edges2shoes (paired), "
                + "google2twitter, sneakers2boots (unpaired).",
        subcommands = {PrepareCommand.OpenMoji.class, PrepareCommand.EdgesToShoes.class, PrepareCommand.EmojiStyles.class,
            PrepareCommand.SneakersToBoots.class})
public class PrepareCommand implements Runnable {
    @ParentCommand
    GanCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Every tenth item (by sorted position) is test, the one after it validation, the rest training. */
    static String split(int index) {
        return switch (index % 10) {
            case 0 -> "test";
            case 1 -> "val";
            default -> "train";
        };
    }

    /** The {@code --fashion} option of the subcommands built on Fashion-MNIST, and the images it points at. */
    static class FashionSource {
        @Option(names = "--fashion", defaultValue = "", paramLabel = "DIR",
                description = "Fashion-MNIST IDX files (default: data/fashion-mnist)")
        String dir;

        /**
         * The images of one Fashion-MNIST split whose labels pass a filter, by their index in the split, pixels in
         * [0, 1].
         */
        @SuppressWarnings("unchecked")
        java.util.SortedMap<Integer, float[]> images(PrepareCommand prepare, String split,
                java.util.function.IntPredicate labels) {
            DataSource<Record> src = prepare.parent.engine().registry().require(DataSource.class, "fashion-mnist");
            ObjectNode node = new ObjectMapper().createObjectNode().put("dir", dir).put("split", split);
            Dataset d = src.open(ConfigBinder.bind(node, src.configType(), "fashion-mnist"));
            Batch all = d.batch(IntStream.range(0, d.size()).toArray());
            float[] x = org.gan4j.api.nn.HostData.floats(all.x());
            float[] y = org.gan4j.api.nn.HostData.floats(all.labels());
            java.util.SortedMap<Integer, float[]> out = new java.util.TreeMap<>();
            for (int i = 0; i < d.size(); i++) {
                if (labels.test(Math.round(y[i]))) {
                    float[] img = new float[28 * 28];
                    for (int p = 0; p < img.length; p++) {
                        img[p] = (x[i * 784 + p] + 1) / 2;
                    }
                    out.put(i, img);
                }
            }
            return out;
        }
    }

    /** OpenMoji line art → colour: each emoji's black and colour SVG rendered with Batik into folders A/ and B/. */
    @Command(name = "openmoji", mixinStandardHelpOptions = true,
            description = "Render OpenMoji's black (A) and colour (B) SVGs to PNG pairs in <out>/{train,val,test}/{A,B}/.")
    public static class OpenMoji implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--svg", required = true, paramLabel = "DIR", description = "the openmoji package: DIR/black/svg, DIR/color/svg")
        Path svg;

        @Option(names = "--out", defaultValue = "data/openmoji", description = "output directory (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--size", defaultValue = "128", description = "side in pixels (default: ${DEFAULT-VALUE})")
        int size;

        @Override
        public Integer call() throws IOException {
            Path black = svg.resolve("black/svg");
            Path color = svg.resolve("color/svg");
            if (!Files.isDirectory(black) || !Files.isDirectory(color)) {
                throw new DataException(svg + ": expected " + black + " and " + color
                        + "; fetch them with: scripts/setup-data.sh openmoji");
            }
            List<String> names;
            try (Stream<Path> s = Files.list(black)) {
                names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".svg"))
                        .filter(n -> Files.isRegularFile(color.resolve(n))).sorted().toList();
            }
            for (String sp : List.of("train", "val", "test")) {
                Files.createDirectories(out.resolve(sp).resolve("A"));
                Files.createDirectories(out.resolve(sp).resolve("B"));
            }
            List<String> failed = Collections.synchronizedList(new ArrayList<>());
            IntStream.range(0, names.size()).parallel().forEach(i -> {
                String name = names.get(i);
                String png = name.substring(0, name.length() - 4) + ".png";
                Path dir = out.resolve(split(i));
                try {
                    // both sides or neither: a pair with one rendering would make the folders layout inconsistent
                    byte[] a = render(black.resolve(name), size);
                    byte[] b = render(color.resolve(name), size);
                    Files.write(dir.resolve("A").resolve(png), a);
                    Files.write(dir.resolve("B").resolve(png), b);
                } catch (Exception e) {
                    failed.add(name);
                }
            });
            spec.commandLine().getOut().printf("openmoji: rendered %d pairs at %d px into %s (train/val/test = 8:1:1)%s%n",
                    names.size() - failed.size(), size, out,
                    failed.isEmpty() ? "" : "; Batik could not render " + failed.size() + ": " + String.join(", ", failed));
            return Main.OK;
        }

        private static byte[] render(Path svg, int size) throws Exception {
            PNGTranscoder t = new PNGTranscoder();
            t.addTranscodingHint(PNGTranscoder.KEY_WIDTH, (float) size);
            t.addTranscodingHint(PNGTranscoder.KEY_HEIGHT, (float) size);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (OutputStream o = bytes) {
                t.transcode(new TranscoderInput(svg.toUri().toString()), new TranscoderOutput(o));
            }
            return bytes.toByteArray();
        }
    }

    /** Fashion-MNIST footwear with its Sobel edges: aligned 56×28 files, edges (A) | shoe (B). */
    @Command(name = "edges2shoes", mixinStandardHelpOptions = true,
            description = "Pair Fashion-MNIST sandals, sneakers and ankle boots (classes 5, 7, 9) with their Sobel edge "
                    + "maps (black lines on white, gradient magnitude > 0.5) as aligned files edges|shoe in "
                    + "<out>/{train,val,test}/ with each split's classes in labels.csv: test = Fashion-MNIST's test "
                    + "split, val = every tenth training item.")
    public static class EdgesToShoes implements Callable<Integer> {
        @ParentCommand
        PrepareCommand prepare;

        @Spec
        CommandSpec spec;

        @Mixin
        FashionSource fashion;

        @Option(names = "--out", defaultValue = "data/edges2shoes", description = "output directory (default: ${DEFAULT-VALUE})")
        Path out;

        @Override
        public Integer call() throws IOException {
            int[] counts = new int[3];
            Map<String, StringBuilder> labels = new java.util.HashMap<>();
            for (String source : List.of("train", "test")) {
                java.util.SortedMap<Integer, float[]> byIndex = footwear(source);
                int i = 0;
                for (Map.Entry<Integer, float[]> e : byIndex.entrySet()) {
                    String sp = source.equals("test") ? "test" : (i % 10 == 1 ? "val" : "train");
                    Path dir = Files.createDirectories(out.resolve(sp));
                    String file = String.format("%s-%05d.png", source, i);
                    ImageIO.write(pair(e.getValue()), "png", dir.resolve(file).toFile());
                    labels.computeIfAbsent(sp, k -> new StringBuilder("# file,Fashion-MNIST class (5 sandal, 7 sneaker, 9 ankle boot)\n"))
                            .append(file).append(',').append(classes.get(source).get(e.getKey())).append('\n');
                    counts[List.of("train", "val", "test").indexOf(sp)]++;
                    i++;
                }
            }
            for (Map.Entry<String, StringBuilder> e : labels.entrySet()) {
                Files.writeString(out.resolve(e.getKey()).resolve("labels.csv"), e.getValue());
            }
            spec.commandLine().getOut().printf("edges2shoes: %d train, %d val, %d test pairs (28×28 edges|shoe) in %s%n",
                    counts[0], counts[1], counts[2], out);
            return Main.OK;
        }

        /** Each footwear image's class by its index in the split, filled by {@link #footwear}. */
        private final Map<String, Map<Integer, Integer>> classes = new java.util.HashMap<>();

        /** The footwear images of one Fashion-MNIST split by index, pixels in [0, 1]; their classes into {@link #classes}. */
        private java.util.SortedMap<Integer, float[]> footwear(String split) {
            java.util.SortedMap<Integer, float[]> all = new java.util.TreeMap<>();
            for (int label : new int[] {5, 7, 9}) {
                java.util.SortedMap<Integer, float[]> one = fashion.images(prepare, split, l -> l == label);
                one.keySet().forEach(k -> classes.computeIfAbsent(split, x -> new java.util.HashMap<>()).put(k, label));
                all.putAll(one);
            }
            return all;
        }

        /** edges | shoe as one grey 56×28 picture. */
        static BufferedImage pair(float[] img) {
            BufferedImage pic = new BufferedImage(56, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int edge = sobel(img, x, y) > 0.5 ? 0 : 255;
                    int shoe = Math.round(255 * img[y * 28 + x]);
                    pic.getRaster().setSample(x, y, 0, edge);
                    pic.getRaster().setSample(28 + x, y, 0, shoe);
                }
            }
            return pic;
        }

        /** Sobel gradient magnitude at (x, y), the border replicated. */
        static double sobel(float[] img, int x, int y) {
            double gx = at(img, x + 1, y - 1) + 2 * at(img, x + 1, y) + at(img, x + 1, y + 1)
                    - at(img, x - 1, y - 1) - 2 * at(img, x - 1, y) - at(img, x - 1, y + 1);
            double gy = at(img, x - 1, y + 1) + 2 * at(img, x, y + 1) + at(img, x + 1, y + 1)
                    - at(img, x - 1, y - 1) - 2 * at(img, x, y - 1) - at(img, x + 1, y - 1);
            return Math.hypot(gx, gy);
        }

        private static double at(float[] img, int x, int y) {
            return img[Math.max(0, Math.min(27, y)) * 28 + Math.max(0, Math.min(27, x))];
        }
    }

    /**
     * Google ↔ Twitter emoji in the unpaired layout. Emoji are split by their first code point, so skin-tone and
     * other variants of one emoji land on the same side: about a tenth goes to testA/testB (the same names in both,
     * for ground-truth scoring), the rest to trainA/trainB. The test pairs are never seen in training at all.
     */
    @Command(name = "google2twitter", mixinStandardHelpOptions = true,
            description = "Split the Google and Twitter emoji (same file names) into <out>/{trainA,trainB,testA,testB}: "
                    + "an emoji and its variants go to test when the CRC-32 of its first code point is 0 mod 10.")
    public static class EmojiStyles implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--google", defaultValue = "data/emoji-google", description = "Google emoji PNGs (default: ${DEFAULT-VALUE})")
        Path google;

        @Option(names = "--twitter", defaultValue = "data/emoji-twitter", description = "Twitter emoji PNGs (default: ${DEFAULT-VALUE})")
        Path twitter;

        @Option(names = "--out", defaultValue = "data/google2twitter", description = "output directory (default: ${DEFAULT-VALUE})")
        Path out;

        @Override
        public Integer call() throws IOException {
            List<String> names = new ArrayList<>();
            for (Path f : pngs(google)) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(twitter.resolve(name))) {
                    names.add(name);
                }
            }
            if (names.isEmpty()) {
                throw new DataException(google + ", " + twitter + ": no emoji file name is in both; fetch them with "
                        + "scripts/setup-data.sh emoji");
            }
            int test = 0;
            for (String name : names) {
                String split = testEmoji(name) ? "test" : "train";
                test += split.equals("test") ? 1 : 0;
                Files.copy(google.resolve(name), Files.createDirectories(out.resolve(split + "A")).resolve(name),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.copy(twitter.resolve(name), Files.createDirectories(out.resolve(split + "B")).resolve(name),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            spec.commandLine().getOut().printf("google2twitter: %d train and %d test emoji in each style in %s%n",
                    names.size() - test, test, out);
            return Main.OK;
        }

        /** Whether an emoji file (e.g. {@code 1f44b-1f3fb.png}) belongs to the test split. */
        static boolean testEmoji(String fileName) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(fileName.replaceFirst("[-.].*$", "").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return crc.getValue() % 10 == 0;
        }

        private static List<Path> pngs(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                throw new DataException(dir + ": not a directory; fetch the emoji with scripts/setup-data.sh emoji");
            }
            try (Stream<Path> s = Files.list(dir)) {
                return s.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().toList();
            }
        }
    }

    /** Fashion-MNIST sneakers (A) ↔ ankle boots (B) in the unpaired layout; the test split is Fashion-MNIST's own. */
    @Command(name = "sneakers2boots", mixinStandardHelpOptions = true,
            description = "Write Fashion-MNIST sneakers (class 7) and ankle boots (class 9) as 28×28 PNGs into "
                    + "<out>/{trainA,trainB,testA,testB}, named by their index in the split (no name in both domains).")
    public static class SneakersToBoots implements Callable<Integer> {
        @ParentCommand
        PrepareCommand prepare;

        @Spec
        CommandSpec spec;

        @Mixin
        FashionSource fashion;

        @Option(names = "--out", defaultValue = "data/sneakers2boots", description = "output directory (default: ${DEFAULT-VALUE})")
        Path out;

        @Override
        public Integer call() throws IOException {
            StringBuilder counts = new StringBuilder();
            for (String split : List.of("train", "test")) {
                for (int label : new int[] {7, 9}) {
                    Path dir = Files.createDirectories(out.resolve(split + (label == 7 ? "A" : "B")));
                    java.util.SortedMap<Integer, float[]> images = fashion.images(prepare, split, l -> l == label);
                    for (Map.Entry<Integer, float[]> e : images.entrySet()) {
                        BufferedImage pic = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
                        for (int p = 0; p < 28 * 28; p++) {
                            pic.getRaster().setSample(p % 28, p / 28, 0, Math.round(255 * e.getValue()[p]));
                        }
                        ImageIO.write(pic, "png", dir.resolve(String.format("%s-%05d.png", split, e.getKey())).toFile());
                    }
                    counts.append(counts.length() > 0 ? ", " : "").append(images.size()).append(' ')
                            .append(dir.getFileName());
                }
            }
            spec.commandLine().getOut().printf("sneakers2boots: %s (28×28 grey) in %s%n", counts, out);
            return Main.OK;
        }
    }
}
