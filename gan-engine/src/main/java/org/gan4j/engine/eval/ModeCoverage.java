package org.gan4j.engine.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.api.data.Batch;
import org.gan4j.api.data.Dataset;
import org.gan4j.engine.Samples;

/**
 * Mode coverage on labelled 2-D mixtures (ring, grid), as in VEEGAN and PacGAN: a sample is high quality when it lies
 * within 3σ of its nearest mode centre; centres and σ are measured from the real data (label = mode).
 *
 * <p>Reported: {@code modes}, {@code modes_covered} (modes holding at least a tenth of a uniform share of all
 * samples as high-quality samples), {@code hq_share} (share of high-quality samples), {@code reverse_kl}
 * (KL of the high-quality samples' mode histogram from uniform, in nats; log K when there are none) and
 * {@code hq_share_real} (the same share for real data: the ceiling).
 */
public final class ModeCoverage implements Evaluator {
    private final double[][] centres;
    private final double[] sigma;
    private final double realShare;

    /**
     * Measures the modes of a labelled 2-D dataset.
     *
     * @param data samples {@code [n, 2]} labelled with their mode
     */
    public ModeCoverage(Dataset data) {
        int k = data.numClasses();
        int n = Math.min(data.size(), 20000);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = (int) ((long) i * data.size() / n);
        }
        Batch b = data.batch(idx);
        double[] x = org.gan4j.api.nn.HostData.doubles(b.x());
        centres = new double[k][2];
        sigma = new double[k];
        int[] count = new int[k];
        for (int i = 0; i < n; i++) {
            int m = b.labels().getInt(i);
            centres[m][0] += x[2 * i];
            centres[m][1] += x[2 * i + 1];
            count[m]++;
        }
        for (int m = 0; m < k; m++) {
            centres[m][0] /= Math.max(1, count[m]);
            centres[m][1] /= Math.max(1, count[m]);
        }
        for (int i = 0; i < n; i++) {
            int m = b.labels().getInt(i);
            double dx = x[2 * i] - centres[m][0];
            double dy = x[2 * i + 1] - centres[m][1];
            sigma[m] += (dx * dx + dy * dy) / 2;
        }
        for (int m = 0; m < k; m++) {
            sigma[m] = Math.sqrt(sigma[m] / Math.max(1, count[m] - 1));
        }
        realShare = score(x)[k];
    }

    /** The high-quality histogram over modes (counts / n) followed by the high-quality share. */
    private double[] score(double[] xy) {
        int k = centres.length;
        int n = xy.length / 2;
        double[] out = new double[k + 1];
        for (int i = 0; i < n; i++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int m = 0; m < k; m++) {
                double dx = xy[2 * i] - centres[m][0];
                double dy = xy[2 * i + 1] - centres[m][1];
                double d = Math.sqrt(dx * dx + dy * dy);
                if (d < bestD) {
                    bestD = d;
                    best = m;
                }
            }
            if (bestD <= 3 * sigma[best]) {
                out[best] += 1.0 / n;
                out[k] += 1.0 / n;
            }
        }
        return out;
    }

    @Override
    public Evaluation evaluate(Samples samples, long step) {
        double[] xy = org.gan4j.api.nn.HostData.doubles(samples.x());
        int k = centres.length;
        double[] s = score(xy);
        double hq = s[k];
        double[] hist = java.util.Arrays.copyOf(s, k);
        double[] normalised = new double[k];
        for (int m = 0; m < k; m++) {
            normalised[m] = hq > 0 ? hist[m] / hq : 0;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("modes", (double) k);
        m.put("modes_covered", (double) Evaluator.covered(hist));
        m.put("hq_share", hq);
        m.put("reverse_kl", hq > 0 ? Evaluator.klFromUniform(normalised) : Math.log(k));
        m.put("hq_share_real", realShare);
        String summary = String.format(java.util.Locale.ROOT, "modes covered %.0f/%.0f  high quality %.1f %%  reverse KL %.3f",
                m.get("modes_covered"), m.get("modes"), 100 * m.get("hq_share"), m.get("reverse_kl"));
        return new Evaluation(step, xy.length / 2, m, hist, null, new Evaluation.Report(summary, "mode_histogram", null));
    }
}
