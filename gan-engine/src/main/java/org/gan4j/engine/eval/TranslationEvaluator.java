package org.gan4j.engine.eval;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.data.Dataset;
import org.gan4j.api.nn.Network;
import org.gan4j.api.registry.Registry;
import org.gan4j.engine.config.ExperimentConfig;
import org.gan4j.engine.internal.Images;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Scores an image-to-image translation network on the test split of its paired data: the network runs on each test
 * input in inference mode and its output is compared with the test target by mean absolute error (L1), PSNR and SSIM,
 * all on pixels in [0, 1]. The same figures for output = input are the identity baseline, reported beside them when
 * input and target have the same channels. With a {@link Judge}, the realism figures too: {@code judge_fd}, the
 * Fréchet distance between the judge's features of the outputs and of the real targets, and, when the test pairs are
 * labelled (edges2shoes' {@code labels.csv}), {@code judge_accuracy}, the share of outputs the judge calls the
 * target's class, beside {@code judge_accuracy_real}, the same for the real targets (the judge's ceiling).
 */
public final class TranslationEvaluator {
    /** Test pairs the evaluation's picture shows. */
    public static final int PICTURE_ROWS = 8;
    private final Dataset test;
    private final int inputChannels;

    private TranslationEvaluator(Dataset test, int inputChannels) {
        this.test = test;
        this.inputChannels = inputChannels;
    }

    /**
     * The evaluator over an experiment's test split.
     *
     * @param config the experiment (its data block, with {@code split} set to {@code test})
     * @param registry the providers
     * @param network the translation network; its input channels say where the input ends in each pair
     * @return the evaluator
     * @throws ConfigException when the test split cannot be opened or does not fit the network
     */
    public static TranslationEvaluator forExperiment(ExperimentConfig config, Registry registry, Network network) {
        Dataset ds = Splits.open(Splits.bind(config, registry, "test"), registry);
        int ca = (int) network.inputShape()[0];
        if (ds.sampleShape()[0] - ca != network.outputShape()[0]) {
            throw new ConfigException("evaluation: the test pairs have " + ds.sampleShape()[0] + " channels, the network maps "
                    + ca + " to " + network.outputShape()[0]);
        }
        return new TranslationEvaluator(ds, ca);
    }

