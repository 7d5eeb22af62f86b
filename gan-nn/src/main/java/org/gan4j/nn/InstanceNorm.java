package org.gan4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Instance normalisation of {@code [n, C, H, W]} input, as PyTorch's {@code InstanceNorm2d(affine=False)} used by
 * CycleGAN's generators: every (sample, channel) plane is normalised with its own mean and biased variance, in training
 * and evaluation alike; no parameters, no running statistics.
 */
public final class InstanceNorm implements Layer {
    private final double eps;
    private INDArray xHat;
    private INDArray invStd;
    private final Buffers outputs = new Buffers();
    private final Buffers grads = new Buffers();
    private final Buffers scratch = new Buffers();

    /** Creates the layer with PyTorch's ε = 1e-5. */
    public InstanceNorm() {
        this(1e-5);
    }

    /**
     * Creates the layer.
     *
     * @param eps added to the variance
     */
    public InstanceNorm(double eps) {
        this.eps = eps;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException("InstanceNorm needs [C, H, W] input, got " + java.util.Arrays.toString(inputShape));
        }
        return inputShape;
    }

    /** The input as rows of planes: [n·C, H·W], a view when contiguous. */
    private static INDArray planes(INDArray a) {
        INDArray c = a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
        return c.reshape('c', a.size(0) * a.size(1), a.size(2) * a.size(3));
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        INDArray rows = planes(x);
        INDArray mean = rows.mean(1);
        INDArray var = rows.var(false, 1);
        invStd = org.nd4j.linalg.ops.transforms.Transforms.pow(var.addi(eps), -0.5, false);
        INDArray y = outputs.get(x.dataType(), x.shape());
        INDArray yr = planes(y);
        Nd4j.getExecutioner().exec(new BroadcastSubOp(rows, mean, yr, 0));
        Nd4j.getExecutioner().exec(new BroadcastMulOp(yr, invStd, yr, 0));
        xHat = y;
        return y;
    }

    /** dx = invStd · (g − mean(g) − x̂ · mean(g · x̂)), per plane. */
    @Override
    public INDArray backward(INDArray g, boolean parameterGradients) {
        INDArray gr = planes(g);
        INDArray xr = planes(xHat);
        INDArray gx = planes(scratch.get(g.dataType(), g.shape())).assign(gr).muli(xr);
        INDArray meanG = gr.mean(1);
        INDArray meanGx = gx.mean(1);
        INDArray dx = grads.get(g.dataType(), g.shape());
        INDArray dr = planes(dx);
        Nd4j.getExecutioner().exec(new BroadcastMulOp(xr, meanGx, dr, 0));
        dr.rsubi(gr);
        Nd4j.getExecutioner().exec(new BroadcastSubOp(dr, meanG, dr, 0));
        Nd4j.getExecutioner().exec(new BroadcastMulOp(dr, invStd, dr, 0));
        return dx;
    }
}
