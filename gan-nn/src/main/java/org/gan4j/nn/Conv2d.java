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

    private Conv2d(long out, int kernel, int stride, int padding, boolean bias, boolean transposed) {
        if (kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("kernel and stride must be >= 1 and padding >= 0");
        }
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
        return new Conv2d(out, kernel, stride, padding, bias, false);
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
        return new Conv2d(out, kernel, stride, padding, bias, true);
    }

    @Override
    public long[] outputShape(long[] s) {
        if (s.length != 3) {
            throw new IllegalArgumentException("Conv2d needs [C, H, W] input, got " + java.util.Arrays.toString(s));
        }
        in = s[0];
        inH = s[1];
        inW = s[2];
        long h = transposed ? (inH - 1) * stride - 2L * padding + kernel : (inH + 2L * padding - kernel) / stride + 1;
        long wd = transposed ? (inW - 1) * stride - 2L * padding + kernel : (inW + 2L * padding - kernel) / stride + 1;
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

    private int[] iArgs() {
        // kH, kW, sH, sW, pH, pW, dH, dW, same-mode (0: explicit padding), data format (0: NCHW), weights format
        // (1: [oC, iC, kH, kW] for conv2d, [iC, oC, kH, kW] for deconv2d — PyTorch's layouts)
        return new int[] {kernel, kernel, stride, stride, padding, padding, 1, 1, 0, 0, 1};
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        long[] os = outputShape(java.util.Arrays.copyOfRange(x.shape(), 1, 4));
        INDArray y = outputs.get(w.dataType(), x.size(0), os[0], os[1], os[2]);
        Nd4j.exec(DynamicCustomOp.builder(transposed ? "deconv2d" : "conv2d")
                .addInputs(x, w, bias ? b : zeroBias).addOutputs(y).addIntegerArguments(iArgs()).build());
        input = training ? x : null;
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
        Nd4j.exec(DynamicCustomOp.builder(transposed ? "deconv2d_bp" : "conv2d_bp")
                .addInputs(input, w, bias ? b : zeroBias, g).addOutputs(dx, gw, gb).addIntegerArguments(iArgs()).build());
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
