package org.gan4j.engine.builtin;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
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
     * Draws a region of an image, scaled to {@code w × h} over a background colour (which shows under transparent
     * pixels), as RGB.
     *
     * @param src the image
     * @param sx the region's left edge in {@code src}
     * @param sw the region's width in {@code src}
     * @param w the target width
     * @param h the target height
     * @param background the colour under transparent pixels
     * @return a new RGB image
     */
    static BufferedImage draw(BufferedImage src, int sx, int sw, int w, int h, Color background) {
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, w, h, sx, 0, sx + sw, src.getHeight(), background, null);
        g.dispose();
        return rgb;
    }

    /**
     * Writes an RGB image's pixels into {@code out} as {@code c} planes ({@code c} = 3: RGB, 1: luma) in [-1, 1].
     *
     * @param rgb the image
     * @param c 1 or 3
     * @param out the destination
     * @param base where its first plane starts
     */
    static void planes(BufferedImage rgb, int c, float[] out, int base) {
        int h = rgb.getHeight();
        int w = rgb.getWidth();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = rgb.getRGB(x, y);
                float r = (p >> 16) & 0xff;
                float gr = (p >> 8) & 0xff;
                float b = p & 0xff;
                if (c == 1) {
                    out[base + y * w + x] = (0.299f * r + 0.587f * gr + 0.114f * b) / 127.5f - 1f;
                } else {
                    out[base + y * w + x] = r / 127.5f - 1f;
                    out[base + h * w + y * w + x] = gr / 127.5f - 1f;
                    out[base + 2 * h * w + y * w + x] = b / 127.5f - 1f;
                }
            }
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
