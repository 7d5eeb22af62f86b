package org.gan4j.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A 2-D convolution on NCHW input with PyTorch's weight layout {@code [out, in, kH, kW]} and explicit zero padding,
 * through libnd4j's {@code conv2d} / {@code conv2d_bp} ops (which use oneDNN on the default ND4J build). With
 * {@code transposed}, the adjoint operation ({@code ConvTranspose2d}, libnd4j {@code deconv2d}) with PyTorch's layout
 * {@code [in, out, kH, kW]}: output size {@code (H - 1)·stride - 2·padding + kernel}.
 *
 * <p>Initialisation matches PyTorch's default for both: U(±1/√fanIn) with fanIn = in·k² for a convolution and
 * out·k² for a transposed one; DCGAN-style N(0, 0.02) init belongs to the network that wants it.
 */
public final class Conv2d implements Layer {
    /**
     * At most this many output positions (batch × height × width; for a transposed convolution, input positions)
     * and the layer runs as im2col + GEMM instead of libnd4j's convolution ops. Those ops (oneDNN) spend 3–5× longer
     * than the arithmetic needs on weight-heavy layers with tiny spatial sizes — the inner levels of a U-Net:
     * 512→512 channels, 2×2 → 1×1 took 14.6 ms forward against PyTorch's 3.0 (measured).
     */
    static final long GEMM_MAX_POSITIONS = 64;
    private static final MMulTranspose NN = MMulTranspose.allFalse();
    private static final MMulTranspose NT = MMulTranspose.builder().transposeB(true).build();
    private static final MMulTranspose TN = MMulTranspose.builder().transposeA(true).build();
    /** Forces one path for tests: null = by size, true = always GEMM, false = never. */
    static Boolean forceGemm;
    private final long out;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final boolean bias;
    private boolean linear;
    private final boolean transposed;
    private final int outputPadding;
    private long in;
    private long inH;
    private long inW;
    private INDArray w;
    private INDArray wc;
    private boolean spectral;
    private SpectralNorm norm;
    private INDArray sharedU;
    private INDArray b;
    private INDArray dw;
    private INDArray db;
    private INDArray zeroBias;
    private INDArray scratchBiasGrad;
    private INDArray outputShapeArg;
    private INDArray input;
    private final Buffers outputs = new Buffers();
    private final Buffers inputGrads = new Buffers();
    private final Buffers scratch = new Buffers();
    private final Buffers full = new Buffers();
    private final java.util.Map<String, Buffers> gemm = new java.util.HashMap<>();
    private final Buffers fullGrads = new Buffers();

    private Conv2d(long out, int kernel, int stride, int padding, int outputPadding, boolean bias, boolean transposed) {
        if (kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("kernel and stride must be >= 1 and padding >= 0");
        }
        if (outputPadding < 0 || outputPadding > padding || outputPadding >= stride) {
            throw new IllegalArgumentException("output padding must be in [0, min(padding, stride - 1)], got "
                    + outputPadding);
        }
        this.outputPadding = outputPadding;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.bias = bias;
        this.transposed = transposed;
    }

    /**
     * A convolution.
     *
     * @param out output channels
     * @param kernel square kernel size
     * @param stride stride
     * @param padding zero padding on each side
     * @param bias whether to add a per-channel bias (off before BatchNorm, which has its own shift)
     * @return the layer
     */
    public static Conv2d conv(long out, int kernel, int stride, int padding, boolean bias) {
        return new Conv2d(out, kernel, stride, padding, 0, bias, false);
    }

    /**
     * A transposed convolution (fractionally strided), the upsampling layer of DCGAN and U-Net decoders.
     *
     * @param out output channels
     * @param kernel square kernel size
     * @param stride stride
     * @param padding padding removed from each side of the full output
     * @param bias whether to add a per-channel bias
     * @return the layer
     */
    public static Conv2d transposed(long out, int kernel, int stride, int padding, boolean bias) {
        return new Conv2d(out, kernel, stride, padding, 0, bias, true);
    }

