package org.gan4j.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
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
    private final long out;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final boolean bias;
    private final boolean transposed;
    private final int outputPadding;
    private long in;
    private long inH;
    private long inW;
    private INDArray w;
    private INDArray b;
    private INDArray dw;
    private INDArray db;
    private INDArray zeroBias;
    private INDArray scratchBiasGrad;
    private INDArray input;
    private final Buffers outputs = new Buffers();
    private final Buffers inputGrads = new Buffers();
    private final Buffers scratch = new Buffers();
    private final Buffers full = new Buffers();
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
    }

    @Override
    public void initialize(SplittableRandom random) {
        double bound = 1.0 / Math.sqrt((transposed ? out : in) * kernel * kernel);
        Init.uniform(w, random, bound);
        if (bias) {
            Init.uniform(b, random, bound);
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

    @Override
    public INDArray forward(INDArray x, boolean training) {
        long[] os = outputShape(java.util.Arrays.copyOfRange(x.shape(), 1, 4));
        INDArray y = outputs.get(w.dataType(), x.size(0), os[0], os[1], os[2]);
        input = training ? x : null;
        if (outputPadding > 0) {
            // libnd4j's deconv2d has no output padding: compute the unpadded output and cut PyTorch's window from it
            INDArray f = full.get(w.dataType(), x.size(0), out, (inH - 1) * stride + kernel, (inW - 1) * stride + kernel);
            Nd4j.exec(DynamicCustomOp.builder("deconv2d").addInputs(x, w, bias ? b : zeroBias).addOutputs(f)
                    .addIntegerArguments(iArgs(0)).build());
            return y.assign(crop(f, os[1], os[2]));
        }
        Nd4j.exec(DynamicCustomOp.builder(transposed ? "deconv2d" : "conv2d")
                .addInputs(x, w, bias ? b : zeroBias).addOutputs(y).addIntegerArguments(iArgs(padding)).build());
        return y;
    }

    @Override
    public INDArray backward(INDArray g, boolean parameterGradients) {
        if (input == null) {
            throw new IllegalStateException("backward without a training-mode forward");
        }
        INDArray dx = inputGrads.get(w.dataType(), input.shape());
        // the op always writes weight and bias gradients; without parameter gradients they go to scratch arrays so
        // the network's gradient vector stays untouched
        INDArray gw = parameterGradients ? dw : scratch.get(w.dataType(), w.shape());
        INDArray gb = bias && parameterGradients ? db : scratchBias();
        if (outputPadding > 0) {
            long fh = (inH - 1) * stride + kernel;
            long fw = (inW - 1) * stride + kernel;
            // zero-filled once; only the kept window is ever written, so the cut-off border stays zero
            INDArray gf = fullGrads.zeroed(w.dataType(), g.size(0), out, fh, fw);
            crop(gf, g.size(2), g.size(3)).assign(g);
            Nd4j.exec(DynamicCustomOp.builder("deconv2d_bp").addInputs(input, w, bias ? b : zeroBias, gf)
                    .addOutputs(dx, gw, gb).addIntegerArguments(iArgs(0)).build());
            return dx;
        }
        Nd4j.exec(DynamicCustomOp.builder(transposed ? "deconv2d_bp" : "conv2d_bp")
                .addInputs(input, w, bias ? b : zeroBias, g).addOutputs(dx, gw, gb)
                .addIntegerArguments(iArgs(padding)).build());
        return dx;
    }

    /** Where the op's bias gradient goes when it must not reach the network's gradient vector. */
    private INDArray scratchBias() {
        if (scratchBiasGrad == null) {
            scratchBiasGrad = Nd4j.zeros(w.dataType(), out);
        }
        return scratchBiasGrad;
    }
}
