package org.gan4j.engine.builtin;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.gan4j.api.ConfigException;
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

    /**
     * Copies a {@code crop × crop} window of one image held as {@code c} planes of {@code h × w} floats, mirrored
     * left-right when asked.
     *
     * @param src the source pixels
     * @param from where the image starts in {@code src}
     * @param c channels
     * @param h the image's height
     * @param w the image's width
     * @param crop the window's side
     * @param oy the window's top row
     * @param ox the window's left column
     * @param mirror flip the window horizontally
     * @param out the destination
     * @param to where the window starts in {@code out}
     */
    static void crop(float[] src, int from, int c, int h, int w, int crop, int oy, int ox, boolean mirror, float[] out,
            int to) {
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < crop; y++) {
                int row = from + ch * h * w + (oy + y) * w + ox;
                int dst = to + ch * crop * crop + y * crop;
                if (mirror) {
                    for (int x = 0; x < crop; x++) {
                        out[dst + x] = src[row + crop - 1 - x];
                    }
                } else {
                    System.arraycopy(src, row, out, dst, crop);
                }
            }
        }
    }

    /**
     * Checks the settings the image data sources share.
     *
     * @param dir the data directory
     * @param channels the channel counts, by config key
     * @param background {@code white} or {@code black}
     * @param size the sample side, 0 = the files' size
     * @param loadSize the jitter side, 0 = none
     * @param limit the image limit, 0 = all
     * @throws org.gan4j.api.ConfigException naming the key at fault
     */
    static void checkSettings(String dir, Map<String, Integer> channels, String background, int size, int loadSize,
            int limit) {
        if (dir.isBlank()) {
            throw new ConfigException("data.dir: the data set's directory is required");
        }
        channels.forEach((key, c) -> {
            if (c != 1 && c != 3) {
                throw new ConfigException("data." + key + ": expected 1 or 3, got " + c);
            }
        });
        if (!background.equals("white") && !background.equals("black")) {
            throw new ConfigException("data.background: expected white or black, got '" + background + "'");
        }
        if (size < 0 || limit < 0 || loadSize < 0) {
            throw new ConfigException("data.size, data.load_size and data.limit: must be >= 0");
        }
        if (loadSize > 0 && (size == 0 || loadSize < size)) {
            throw new ConfigException("data.load_size: needs data.size and must be >= it, got load_size " + loadSize
                    + ", size " + size);
        }
    }
}
