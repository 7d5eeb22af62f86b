package org.gan4j.engine.builtin;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.api.DataException;
import org.gan4j.api.DataSource;
import org.gan4j.api.GanApi;
import org.gan4j.api.Provider;
import org.gan4j.api.Param;
import org.gan4j.api.data.Dataset;
import org.gan4j.engine.internal.Images;

/**
 * Every image file in a directory (PNG, JPEG, BMP, GIF; sorted by name), unlabelled. Transparent pixels are
 * composited over a background colour, images are scaled to {@code size} × {@code size} when asked, and pixels are
 * scaled to [-1, 1]. Emoji sets come with {@code scripts/setup-data.sh emoji}.
 */
public final class ImageFolderDataSource extends Provider<ImageFolderDataSource.Config>
        implements DataSource<ImageFolderDataSource.Config> {

    /**
     * Settings of {@code image-folder}.
     *
     * @param dir the directory of image files
     * @param size scale every image to this square size; 0 = keep (all images must then share one size)
     * @param channels 3 (RGB) or 1 (grey)
     * @param background the colour under transparent pixels: {@code white} or {@code black}
     * @param limit use only the first N files; 0 = all
     */
    public record Config(
            @Param(doc = "directory of image files (png, jpg, bmp, gif)") String dir,
            @Param(value = "0", doc = "scale to size × size; 0 = keep the files' size", min = "0", max = "8192") int size,
            @Param(value = "3", doc = "3 (RGB) | 1 (grey)", min = "1", max = "3") int channels,
            @Param(value = "white", doc = "colour under transparent pixels: white | black") String background,
            @Param(value = "0", doc = "use only the first N files; 0 = all", min = "0") int limit) {

        /** Validates the settings. */
        public Config {
            ImageFiles.checkSettings(dir, java.util.Map.of("channels", channels), background, size, 0, limit);
        }
    }

    /** Declares the provider; the API version is the one this plugin was compiled against. */
    public ImageFolderDataSource() {
        super("image-folder", Config.class, GanApi.VERSION,
                "the image files of a directory (png, jpg, …), RGB or grey, optionally scaled, unlabelled");
    }

    @Override
    public Dataset open(Config config) {
        Path dir = Path.of(config.dir());
        if (!Files.isDirectory(dir)) {
            throw new DataException("data.dir: " + dir + " is not a directory"
                    + (dir.toString().contains("emoji") ? "; fetch the emoji sets with: scripts/setup-data.sh emoji" : ""));
        }
        List<Path> files = ImageFiles.list(dir, config.limit());
        if (files.isEmpty()) {
            throw new DataException(dir + ": holds no image files (png, jpg, bmp, gif)");
        }
        int c = config.channels();
        int size = config.size();
        float[] values = null;
        int h = 0;
        int w = 0;
        Color bg = ImageFiles.background(config.background());
        for (int i = 0; i < files.size(); i++) {
            BufferedImage src = ImageFiles.read(files.get(i));
            int th = size > 0 ? size : src.getHeight();
            int tw = size > 0 ? size : src.getWidth();
            if (values == null) {
                h = th;
                w = tw;
                values = new float[files.size() * c * h * w];
            } else if (th != h || tw != w) {
                throw new DataException(files.get(i) + ": is " + tw + "×" + th + ", the first image " + w + "×" + h
                        + "; set data.size to scale them all");
            }
            Images.planes(Images.draw(src, 0, src.getWidth(), w, h, bg), c, values, i * c * h * w);
        }
        return new ArrayDataset(dir.getFileName() + " images", dir.resolve("gan4j-cache"), values, null, 0, c, h, w);
    }
}
