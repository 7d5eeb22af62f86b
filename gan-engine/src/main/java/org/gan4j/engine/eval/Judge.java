package org.gan4j.engine.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.gan4j.api.ConfigException;
import org.gan4j.api.data.Dataset;
import org.gan4j.api.registry.Registry;
import org.gan4j.engine.config.ConfigLoader;
import org.gan4j.engine.config.EvaluationConfig;
import org.gan4j.engine.config.ExperimentConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The evaluation classifier of another labelled image dataset, judging translated images: how real they look to it
 * (the Fréchet distance of its features, outputs against real targets) and which class it calls them. Per-pixel
 * errors reward the blurred average of the plausible outputs; a classifier's features and decisions do not, which is
 * how pix2pix's "GAN + L1 is sharper than L1 alone" and CycleGAN's "G(sneaker) is a boot" become numbers.
 *
 * <p>Translated images come at the translation's resolution and channels: they are scaled bilinearly (pixel centres
 * aligned as {@code align_corners=False}, no antialiasing: 32 → 28 px hardly needs it) to the judge's size and
 * averaged to grey when the judge is grey. Outputs and the real images they are compared with go through the same
 * scaling, so the distance compares like with like.
 */
public final class Judge {
    private final Classifier classifier;
    private final long[] shape;
    private final String name;

    Judge(Classifier classifier, long[] shape, String name) {
        this.classifier = classifier;
        this.shape = shape.clone();
        this.name = name;
    }

    /**
     * The judge an experiment asks for in {@code evaluation.judge}, its classifier trained on first use and cached
     * beside that data.
     *
     * @param config the experiment
     * @param registry the providers
     * @param log receives progress lines (classifier training)
     * @return the judge, or null when {@code evaluation.judge} is empty
     * @throws ConfigException when the judge's data is unknown, missing or not labelled images
     */
    public static Judge of(ExperimentConfig config, Registry registry, Consumer<String> log) {
        EvaluationConfig e = config.evaluation();
        if (e.judge().isEmpty()) {
            return null;
        }
        Dataset train = open(config, registry, "train");
        Dataset test = open(config, registry, "test");
        if (!train.isImage() || train.numClasses() < 2) {
            throw new ConfigException("evaluation.judge: needs labelled images; '" + e.judge() + "' is " + train.describe());
        }
        return new Judge(Classifier.cached(train, test, log), train.sampleShape(), e.judge());
    }

    /** A split of the judge's data, bound as the run's data block would be (so unknown names list what exists). */
    private static Dataset open(ExperimentConfig config, Registry registry, String split) {
        EvaluationConfig e = config.evaluation();
        ObjectNode tree = (ObjectNode) ConfigLoader.parse(ConfigLoader.toYaml(config), "evaluation.judge");
        ObjectNode data = tree.putObject("data");
        data.put("type", e.judge());
        data.put("split", split);
        if (!e.judgeDir().isEmpty()) {
            data.put("dir", e.judgeDir());
        }
        ExperimentConfig bound;
        try {
            bound = new ConfigLoader(registry).bind(tree, List.of());
        } catch (ConfigException ex) {
            throw new ConfigException("evaluation.judge: " + ex.getMessage(), ex);
        }
        return Splits.open(bound, registry);
    }

    /**
     * The judge's features of images.
     *
     * @param unit images {@code [n, C, H, W]} with pixels in [0, 1], any size and 1 or 3 channels
     * @return {@code [n, 128]}
     */
    public INDArray features(INDArray unit) {
        return classifier.features(input(unit));
    }

    /**
     * The class the judge calls each feature row.
     *
     * @param features from {@link #features}
     * @return class indices
     */
    public int[] predict(INDArray features) {
        return classifier.predict(features);
    }

    /**
     * The Fréchet distance between two sets of the judge's features.
     *
     * @param a features of one set
     * @param b features of the other
     * @return the distance, 0 for identical statistics
     */
    public static double distance(INDArray a, INDArray b) {
        return Frechet.distance(Frechet.stats(a), Frechet.stats(b));
    }

    /**
     * The share of predictions equal to their expected classes.
     *
     * @param predicted from {@link #predict}
     * @param expected one class per prediction
     * @return in [0, 1]
     */
    public static double agreement(int[] predicted, int[] expected) {
        int same = 0;
        for (int i = 0; i < predicted.length; i++) {
            same += predicted[i] == expected[i] ? 1 : 0;
        }
        return predicted.length == 0 ? Double.NaN : (double) same / predicted.length;
    }

    /**
     * The share of predictions that are one class.
     *
     * @param predicted from {@link #predict}
     * @param cls the class
     * @return in [0, 1]
     */
    public static double share(int[] predicted, int cls) {
        int[] expected = new int[predicted.length];
        java.util.Arrays.fill(expected, cls);
        return agreement(predicted, expected);
    }

    /**
     * How many classes the judge knows.
     *
     * @return K
     */
    public int classes() {
        return classifier.classes();
    }

    /**
     * The judge's name, as in the config.
     *
     * @return such as {@code fashion-mnist}
     */
    public String name() {
        return name;
    }

    /** Pixels in [0, 1] at any size → the judge's input: its channels and size, in [-1, 1]. */
    INDArray input(INDArray unit) {
        int n = (int) unit.size(0);
        int c = (int) unit.size(1);
        int h = (int) unit.size(2);
        int w = (int) unit.size(3);
        int jc = (int) shape[0];
        int jh = (int) shape[1];
        int jw = (int) shape[2];
        if (jc != 1 && jc != c) {
            throw new ConfigException("evaluation.judge: '" + name + "' judges " + jc + "-channel images; these have " + c);
        }
        float[] in = org.gan4j.api.nn.HostData.floats(unit);
        float[] out = new float[n * jc * jh * jw];
        float[] plane = new float[h * w];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < jc; ch++) {
                if (jc == c) {
                    System.arraycopy(in, (i * c + ch) * h * w, plane, 0, h * w);
                } else {
                    java.util.Arrays.fill(plane, 0f);
                    for (int k = 0; k < c; k++) {
                        for (int p = 0; p < h * w; p++) {
                            plane[p] += in[(i * c + k) * h * w + p] / c;
                        }
                    }
                }
                resize(plane, h, w, out, (i * jc + ch) * jh * jw, jh, jw);
            }
        }
        for (int p = 0; p < out.length; p++) {
            out[p] = 2 * out[p] - 1;
        }
        return Nd4j.create(out, new long[] {n, jc, jh, jw}, 'c');
    }

    /** Bilinear scaling with pixel centres aligned and the border replicated. */
    static void resize(float[] src, int h, int w, float[] dst, int offset, int oh, int ow) {
        for (int y = 0; y < oh; y++) {
            double sy = Math.max(0, Math.min(h - 1, (y + 0.5) * h / oh - 0.5));
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(h - 1, y0 + 1);
            double fy = sy - y0;
            for (int x = 0; x < ow; x++) {
                double sx = Math.max(0, Math.min(w - 1, (x + 0.5) * w / ow - 0.5));
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(w - 1, x0 + 1);
                double fx = sx - x0;
                double top = src[y0 * w + x0] * (1 - fx) + src[y0 * w + x1] * fx;
                double bottom = src[y1 * w + x0] * (1 - fx) + src[y1 * w + x1] * fx;
                dst[offset + y * ow + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
    }
}
