package org.gan4j.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer {@code y = x·W + b} on flat inputs {@code [n, in]}.
 *
 * <p>GEMMs go through the libnd4j {@code Mmul} op straight into reused buffers and into the gradient view, which
 * measured about twice as fast as {@code INDArray.mmul} for these sizes. Initialisation matches PyTorch's
 * {@code nn.Linear}: W and b uniform in ±1/√in.
 */
public final class Dense implements Layer {
    private static final MMulTranspose NN = MMulTranspose.allFalse();
    private static final MMulTranspose NT = MMulTranspose.builder().transposeB(true).build();
    private static final MMulTranspose TN = MMulTranspose.builder().transposeA(true).build();

    private final long out;
    private final boolean bias;
    private boolean linear;
    private long in;
    private INDArray w;
    private INDArray wc;
    private boolean spectral;
    private SpectralNorm norm;
    private INDArray sharedU;
    private INDArray b;
    private INDArray dw;
    private INDArray db;
    private INDArray input;
    private final Buffers outputs = new Buffers();
    private final Buffers inputGrads = new Buffers();

    /**
     * Creates a layer with {@code out} units.
     *
     * @param out the number of outputs
     */
    public Dense(long out) {
        this(out, true);
    }

    /**
     * Creates a layer with {@code out} units, with or without bias (none before BatchNorm, which shifts itself).
     *
     * @param out the number of outputs
     * @param bias whether to add a bias
     */
    public Dense(long out, boolean bias) {
        this.out = out;
        this.bias = bias;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 1) {
            throw new IllegalArgumentException("Dense needs a flat input, got " + java.util.Arrays.toString(inputShape)
                    + "; add a flatten() before it");
        }
        return new long[] {out};
    }

    @Override
    public long numParams(long[] inputShape) {
        in = inputShape[0];
        return in * out + (bias ? out : 0);
    }

    @Override
    public void bind(INDArray params, INDArray gradients) {
        long nw = in * out;
        w = params.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, nw)).reshape('c', in, out);
        dw = gradients.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, nw)).reshape('c', in, out);
        if (bias) {
            b = params.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(nw, nw + out)).reshape('c', 1, out);
            db = gradients.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(nw, nw + out)).reshape('c', 1, out);
        }
        norm = spectral ? new SpectralNorm(w, sharedU) : null;
    }

    @Override
    public void initialize(SplittableRandom random) {
        double bound = 1.0 / Math.sqrt(in);
        Init.uniform(w, random, bound);
        if (bias) {
            Init.uniform(b, random, bound);
        }
        if (norm != null) {
            norm.randomize(random);
        }
    }

    @Override
    public void linearize(boolean on) {
        if (spectral) {
            throw new UnsupportedOperationException("a spectrally normalised Dense is not linear in its weights' direction");
        }
        linear = on;
    }

    /**
     * Switches spectral normalisation of the weight on (Miyato et al. 2018); call it before the network is built.
     *
     * @return this layer
     */
    public Dense withSpectralNorm() {
        spectral = true;
        return this;
    }

    @Override
    public java.util.Map<String, INDArray> buffers() {
        return norm == null ? java.util.Map.of() : java.util.Map.of("u", norm.u());
    }

    /** ONNX Gemm with the (spectrally normalised) weight {@code [in, out]} as B. */
    @Override
    public String onnx(OnnxGraph graph, String input, long[] inputShape, String name) {
        return graph.node("Gemm", name + ".gemm", graph.inputs(input, name, norm == null ? w : norm.normalize(w, false),
                bias ? b : null));
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        INDArray y = outputs.get(w.dataType(), x.size(0), out);
        wc = norm == null ? w : norm.normalize(w, training);
        Nd4j.exec(new Mmul(x, wc, y, NN));
        if (bias && !linear) {
            Fenced.addiRowVector(y, b);
        }
        input = training ? x : null;
        return y;
    }

    @Override
    public INDArray backward(INDArray g, boolean parameterGradients) {
        if (input == null) {
            throw new IllegalStateException("backward without a training-mode forward");
        }
        if (parameterGradients) {
            Nd4j.exec(new Mmul(input, g, dw, TN));
            if (norm != null) {
                norm.correct(dw);
            }
            if (bias && linear) {
                db.assign(0);
            } else if (bias) {
                Fenced.sum(g, db, 0);
            }
        }
        INDArray dx = inputGrads.get(w.dataType(), g.size(0), in);
        Nd4j.exec(new Mmul(g, wc, dx, NT));
        return dx;
    }

    /**
     * The weight matrix, a live view of the network's parameters.
     *
     * @return W, {@code [in, out]}
     */
    public INDArray weights() {
        return w;
    }

    @Override
    public Layer copy() {
        Dense d = new Dense(out, bias);
        d.spectral = spectral;
        d.sharedU = norm == null ? null : norm.u();
        return d;
    }

    /** Spectral normalisation's u of its own: the power iteration depends on the shared weight only, so it stays equal. */
    @Override
    public Layer workerCopy(int worker) {
        Dense d = (Dense) copy();
        d.sharedU = d.sharedU == null ? null : d.sharedU.dup();
        return d;
    }
}
