package org.gan4j.engine.eval;

import java.util.Map;

/**
 * One evaluation of a generator.
 *
 * @param step the training step of the checkpoint evaluated
 * @param samples how many samples were generated
 * @param metrics by name. Images ({@link ImageEvaluator}): {@code fd} (Fréchet distance of classifier features, generated vs. real test images),
 *     {@code fd_floor} (the same for as many real training images: what a perfect generator would score),
 *     {@code classifier_accuracy} (on the test split), {@code classes_covered} (classes holding at least a tenth of a
 *     uniform share of the samples), {@code class_kl} (KL divergence of the predicted-class histogram from uniform,
 *     in nats; 0 = balanced), and for conditional models {@code label_accuracy} (share classified as the label asked
 *     for). 2-D mixtures ({@link ModeCoverage}): {@code modes}, {@code modes_covered}, {@code hq_share},
 *     {@code reverse_kl}, {@code hq_share_real}
 * @param histogram images: the share of samples predicted as each class; 2-D mixtures: the share of samples that
 *     are high-quality samples of each mode; empty for translation
 * @param picture what the evaluation shows, or null: for translation ({@link TranslationEvaluator}) the first test
 *     pairs as input | output | target rows
 * @param report how the evaluation describes itself, so that the CLI and progress output need not know which
 *     evaluation ran
 */
public record Evaluation(long step, int samples, Map<String, Double> metrics, double[] histogram,
        java.awt.image.BufferedImage picture, Report report) {

    /**
     * The words an evaluator gives its figures.
     *
     * @param summary one line for progress output, such as {@code fd 12.3 (floor 0.9)  classes 10}
     * @param histogramName the histogram's key in JSON ({@code class_histogram}, {@code mode_histogram}), or null
     * @param pictureCaption what the picture's rows show, or null
     */
    public record Report(String summary, String histogramName, String pictureCaption) {
    }

    /**
     * A metric by name.
     *
     * @param name such as {@code fd}
     * @return its value, NaN when absent
     */
    public double metric(String name) {
        return metrics.getOrDefault(name, Double.NaN);
    }
}
