package org.gan4j.app;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.gan4j.api.ConfigException;
import org.gan4j.api.DataException;
import org.gan4j.api.GanException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gan translate --checkpoint CKPT --in FILE|DIR --out DIR}. */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = "Translate images with a pix2pix or CycleGAN checkpoint: every image file given (or in the "
                + "directory) is scaled to the network's input size, translated, and written as a PNG of the same name "
                + "into the output directory.")
public class TranslateCommand implements Callable<Integer> {
    @ParentCommand
    GanCommand parent;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    CheckpointOption checkpoint;

    @Option(names = "--in", required = true, paramLabel = "FILE|DIR", description = "an image file or a directory of them")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Option(names = "--direction", defaultValue = "AtoB", paramLabel = "AtoB|BtoA",
            description = "AtoB uses network G (pix2pix, CycleGAN), BtoA network F (CycleGAN) (default: ${DEFAULT-VALUE})")
    String direction;

    @Option(names = "--network", paramLabel = "NAME", description = "translate with this network instead")
    String network;

    @Option(names = "--background", defaultValue = "white", paramLabel = "white|black",
            description = "colour under transparent pixels (default: ${DEFAULT-VALUE})")
    String background;

    @Override
    public Integer call() throws IOException {
        if (!direction.equals("AtoB") && !direction.equals("BtoA")) {
            throw new ConfigException("--direction: expected AtoB or BtoA, got '" + direction + "'");
        }
        if (!background.equals("white") && !background.equals("black")) {
            throw new ConfigException("--background: expected white or black, got '" + background + "'");
        }
        String net = network != null ? network : direction.equals("AtoB") ? "G" : "F";
        List<Path> files = inputs();
        List<BufferedImage> pictures = new ArrayList<>();
        for (Path f : files) {
            BufferedImage img = ImageIO.read(f.toFile());
            if (img == null) {
                throw new DataException(f + ": not a readable image");
            }
            pictures.add(img);
        }
        List<BufferedImage> outputs = parent.engine().translateImages(checkpoint.path, net, pictures,
                background.equals("white") ? Color.WHITE : Color.BLACK);
        Files.createDirectories(out);
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i).getFileName().toString().replaceFirst("\\.[^.]+$", "") + ".png";
            if (!ImageIO.write(outputs.get(i), "png", out.resolve(name).toFile())) {
                throw new GanException(out.resolve(name) + ": no PNG writer");
            }
        }
        spec.commandLine().getOut().printf("translated %d image%s with %s into %s%n", files.size(),
                files.size() == 1 ? "" : "s", net, out);
        return Main.OK;
    }

    private List<Path> inputs() throws IOException {
        if (Files.isRegularFile(in)) {
            return List.of(in);
        }
        if (!Files.isDirectory(in)) {
            throw new DataException("--in " + in + ": no such file or directory");
        }
        try (Stream<Path> s = Files.list(in)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                    .matches(".*\\.(png|jpe?g|bmp|gif)")).sorted().toList();
            if (files.isEmpty()) {
                throw new DataException("--in " + in + ": holds no image files (png, jpg, bmp, gif)");
            }
            return files;
        }
    }
}
