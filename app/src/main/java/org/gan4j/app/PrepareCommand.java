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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gan prepare openmoji|edges2shoes}: builds the paired data sets of the pix2pix configs from data that
 * {@code scripts/setup-data.sh} fetched, already split into the train/val/test directories that pix2pix runs and
 * {@code gan evaluate} read, so every run sees the same split.
 */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = "Build derived data sets (scripts/setup-data.sh calls these): openmoji, edges2shoes.",
        subcommands = {PrepareCommand.OpenMoji.class, PrepareCommand.EdgesToShoes.class})
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
                    + "<out>/{train,val,test}/: test = Fashion-MNIST's test split, val = every tenth training item.")
    public static class EdgesToShoes implements Callable<Integer> {
        @ParentCommand
        PrepareCommand prepare;

        @Spec
        CommandSpec spec;

        @Option(names = "--fashion", defaultValue = "", paramLabel = "DIR",
                description = "Fashion-MNIST IDX files (default: data/fashion-mnist)")
        String fashion;

        @Option(names = "--out", defaultValue = "data/edges2shoes", description = "output directory (default: ${DEFAULT-VALUE})")
        Path out;

        @Override
        public Integer call() throws IOException {
            int[] counts = new int[3];
            for (String source : List.of("train", "test")) {
                float[][] images = footwear(source);
                for (int i = 0; i < images.length; i++) {
                    String sp = source.equals("test") ? "test" : (i % 10 == 1 ? "val" : "train");
                    Path dir = Files.createDirectories(out.resolve(sp));
                    ImageIO.write(pair(images[i]), "png", dir.resolve(String.format("%s-%05d.png", source, i)).toFile());
                    counts[List.of("train", "val", "test").indexOf(sp)]++;
                }
            }
            spec.commandLine().getOut().printf("edges2shoes: %d train, %d val, %d test pairs (28×28 edges|shoe) in %s%n",
                    counts[0], counts[1], counts[2], out);
            return Main.OK;
        }

        /** The footwear images of one Fashion-MNIST split, pixels in [0, 1]. */
        @SuppressWarnings("unchecked")
        private float[][] footwear(String split) {
            DataSource<Record> src = prepare.parent.engine().registry().require(DataSource.class, "fashion-mnist");
            ObjectNode node = new ObjectMapper().createObjectNode().put("dir", fashion).put("split", split);
            Dataset d = src.open(ConfigBinder.bind(node, src.configType(), "fashion-mnist"));
            Batch all = d.batch(IntStream.range(0, d.size()).toArray());
            float[] x = all.x().dup('c').data().asFloat();
            float[] y = all.labels().dup('c').data().asFloat();
            List<float[]> out = new ArrayList<>();
            for (int i = 0; i < d.size(); i++) {
                int label = Math.round(y[i]);
                if (label == 5 || label == 7 || label == 9) {
                    float[] img = new float[28 * 28];
                    for (int p = 0; p < img.length; p++) {
                        img[p] = (x[i * 784 + p] + 1) / 2;
                    }
                    out.add(img);
                }
            }
            return out.toArray(new float[0][]);
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
}