    /**
     * A transposed convolution with PyTorch's {@code output_padding}: the output gains {@code outputPadding} rows and
     * columns at the bottom and right, so that a stride-2 layer exactly doubles the size (CycleGAN's 3×3 up-sampling:
     * kernel 3, stride 2, padding 1, output padding 1).
     *
     * @param out output channels
     * @param kernel square kernel size
     * @param stride stride
     * @param padding padding removed from each side of the full output
     * @param outputPadding extra size on one side, at most {@code padding} and less than {@code stride}
     * @param bias whether to add a per-channel bias
     * @return the layer
     */
    public static Conv2d transposed(long out, int kernel, int stride, int padding, int outputPadding, boolean bias) {
        return new Conv2d(out, kernel, stride, padding, outputPadding, bias, true);
    }

    @Override
    public long[] outputShape(long[] s) {
        if (s.length != 3) {
            throw new IllegalArgumentException("Conv2d needs [C, H, W] input, got " + java.util.Arrays.toString(s));
        }
        in = s[0];
        inH = s[1];
        inW = s[2];
        long h = transposed ? (inH - 1) * stride - 2L * padding + kernel + outputPadding
                : (inH + 2L * padding - kernel) / stride + 1;
        long wd = transposed ? (inW - 1) * stride - 2L * padding + kernel + outputPadding
                : (inW + 2L * padding - kernel) / stride + 1;
        if (h < 1 || wd < 1) {
            throw new IllegalArgumentException("Conv2d output would be empty for input " + java.util.Arrays.toString(s));
        }
        return new long[] {out, h, wd};
    }

    @Override
    public long numParams(long[] inputShape) {
        outputShape(inputShape);
        return in * out * kernel * kernel + (bias ? out : 0);
    }

    @Override
    public void bind(INDArray params, INDArray gradients) {
        long nw = in * out * kernel * kernel;
        long[] shape = transposed ? new long[] {in, out, kernel, kernel} : new long[] {out, in, kernel, kernel};
        w = params.get(NDArrayIndex.interval(0, nw)).reshape('c', shape);
        dw = gradients.get(NDArrayIndex.interval(0, nw)).reshape('c', shape);
        if (bias) {
            b = params.get(NDArrayIndex.interval(nw, nw + out)).reshape('c', new long[] {out});
            db = gradients.get(NDArrayIndex.interval(nw, nw + out)).reshape('c', new long[] {out});
        } else {
            // libnd4j's ops always take a bias; a zero one stands in
            zeroBias = Nd4j.zeros(params.dataType(), out);
        }
        norm = spectral ? new SpectralNorm(w, sharedU) : null;
    }

    @Override
    public void initialize(SplittableRandom random) {
        double bound = 1.0 / Math.sqrt((transposed ? out : in) * kernel * kernel);
        Init.uniform(w, random, bound);
        if (bias) {
            Init.uniform(b, random, bound);
        }
        if (norm != null) {
            norm.randomize(random);
        }
    }

    /**
     * The weights, a live view of the network's parameters.
     *
     * @return {@code [out, in, k, k]}, or {@code [in, out, k, k]} when transposed
     */
    public INDArray weights() {
        return w;
    }

    /**
     * The bias, a live view of the network's parameters.
     *
     * @return {@code [out]}, or null when the layer has none
     */
    public INDArray bias() {
        return bias ? b : null;
    }

    private int[] iArgs(int pad) {
        // kH, kW, sH, sW, pH, pW, dH, dW, same-mode (0: explicit padding), data format (0: NCHW), weights format
        // (1: [oC, iC, kH, kW] for conv2d, [iC, oC, kH, kW] for deconv2d — PyTorch's layouts)
        return new int[] {kernel, kernel, stride, stride, pad, pad, 1, 1, 0, 0, 1};
    }

