package org.gan4j.engine.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Writes samples as pictures: image batches as a grid, 2-D points as a scatter plot over the real data. */
public final class Images {
    private Images() {
    }

    /**
     * Converts generator output in [-1, 1] to [0, 1].
     *
     * @param x samples
     * @return a new float array, clipped to [0, 1]
     */
    public static INDArray toUnit(INDArray x) {
        INDArray y = x.castTo(DataType.FLOAT).add(1).divi(2);
        return org.nd4j.linalg.ops.transforms.Transforms.min(org.nd4j.linalg.ops.transforms.Transforms.max(y, 0, false), 1, false);
    }

    /**
     * Lays images out in a grid of {@code columns} columns with a 2-pixel border.
     *
     * @param unit images {@code [n, C, H, W]} in [0, 1], C = 1 or 3
     * @param columns images per row
     * @return the grid
     */
    public static BufferedImage grid(INDArray unit, int columns) {
        int n = (int) unit.size(0);
        int c = (int) unit.size(1);
        int h = (int) unit.size(2);
        int w = (int) unit.size(3);
        int rows = (n + columns - 1) / columns;
        int pad = 2;
        BufferedImage img = new BufferedImage(columns * (w + pad) + pad, rows * (h + pad) + pad, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 40, 40));
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.dispose();
        float[] v = org.gan4j.api.nn.HostData.floats(unit);
        for (int i = 0; i < n; i++) {
            draw(img, v, i, c, h, w, pad + (i % columns) * (w + pad), pad + (i / columns) * (h + pad));
        }
        return img;
    }

    /**
     * One picture per image, without borders.
     *
     * @param unit images {@code [n, C, H, W]} in [0, 1], C = 1 or 3
     * @return n RGB images
     */
    public static java.util.List<BufferedImage> each(INDArray unit) {
        int n = (int) unit.size(0);
        int c = (int) unit.size(1);
        int h = (int) unit.size(2);
        int w = (int) unit.size(3);
        float[] v = org.gan4j.api.nn.HostData.floats(unit);
        java.util.List<BufferedImage> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            draw(img, v, i, c, h, w, 0, 0);
            out.add(img);
        }
        return out;
    }

    private static void draw(BufferedImage img, float[] v, int i, int c, int h, int w, int ox, int oy) {
        int plane = h * w;
        int base = i * c * plane;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int r = Math.round(255 * v[base + p]);
                int gg = c == 3 ? Math.round(255 * v[base + plane + p]) : r;
                int b = c == 3 ? Math.round(255 * v[base + 2 * plane + p]) : r;
                img.setRGB(ox + x, oy + y, (r << 16) | (gg << 8) | b);
            }
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
    public static BufferedImage draw(BufferedImage src, int sx, int sw, int w, int h, Color background) {
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
    public static void planes(BufferedImage rgb, int c, float[] out, int base) {
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
     * Pictures as a batch for a network: each scaled to {@code w × h} over a background, as {@code c} planes in
     * [-1, 1].
     *
     * @param pictures the pictures
     * @param c 1 (grey) or 3 (RGB)
     * @param h the height
     * @param w the width
     * @param background the colour under transparent pixels
     * @return {@code [n, c, h, w]} floats
     */
    public static INDArray fromPictures(java.util.List<BufferedImage> pictures, int c, int h, int w, Color background) {
        float[] v = new float[pictures.size() * c * h * w];
        for (int i = 0; i < pictures.size(); i++) {
            BufferedImage p = pictures.get(i);
            planes(draw(p, 0, p.getWidth(), w, h, background), c, v, i * c * h * w);
        }
        return org.nd4j.linalg.factory.Nd4j.create(v, new long[] {pictures.size(), c, h, w}, 'c');
    }

    /**
     * Writes an image batch as a PNG grid.
     *
     * @param samples generator output {@code [n, C, H, W]} in [-1, 1]
     * @param file the PNG file
     * @throws IOException when writing fails
     */
    public static void writeGrid(INDArray samples, Path file) throws IOException {
        int n = (int) samples.size(0);
        int columns = (int) Math.ceil(Math.sqrt(n));
        write(grid(toUnit(samples), columns), file);
    }

    /**
     * Writes a PNG atomically (temp file + rename) so readers never see half a picture.
     *
     * @param image the image
     * @param file the destination
     * @throws IOException when writing fails
     */
    public static void write(BufferedImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".img", ".png");
        try {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer");
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes generated 2-D points over real ones as a PNG scatter plot.
     *
     * @param fake generated points {@code [n, 2]}
     * @param real real points {@code [m, 2]}, or null
     * @param title the chart title
     * @param file the PNG file
     * @throws IOException when writing fails
     */
    public static void writeScatter(INDArray fake, INDArray real, String title, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(600).height(600).title(title).xAxisTitle("x").yAxisTitle("y").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        if (real != null) {
            XYSeries s = chart.addSeries("real", column(real, 0), column(real, 1));
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(new Color(150, 150, 150));
        }
        XYSeries f = chart.addSeries("generated", column(fake, 0), column(fake, 1));
        f.setMarker(SeriesMarkers.CIRCLE);
        f.setMarkerColor(new Color(200, 40, 40));
        write(BitmapEncoder.getBufferedImage(chart), file);
    }

    private static double[] column(INDArray a, int j) {
        return org.gan4j.api.nn.HostData.doubles(a.getColumn(j));
    }
}
