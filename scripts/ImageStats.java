import java.awt.image.BufferedImage;
import java.io.File;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** {@code java scripts/ImageStats.java FILE}: prints "colours N nonwhite F" for a screenshot, to tell a blank page. */
public class ImageStats {
    public static void main(String[] args) throws Exception {
        BufferedImage img = ImageIO.read(new File(args[0]));
        if (img == null) {
            System.out.println("colours 0 nonwhite 0");
            return;
        }
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                nonWhite += rgb == 0xffffff ? 0 : 1;
            }
        }
        System.out.printf("colours %d nonwhite %.4f%n", colours.size(), (double) nonWhite / ((long) img.getWidth() * img.getHeight()));
    }
}