    /** The window of the unpadded transposed output that PyTorch's padding and output padding keep. */
    private INDArray crop(INDArray fullOutput, long h, long wd) {
        return fullOutput.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(padding, padding + h),
                NDArrayIndex.interval(padding, padding + wd));
    }

    /** ONNX Conv or ConvTranspose; a transposed weight is already in ONNX's {@code [in, out, k, k]} layout. */
    @Override
    public String onnx(OnnxGraph graph, String input, long[] inputShape, String name) {
        java.util.List<String> in = graph.inputs(input, name, norm == null ? w : norm.normalize(w, false), bias ? b : null);
        Object[] a = {"kernel_shape", new long[] {kernel, kernel}, "pads", new long[] {padding, padding, padding, padding},
            "strides", new long[] {stride, stride}, "output_padding", new long[] {outputPadding, outputPadding}};
        return transposed ? graph.node("ConvTranspose", name + ".conv_transpose", in, a)
                : graph.node("Conv", name + ".conv", in, java.util.Arrays.copyOf(a, 6));
    }

    /** DCGAN's N(0, 0.02) weights; pix2pix's and CycleGAN's zero biases. */
    @Override
    public void initializeGaussian(SplittableRandom random, boolean zeroBias) {
        Init.normal(weights(), random, 0, 0.02);
        if (zeroBias && bias() != null) {
            bias().assign(0);
        }
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        long[] os = outputShape(java.util.Arrays.copyOfRange(x.shape(), 1, 4));
        INDArray y = outputs.get(w.dataType(), x.size(0), os[0], os[1], os[2]);
        input = training ? x : null;
        wc = norm == null ? w : norm.normalize(w, training);
        if (useGemm(x.size(0), os)) {
            return transposed ? gemmTransposedForward(x, y) : gemmForward(x, y);
        }
        if (outputPadding > 0) {
            // libnd4j's deconv2d has no output padding: compute the unpadded output and cut PyTorch's window from it
            // (deconv2d_tf below accepts the padded size only on its oneDNN path, not in double precision)
            INDArray f = full.get(w.dataType(), x.size(0), out, (inH - 1) * stride + kernel, (inW - 1) * stride + kernel);
            Nd4j.exec(DynamicCustomOp.builder("deconv2d").addInputs(x, wc, biased() ? b : zeroBias()).addOutputs(f)
                    .addIntegerArguments(iArgs(0)).build());
            return y.assign(crop(f, os[1], os[2]));
        }
        if (transposed) {
            // TensorFlow's Conv2DBackpropInput (libnd4j deconv2d_tf, oneDNN's backward-data convolution) computes the
            // same output ~30 % faster than libnd4j's deconv2d (93 vs 135 ms on DCGAN's 512→256, 4×4 → 8×8, batch
            // 64). It wants [kH, kW, out, in] weights.
            INDArray wt = scratch.get(w.dataType(), kernel, kernel, out, in).assign(wc.permute(2, 3, 1, 0));
            if (outputShapeArg == null) {
                outputShapeArg = Nd4j.createFromArray(0, 0, 0, 0);
            }
            outputShapeArg.putScalar(0, x.size(0));
            outputShapeArg.putScalar(1, out);
            outputShapeArg.putScalar(2, os[1]);
            outputShapeArg.putScalar(3, os[2]);
            Nd4j.exec(DynamicCustomOp.builder("deconv2d_tf").addInputs(outputShapeArg, wt, x).addOutputs(y)
                    .addIntegerArguments(kernel, kernel, stride, stride, padding, padding, 1, 1, 0, 0).build());
            if (biased()) {
                Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp(y, b, y, 1));
            }
            return y;
        }
        Nd4j.exec(DynamicCustomOp.builder(transposed ? "deconv2d" : "conv2d")
                .addInputs(x, wc, biased() ? b : zeroBias()).addOutputs(y).addIntegerArguments(iArgs(padding)).build());
        return y;
    }

    @Override
    public INDArray backward(INDArray g, boolean parameterGradients) {
        INDArray dx = backwardRaw(g, parameterGradients);
        if (norm != null && parameterGradients) {
            norm.correct(dw);
        }
        if (linear && bias && parameterGradients) {
            // the linearisation has no bias: its gradient is the penalty's, which the bias does not move
            db.assign(0);
        }
        return dx;
    }

    private INDArray backwardRaw(INDArray g, boolean parameterGradients) {
        if (input == null) {
            throw new IllegalStateException("backward without a training-mode forward");
        }
        INDArray dx = inputGrads.get(w.dataType(), input.shape());
        // the op always writes weight and bias gradients; without parameter gradients they go to scratch arrays so
        // the network's gradient vector stays untouched
        INDArray gw = parameterGradients ? dw : scratch.get(w.dataType(), w.shape());
        INDArray gb = bias && parameterGradients ? db : scratchBias();
        long[] os = {g.size(1), g.size(2), g.size(3)};
        if (useGemm(input.size(0), os)) {
            if (transposed) {
                gemmTransposedBackward(g, dx, parameterGradients);
            } else {
                gemmBackward(g, dx, parameterGradients);
            }
            return dx;
        }
        if (outputPadding > 0) {
            long fh = (inH - 1) * stride + kernel;
            long fw = (inW - 1) * stride + kernel;
            // zero-filled once; only the kept window is ever written, so the cut-off border stays zero
            INDArray gf = fullGrads.zeroed(w.dataType(), g.size(0), out, fh, fw);
            crop(gf, g.size(2), g.size(3)).assign(g);
            Nd4j.exec(DynamicCustomOp.builder("deconv2d_bp").addInputs(input, wc, bias ? b : zeroBias, gf)
                    .addOutputs(dx, gw, gb).addIntegerArguments(iArgs(0)).build());
            return dx;
        }
        Nd4j.exec(DynamicCustomOp.builder(transposed ? "deconv2d_bp" : "conv2d_bp")
                .addInputs(input, wc, bias ? b : zeroBias, g).addOutputs(dx, gw, gb)
                .addIntegerArguments(iArgs(padding)).build());
        return dx;
    }

    /** A reused GEMM-path buffer, distinct per role so that no two live intermediates share one. */
    private INDArray buffer(String role, org.nd4j.linalg.api.buffer.DataType type, long... shape) {
        return gemm.computeIfAbsent(role, k -> new Buffers()).get(type, shape);
    }

    private boolean useGemm(long n, long[] outShape) {
        if (forceGemm != null) {
            return forceGemm;
        }
        return (transposed ? n * inH * inW : n * outShape[1] * outShape[2]) <= GEMM_MAX_POSITIONS;
    }

    /** im2col: [n, C, H, W] → [n, C, k, k, oh, ow] for this layer's kernel, stride and padding. */
    private INDArray im2col(INDArray x, long oh, long ow, String name) {
        INDArray cols = buffer("im2col-" + name, x.dataType(), x.size(0), x.size(1), kernel, kernel, oh, ow);
        Nd4j.exec(DynamicCustomOp.builder("im2col").addInputs(x).addOutputs(cols)
                .addIntegerArguments(kernel, kernel, stride, stride, padding, padding, 1, 1, 0).build());
        return cols;
    }

    /** col2im, the adjoint of im2col: [n, C, k, k, oh, ow] → [n, C, h, w] (overlaps summed). */
    private void col2im(INDArray cols, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder("col2im").addInputs(cols).addOutputs(out)
                .addIntegerArguments(stride, stride, padding, padding, (int) out.size(2), (int) out.size(3), 1, 1, 0)
                .build());
    }

    /** [n, C, k, k, oh, ow] → the matrix [C·k·k, n·oh·ow] (a copy into a reused buffer). */
    private INDArray columns(INDArray cols, String name) {
        long[] s = cols.shape();
        INDArray m = buffer("columns-" + name, cols.dataType(), s[1] * s[2] * s[3], s[0] * s[4] * s[5]);
        m.reshape('c', s[1], s[2], s[3], s[0], s[4], s[5]).assign(cols.permute(1, 2, 3, 0, 4, 5));
        return m;
    }

    /** The matrix [C·k·k, n·oh·ow] back to [n, C, k, k, oh, ow]. */
    private INDArray uncolumns(INDArray m, long n, long c, long oh, long ow) {
        INDArray cols = buffer("uncolumns", m.dataType(), n, c, kernel, kernel, oh, ow);
        cols.assign(m.reshape('c', c, kernel, kernel, n, oh, ow).permute(3, 0, 1, 2, 4, 5));
        return cols;
    }

    /** [n, C, h, w] as the matrix [C, n·h·w]. */
    private INDArray channelsByPositions(INDArray a, String name) {
        long[] s = a.shape();
        INDArray m = buffer("matrix-" + name, a.dataType(), s[1], s[0] * s[2] * s[3]);
        m.reshape('c', s[1], s[0], s[2], s[3]).assign(a.permute(1, 0, 2, 3));
        return m;
    }

    /** The matrix [C, n·h·w] into y [n, C, h, w]. */
    private static void intoImages(INDArray m, INDArray y) {
        y.permute(1, 0, 2, 3).assign(m.reshape('c', y.size(1), y.size(0), y.size(2), y.size(3)));
    }

    private INDArray gemmForward(INDArray x, INDArray y) {
        INDArray colsM = columns(im2col(x, y.size(2), y.size(3), "x"), "x");
        INDArray ym = buffer("y", w.dataType(), out, colsM.size(1));
        Nd4j.exec(new Mmul(wc.reshape('c', out, in * kernel * kernel), colsM, ym, NN));
        intoImages(ym, y);
        if (biased()) {
            Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp(y, b, y, 1));
        }
        return y;
    }

    private void gemmBackward(INDArray g, INDArray dx, boolean parameterGradients) {
        INDArray colsM = columns(im2col(input, g.size(2), g.size(3), "x"), "x");
        INDArray gm = channelsByPositions(g, "g");
        INDArray wm = wc.reshape('c', out, in * kernel * kernel);
        if (parameterGradients) {
            Nd4j.exec(new Mmul(gm, colsM, dw.reshape('c', out, in * kernel * kernel), NT));
            if (bias) {
                Fenced.sum(gm, db, 1);
            }
        }
        INDArray dcolsM = buffer("dcolumns", g.dataType(), in * kernel * kernel, gm.size(1));
        Nd4j.exec(new Mmul(wm, gm, dcolsM, TN));
        col2im(uncolumns(dcolsM, input.size(0), in, g.size(2), g.size(3)), dx);
    }

    private INDArray gemmTransposedForward(INDArray x, INDArray y) {
        // the adjoint of a convolution from y's size to x's: cols = Wᵀ·x, then col2im
        INDArray xm = channelsByPositions(x, "x");
        INDArray colsM = buffer("columns-y", w.dataType(), out * kernel * kernel, xm.size(1));
        Nd4j.exec(new Mmul(wc.reshape('c', in, out * kernel * kernel), xm, colsM, TN));
        col2im(uncolumns(colsM, x.size(0), out, x.size(2), x.size(3)), y);
        if (biased()) {
            Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp(y, b, y, 1));
        }
        return y;
    }

    private void gemmTransposedBackward(INDArray g, INDArray dx, boolean parameterGradients) {
        INDArray gColsM = columns(im2col(g, input.size(2), input.size(3), "g"), "g");
        INDArray wm = wc.reshape('c', in, out * kernel * kernel);
        if (parameterGradients) {
            INDArray xm = channelsByPositions(input, "x");
            Nd4j.exec(new Mmul(xm, gColsM, dw.reshape('c', in, out * kernel * kernel), NT));
            if (bias) {
                Fenced.sum(g, db, 0, 2, 3);
            }
        }
        INDArray dxm = buffer("dx", g.dataType(), in, gColsM.size(1));
        Nd4j.exec(new Mmul(wm, gColsM, dxm, NN));
        intoImages(dxm, dx);
    }

    private boolean biased() {
        return bias && !linear;
    }

    private INDArray zeroBias() {
        if (zeroBias == null) {
            zeroBias = Nd4j.zeros(w.dataType(), out);
        }
        return zeroBias;
    }

    @Override
    public void linearize(boolean on) {
        if (norm != null) {
            throw new UnsupportedOperationException("a spectrally normalised Conv2d is not linear in its weights' direction");
        }
        linear = on;
    }

    /** Where the op's bias gradient goes when it must not reach the network's gradient vector. */
    private INDArray scratchBias() {
        if (scratchBiasGrad == null) {
            scratchBiasGrad = Nd4j.zeros(w.dataType(), out);
        }
        return scratchBiasGrad;
    }

    @Override
    public Layer copy() {
        Conv2d c = new Conv2d(out, kernel, stride, padding, outputPadding, bias, transposed);
        c.spectral = spectral;
        c.sharedU = norm == null ? null : norm.u();
        return c;
    }

    /** Spectral normalisation's u of its own: the power iteration depends on the shared weight only, so it stays equal. */
    @Override
    public Layer workerCopy(int worker) {
        Conv2d c = (Conv2d) copy();
        c.sharedU = c.sharedU == null ? null : c.sharedU.dup();
        return c;
    }

    /**
     * Switches spectral normalisation of the weight on (Miyato et al. 2018); call it before the network is built.
     *
     * @return this layer
     */
    public Conv2d withSpectralNorm() {
        spectral = true;
        return this;
    }

    @Override
    public java.util.Map<String, INDArray> buffers() {
        return norm == null ? java.util.Map.of() : java.util.Map.of("u", norm.u());
    }
}
