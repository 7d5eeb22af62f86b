package org.gan4j.engine.eval;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.gan4j.api.ConfigException;
import org.gan4j.api.nn.Network;
import org.gan4j.api.registry.Registry;
import org.gan4j.engine.builtin.UnpairedImagesDataSource;
import org.gan4j.engine.config.ExperimentConfig;
import org.gan4j.engine.internal.Images;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Scores a two-way translation (CycleGAN's G: A→B and F: B→A) on the test split of its unpaired data, in
 * inference mode, on pixels in [0, 1]:
 * <ul>
 *   <li>{@code cycle_l1_a} = mean |F(G(a)) − a| and {@code cycle_l1_b} = mean |G(F(b)) − b|, always;</li>
 *   <li>when testA and testB hold the same file names (Google and Twitter emoji), the ground truth of each
 *       translation: {@code l1}, {@code psnr}, {@code ssim} of G(a) against a's namesake b, {@code l1_ba},
 *       {@code psnr_ba}, {@code ssim_ba} of F(b) against a, and the identity baseline (output = input)
 *       {@code identity_l1}, {@code identity_psnr}, {@code identity_ssim}, which is the same both ways;</li>
 *   <li>with a {@link Judge}: {@code judge_fd_ab}, the Fréchet distance between the judge's features of G(a) and of
 *       the real b, {@code judge_fd_ba} of F(b) against the real a, and {@code identity_judge_fd}, the real a against
 *       the real b (how far apart the domains start); with {@code judge_class_b} (and {@code _a}) the share of G(a)
 *       the judge calls B's class, {@code judge_called_b} (F(b) called A's, {@code judge_called_a}), beside the same
 *       share of the real images, {@code judge_called_b_real} ({@code judge_called_a_real}).</li>
 * </ul>
 * The picture shows the first {@link TranslationEvaluator#PICTURE_ROWS} test samples as rows
 * a | G(a) | F(G(a)) | b | F(b) | G(F(b)).
 */
public final class CycleTranslationEvaluator {
    private final UnpairedImagesDataSource.Domains test;
    private final int channelsA;

    private CycleTranslationEvaluator(UnpairedImagesDataSource.Domains test, int channelsA) {
        this.test = test;
        this.channelsA = channelsA;
    }

    /**
     * The evaluator over an experiment's test split.
     *
     * @param config the experiment (its data block, with {@code split} set to {@code test})
     * @param registry the providers
     * @param g the A→B network
     * @param f the B→A network
     * @return the evaluator
     * @throws ConfigException when the test split cannot be opened or does not fit the networks
     */
    public static CycleTranslationEvaluator forExperiment(ExperimentConfig config, Registry registry, Network g, Network f) {
        Object opened = Splits.open(Splits.bind(config, registry, "test"), registry);
        if (!(opened instanceof UnpairedImagesDataSource.Domains ds)) {
            throw new ConfigException("evaluation: a two-way translation is scored on test data with separate A and B "
                    + "domains (unpaired-images: testA, testB); data '" + config.data().type() + "' has none");
        }
        long ca = g.inputShape()[0];
        long cb = g.outputShape()[0];
        if (ds.sampleShape()[0] != ca + cb || f.inputShape()[0] != cb || f.outputShape()[0] != ca) {
            throw new ConfigException("evaluation: the test images have " + ds.sampleShape()[0] + " channels (A + B); G maps "
                    + ca + " to " + cb + ", F " + f.inputShape()[0] + " to " + f.outputShape()[0]);
        }
        return new CycleTranslationEvaluator(ds, (int) ca);
    }

    /** a, G(a), F(G(a)), b, F(b), G(F(b)) of samples [from, to), each in [0, 1]. */
    private static INDArray[] cycle(org.gan4j.api.data.Dataset data, int channelsA, Network g, Network f, int from, int to) {
        INDArray both = data.batch(IntStream.range(from, to).toArray()).x().castTo(g.params().dataType());
        long c = both.size(1);
        INDArray a = both.get(NDArrayIndex.all(), NDArrayIndex.interval(0, channelsA)).dup();
        INDArray b = both.get(NDArrayIndex.all(), NDArrayIndex.interval(channelsA, c)).dup();
        INDArray gA = g.forward(a, false).dup();
        INDArray fgA = f.forward(gA, false).dup();
        INDArray fB = f.forward(b, false).dup();
        INDArray gfB = g.forward(fB, false).dup();
        return new INDArray[] {Images.toUnit(a), Images.toUnit(gA), Images.toUnit(fgA), Images.toUnit(b), Images.toUnit(fB),
            Images.toUnit(gfB)};
    }

    /**
     * The progress picture of a two-way translation run: its first {@link TranslationEvaluator#PICTURE_ROWS} samples
     * (centre crops; in training data each A image beside B image of the same index) as
     * a | G(a) | F(G(a)) | b | F(b) | G(F(b)) rows, the networks in inference mode.
     *
     * @param data the run's unpaired data
     * @param g the A→B network
     * @param f the B→A network
     * @return the picture
     */
    public static BufferedImage preview(org.gan4j.api.data.Dataset data, Network g, Network f) {
        int n = Math.min(TranslationEvaluator.PICTURE_ROWS, data.size());
        return TranslationEvaluator.grid(cycle(data, (int) g.inputShape()[0], g, f, 0, n), n);
    }

    /**
     * Translates every test image both ways and back, and scores the results.
     *
     * @param g the A→B network
     * @param f the B→A network
     * @param step the step they come from
     * @param judge the classifier that judges the translations, or null
     * @param classA the judge's class of domain A, or -1
     * @param classB the judge's class of domain B, or -1
     * @return the figures listed in the class comment, with the picture
     */
    public Evaluation evaluate(Network g, Network f, long step, Judge judge, int classA, int classB) {
        int nA = test.sizeA();
        int nB = test.sizeB();
        boolean truth = test.pairedByName();
        double[] s = new double[11];
        BufferedImage picture = null;
        // features of a, G(a), b, F(b), each over its own domain's images
        java.util.List<java.util.List<INDArray>> judged = java.util.List.of(new java.util.ArrayList<>(),
                new java.util.ArrayList<>(), new java.util.ArrayList<>(), new java.util.ArrayList<>());
        for (int from = 0; from < Math.max(nA, nB); from += 16) {
            int to = Math.min(Math.max(nA, nB), from + 16);
            INDArray[] u = cycle(test, channelsA, g, f, from, to);
            if (judge != null) {
                int[] column = {0, 1, 3, 4};
                for (int k = 0; k < 4; k++) {
                    int rows = Math.min(to, k < 2 ? nA : nB) - from;
                    if (rows > 0) {
                        judged.get(k).add(judge.features(u[column[k]].get(NDArrayIndex.interval(0, rows))));
                    }
                }
            }
            if (picture == null) {
                picture = TranslationEvaluator.grid(u, Math.min(TranslationEvaluator.PICTURE_ROWS, to - from));
            }
            for (int i = 0; i < to - from; i++) {
                INDArray ua = u[0].get(NDArrayIndex.point(i));
                INDArray ub = u[3].get(NDArrayIndex.point(i));
                if (from + i < nA) {
                    s[0] += TranslationEvaluator.l1(u[2].get(NDArrayIndex.point(i)), ua);
                }
                if (from + i < nB) {
                    s[1] += TranslationEvaluator.l1(u[5].get(NDArrayIndex.point(i)), ub);
                }
                if (truth) {
                    INDArray ga = u[1].get(NDArrayIndex.point(i));
                    INDArray fb = u[4].get(NDArrayIndex.point(i));
                    s[2] += TranslationEvaluator.l1(ga, ub);
                    s[3] += TranslationEvaluator.psnr(ga, ub);
                    s[4] += Ssim.of(ga, ub);
                    s[5] += TranslationEvaluator.l1(fb, ua);
                    s[6] += TranslationEvaluator.psnr(fb, ua);
                    s[7] += Ssim.of(fb, ua);
                    s[8] += TranslationEvaluator.l1(ua, ub);
                    s[9] += TranslationEvaluator.psnr(ua, ub);
                    s[10] += Ssim.of(ua, ub);
                }
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("images_a", (double) nA);
        m.put("images_b", (double) nB);
        m.put("cycle_l1_a", s[0] / nA);
        m.put("cycle_l1_b", s[1] / nB);
        if (truth) {
            String[] keys = {"l1", "psnr", "ssim", "l1_ba", "psnr_ba", "ssim_ba", "identity_l1", "identity_psnr",
                "identity_ssim"};
            for (int k = 0; k < keys.length; k++) {
                m.put(keys[k], s[k + 2] / nA);
            }
        }
        String cycle = String.format(java.util.Locale.ROOT, "cycle_l1_a %.4f  cycle_l1_b %.4f", m.get("cycle_l1_a"),
                m.get("cycle_l1_b"));
        String summary = truth ? String.format(java.util.Locale.ROOT, "l1 %.4f  psnr %.2f  ssim %.4f  ", m.get("l1"),
                m.get("psnr"), m.get("ssim")) + cycle : cycle;
        if (judge != null) {
            summary += judgeFigures(judge, judged, classA, classB, m);
        }
        return new Evaluation(step, Math.max(nA, nB), m, new double[0], picture,
                new Evaluation.Report(summary, null, "test a | G(a) | F(G(a)) | b | F(b) | G(F(b))"));
    }

    /** The judge's figures into {@code m}; returns their words for the summary line. */
    private static String judgeFigures(Judge judge, java.util.List<java.util.List<INDArray>> judged, int classA,
            int classB, Map<String, Double> m) {
        for (int c : new int[] {classA, classB}) {
            if (c >= judge.classes()) {
                throw new ConfigException("evaluation.judge_class_a/b: '" + judge.name() + "' has classes 0.."
                        + (judge.classes() - 1) + ", got " + c);
            }
        }
        INDArray[] f = new INDArray[4];
        for (int k = 0; k < 4; k++) {
            f[k] = org.nd4j.linalg.factory.Nd4j.concat(0, judged.get(k).toArray(new INDArray[0]));
        }
        m.put("judge_fd_ab", Judge.distance(f[1], f[2]));
        m.put("judge_fd_ba", Judge.distance(f[3], f[0]));
        m.put("identity_judge_fd", Judge.distance(f[0], f[2]));
        StringBuilder words = new StringBuilder(String.format(java.util.Locale.ROOT,
                "  judge_fd_ab %.3f  judge_fd_ba %.3f (a vs b %.3f)", m.get("judge_fd_ab"), m.get("judge_fd_ba"),
                m.get("identity_judge_fd")));
        if (classB >= 0) {
            m.put("judge_called_b", Judge.share(judge.predict(f[1]), classB));
            m.put("judge_called_b_real", Judge.share(judge.predict(f[2]), classB));
            words.append(String.format(java.util.Locale.ROOT, "  G(a) called B %.4f (real b %.4f)", m.get("judge_called_b"),
                    m.get("judge_called_b_real")));
        }
        if (classA >= 0) {
            m.put("judge_called_a", Judge.share(judge.predict(f[3]), classA));
            m.put("judge_called_a_real", Judge.share(judge.predict(f[0]), classA));
            words.append(String.format(java.util.Locale.ROOT, "  F(b) called A %.4f (real a %.4f)", m.get("judge_called_a"),
                    m.get("judge_called_a_real")));
        }
        return words.toString();
    }
}
