package org.gan4j.engine.builtin;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.gan4j.api.DataException;

/** Reading image files into pixel arrays, shared by the image data sources. */
final class ImageFiles {
    private ImageFiles() {
    }

    /**
     * The image files of a directory, sorted by name.
     *
     * @param dir the directory
     * @param limit at most this many; 0 = all
     * @return the files
     * @throws DataException when the directory cannot be listed
     */
    static List<Path> list(Path dir, int limit) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g|bmp|gif)"))
                    .sorted().limit(limit > 0 ? limit : Long.MAX_VALUE).toList();
        } catch (IOException e) {
            throw new DataException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    /**
     * Reads an image file.
     *
     * @param file the file
     * @return the image
     * @throws DataException when it is not a readable image
     */
    static BufferedImage read(Path file) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new DataException(file + ": not a readable image");
            }
            return img;
        } catch (IOException e) {
            throw new DataException(file + ": unreadable image (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The colour a {@code background} setting names.
     *
     * @param name {@code white} or {@code black}
     * @return the colour
     */
    static Color background(String name) {
        return name.equals("white") ? Color.WHITE : Color.BLACK;
    }
}
