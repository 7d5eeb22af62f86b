package org.gan4j.engine.eval;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The structural similarity index of Wang et al. (2004) as it is usually computed: an 11 × 11 Gaussian window with
 * σ = 1.5, K1 = 0.01, K2 = 0.03, dynamic range 1, valid positions only, averaged over positions and channels.
 */
final class Ssim {
    private static final int WINDOW = 11;
    private static final double[] WEIGHTS = gaussian();

    private Ssim() {
    }

    private static double[] gaussian() {
        double[] g = new double[WINDOW];
        double sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            double d = i - WINDOW / 2;
            g[i] = Math.exp(-d * d / (2 * 1.5 * 1.5));
            sum += g[i];
        }
        for (int i = 0; i < WINDOW; i++) {
            g[i] /= sum;
        }
        return g;
    }

    /**
     * SSIM of two images {@code [C, H, W]} in [0, 1]; images smaller than the window use a window of their size.
     *
     * @param a one image
     * @param b the other
     * @return 1 for identical images, less otherwise
     */
    static double of(INDArray a, INDArray b) {
        int c = (int) a.size(0);
        int h = (int) a.size(1);
        int w = (int) a.size(2);
        double[] x = org.gan4j.api.nn.HostData.doubles(a);
        double[] y = org.gan4j.api.nn.HostData.doubles(b);
        int k = Math.min(WINDOW, Math.min(h, w));
        double[] g = k == WINDOW ? WEIGHTS : uniform(k);
        double c1 = 0.01 * 0.01;
        double c2 = 0.03 * 0.03;
        double total = 0;
        int count = 0;
        for (int ch = 0; ch < c; ch++) {
            int base = ch * h * w;
            for (int oy = 0; oy + k <= h; oy++) {
                for (int ox = 0; ox + k <= w; ox++) {
                    double mx = 0;
                    double my = 0;
                    double xx = 0;
                    double yy = 0;
                    double xy = 0;
                    for (int i = 0; i < k; i++) {
                        for (int j = 0; j < k; j++) {
                            double wt = g[i] * g[j];
                            double vx = x[base + (oy + i) * w + ox + j];
                            double vy = y[base + (oy + i) * w + ox + j];
                            mx += wt * vx;
                            my += wt * vy;
                            xx += wt * vx * vx;
                            yy += wt * vy * vy;
                            xy += wt * vx * vy;
                        }
                    }
                    double sx = xx - mx * mx;
                    double sy = yy - my * my;
                    double sxy = xy - mx * my;
                    total += ((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx * mx + my * my + c1) * (sx + sy + c2));
                    count++;
                }
            }
        }
        return total / count;
    }

    private static double[] uniform(int k) {
        double[] g = new double[k];
        java.util.Arrays.fill(g, 1.0 / k);
        return g;
    }
}