    /**
     * Translates every test input and scores the outputs.
     *
     * @param network the translation network
     * @param step the step it comes from
     * @param judge the classifier that judges outputs, or null
     * @return pairs, l1, psnr, ssim and, when input and target share their channels, identity_l1/psnr/ssim; with a
     *     judge the realism figures of the class comment; the picture shows the first {@link #PICTURE_ROWS} test
     *     pairs as input | output | target rows
     */
    public Evaluation evaluate(Network network, long step, Judge judge) {
        double[] sums = new double[6];
        int n = test.size();
        boolean identity = inputChannels * 2L == test.sampleShape()[0];
        BufferedImage picture = null;
        if (judge != null && test.numClasses() > judge.classes()) {
            throw new ConfigException("evaluation.judge: the test pairs' labels.csv has classes up to "
                    + (test.numClasses() - 1) + ", '" + judge.name() + "' knows 0.." + (judge.classes() - 1)
                    + "; judge with the data the labels come from");
        }
        JudgedPairs judged = judge == null ? null : new JudgedPairs(judge, n, test.numClasses() > 0);
        for (int from = 0; from < n; from += 16) {
            int to = Math.min(n, from + 16);
            INDArray[] p = translate(network, from, to);
            if (picture == null) {
                picture = grid(p, Math.min(PICTURE_ROWS, to - from));
            }
            if (judged != null) {
                judged.add(p[1], p[2], test.batch(java.util.stream.IntStream.range(from, to).toArray()).labels());
            }
            for (int i = 0; i < to - from; i++) {
                INDArray out = p[1].get(NDArrayIndex.point(i));
                INDArray target = p[2].get(NDArrayIndex.point(i));
                sums[0] += l1(out, target);
                sums[1] += psnr(out, target);
                sums[2] += Ssim.of(out, target);
                if (identity) {
                    INDArray in = p[0].get(NDArrayIndex.point(i));
                    sums[3] += l1(in, target);
                    sums[4] += psnr(in, target);
                    sums[5] += Ssim.of(in, target);
                }
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("pairs", (double) n);
        m.put("l1", sums[0] / n);
        m.put("psnr", sums[1] / n);
        m.put("ssim", sums[2] / n);
        if (identity) {
            m.put("identity_l1", sums[3] / n);
            m.put("identity_psnr", sums[4] / n);
            m.put("identity_ssim", sums[5] / n);
        }
        String summary = String.format(java.util.Locale.ROOT, "l1 %.4f  psnr %.2f  ssim %.4f (output = input: %.4f, %.2f, %.4f)",
                m.get("l1"), m.get("psnr"), m.get("ssim"), m.getOrDefault("identity_l1", Double.NaN),
                m.getOrDefault("identity_psnr", Double.NaN), m.getOrDefault("identity_ssim", Double.NaN));
        if (judged != null) {
            summary += judged.finish(m);
        }
        return new Evaluation(step, n, m, new double[0], picture,
                new Evaluation.Report(summary, null, "test inputs | outputs | targets"));
    }

    /**
     * The first {@code n} images of each array side by side, one row per index: e.g. input | output | target.
     * Grey images are shown as RGB.
     */
    static BufferedImage grid(INDArray[] columns, int n) {
        int k = columns.length;
        long h = columns[0].size(2);
        long w = columns[0].size(3);
        INDArray cells = org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, (long) k * n, 3, h, w);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                INDArray img = columns[j].get(NDArrayIndex.point(i));
                for (int ch = 0; ch < 3; ch++) {
                    cells.get(NDArrayIndex.point((long) k * i + j), NDArrayIndex.point(ch))
                            .assign(img.get(NDArrayIndex.point(Math.min(ch, img.size(0) - 1))));
                }
            }
        }
        return Images.grid(cells, k);
    }

    /** Inputs, outputs and targets of test pairs [from, to), each in [0, 1]. */
    private INDArray[] translate(Network network, int from, int to) {
        return translate(test, inputChannels, network, from, to);
    }

    private static INDArray[] translate(Dataset data, int inputChannels, Network network, int from, int to) {
        int[] idx = java.util.stream.IntStream.range(from, to).toArray();
        INDArray pair = data.batch(idx).x().castTo(network.params().dataType());
        long c = pair.size(1);
        INDArray in = pair.get(NDArrayIndex.all(), NDArrayIndex.interval(0, inputChannels)).dup();
        INDArray target = pair.get(NDArrayIndex.all(), NDArrayIndex.interval(inputChannels, c)).dup();
        INDArray out = network.forward(in, false).dup();
        return new INDArray[] {Images.toUnit(in), Images.toUnit(out), Images.toUnit(target)};
    }

    /**
     * The progress picture of a paired translation run: its first {@link #PICTURE_ROWS} samples (centre crops, no
     * flips) as input | output | target rows, the network in inference mode.
     *
     * @param data the run's paired data
     * @param network the translation network
     * @return the picture
     */
    public static BufferedImage preview(Dataset data, Network network) {
        int n = Math.min(PICTURE_ROWS, data.size());
        return grid(translate(data, (int) network.inputShape()[0], network, 0, n), n);
    }

    static double l1(INDArray a, INDArray b) {
        return org.nd4j.linalg.ops.transforms.Transforms.abs(a.sub(b), false).meanNumber().doubleValue();
    }

    /** PSNR in dB for pixels in [0, 1]; identical images are capped at 100 dB. */
    static double psnr(INDArray a, INDArray b) {
        INDArray d = a.sub(b);
        double mse = d.muli(d).meanNumber().doubleValue();
        return mse <= 1e-10 ? 100 : 10 * Math.log10(1 / mse);
    }

    /** The judge's features and calls of outputs and targets, gathered chunk by chunk. */
    private static final class JudgedPairs {
        private final Judge judge;
        private final boolean labelled;
        private final java.util.List<INDArray> outputs = new java.util.ArrayList<>();
        private final java.util.List<INDArray> targets = new java.util.ArrayList<>();
        private final int[] labels;
        private int count;

        JudgedPairs(Judge judge, int n, boolean labelled) {
            this.judge = judge;
            this.labelled = labelled;
            this.labels = new int[n];
        }

        void add(INDArray out, INDArray target, INDArray batchLabels) {
            outputs.add(judge.features(out));
            targets.add(judge.features(target));
            for (int i = 0; i < out.size(0); i++) {
                labels[count++] = labelled && batchLabels != null ? batchLabels.getInt(i) : -1;
            }
        }

        /** Puts the figures into {@code m}; returns their words for the summary line. */
        String finish(Map<String, Double> m) {
            INDArray fo = org.nd4j.linalg.factory.Nd4j.concat(0, outputs.toArray(new INDArray[0]));
            INDArray ft = org.nd4j.linalg.factory.Nd4j.concat(0, targets.toArray(new INDArray[0]));
            m.put("judge_fd", Judge.distance(fo, ft));
            String words = String.format(java.util.Locale.ROOT, "  judge_fd %.3f", m.get("judge_fd"));
            if (labelled) {
                m.put("judge_accuracy", Judge.agreement(judge.predict(fo), labels));
                m.put("judge_accuracy_real", Judge.agreement(judge.predict(ft), labels));
                words += String.format(java.util.Locale.ROOT, "  judge_accuracy %.4f (real targets %.4f)",
                        m.get("judge_accuracy"), m.get("judge_accuracy_real"));
            }
            return words;
        }
    }
}
