package org.gan4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gan4j.api.nn.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A chain of {@link Layer}s as a {@link Network}, with all parameters in one flat vector.
 *
 * <pre>{@code
 * Network g = Sequential.builder(100).dense(256).leakyRelu(0.2).dense(784).tanh().reshape(1, 28, 28).build(seed);
 * }</pre>
 */
public final class Sequential implements Network {
    private final long[] inputShape;
    private final long[] outputShape;
    private final List<Layer> layers;
    private final INDArray params;
    private final INDArray gradients;
    private final long numParams;

    private Sequential(long[] inputShape, List<Layer> layers, long seed, DataType type) {
        this.inputShape = inputShape.clone();
        this.layers = List.copyOf(layers);
        long[] shape = inputShape;
        long total = 0;
        long[] counts = new long[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            counts[i] = layers.get(i).numParams(shape);
            total += counts[i];
            shape = layers.get(i).outputShape(shape);
        }
        this.outputShape = shape;
        this.numParams = total;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the network has " + total + " parameters, more than the 2^31 one flat "
                    + "vector can hold");
        }
        // parameters, gradients and an optimizer's two moments
        Memory.require("a network of " + total + " parameters", 16.0 * total);
        // a parameter-free network still gets a one-element vector: ND4J has no empty row vector to take views of
        params = Nd4j.zeros(type, 1, Math.max(total, 1));
        gradients = Nd4j.zeros(type, 1, Math.max(total, 1));
        SplittableRandom random = new SplittableRandom(seed);
        long offset = 0;
        for (int i = 0; i < layers.size(); i++) {
            if (counts[i] > 0) {
                Layer layer = layers.get(i);
                layer.bind(params.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + counts[i])),
                        gradients.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + counts[i])));
                layer.initialize(random.split());
                offset += counts[i];
            }
        }
        // parameter-free layers that draw (dropout) come after, so adding one never changes other layers' weights
        for (int i = 0; i < layers.size(); i++) {
            if (counts[i] == 0) {
                layers.get(i).initialize(random.split());
            }
        }
    }

    private Sequential(Sequential source, List<Layer> copies) {
        this.inputShape = source.inputShape;
        this.outputShape = source.outputShape;
        this.layers = List.copyOf(copies);
        this.numParams = source.numParams;
        this.params = source.params;
        this.gradients = Nd4j.zeros(source.gradients.dataType(), source.gradients.shape());
        long[] shape = inputShape;
        long offset = 0;
        for (Layer layer : layers) {
            long count = layer.numParams(shape);
            shape = layer.outputShape(shape);
            if (count > 0) {
                layer.bind(params.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + count)),
                        gradients.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + count)));
                offset += count;
            }
        }
    }

    /**
     * A network on the same parameters with its own activations and gradients. Schedules that back-propagate
     * through two forward passes of one network (CycleGAN's G(a) and G(F(b))) run the second pass on a replica
     * and add its gradients to this network's before the optimizer steps.
     *
     * @return the replica; its {@link #params()} is this network's vector, its {@link #gradients()} its own
     */
    @Override
    public Sequential replica() {
        return new Sequential(this, layers.stream().map(Layer::copy).toList());
    }

    /**
     * A replica for another worker: like {@link #replica()}, but every layer keeps non-trainable state of its own
     * ({@link Layer#workerCopy}), initialised as a layer's is; the engine copies this network's buffers in before
     * every iteration.
     *
     * @param worker the worker's index, 1 or more
     * @return the replica
     */
    @Override
    public Sequential workerReplica(int worker) {
        return new Sequential(this, layers.stream().map(l -> l.workerCopy(worker)).toList());
    }

    /**
     * Starts a network whose input samples have the given shape.
     *
     * @param inputShape per-sample input shape
     * @return a builder
     */
    public static Builder builder(long... inputShape) {
        return new Builder(inputShape);
    }

    @Override
    public long[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public long[] outputShape() {
        return outputShape.clone();
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        INDArray x = input;
        for (Layer layer : layers) {
            x = layer.forward(x, training);
        }
        return x;
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean parameterGradients) {
        INDArray g = gradOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, parameterGradients);
        }
        return g;
    }

    /**
     * This network in inference mode as an ONNX model: input {@code input} {@code [N, ...inputShape]}, output
     * {@code output}, weights named by layer index ({@code 3.weight}, {@code 5.branch.2.running_mean}).
     *
     * @param graphName the graph's name, such as the network's name in the run
     * @param producerVersion the gan4j version to record
     * @return the encoded model
     * @throws UnsupportedOperationException naming the first layer without an ONNX form
     */
    public byte[] toOnnx(String graphName, String producerVersion) {
        OnnxGraph graph = new OnnxGraph();
        graph.node("Identity", "output", List.of(graph.layers(layers, "input", inputShape, "")));
        return graph.model(graphName, "input", inputShape, "output", outputShape, producerVersion);
    }

    /**
     * Linearises every layer at its last training-mode input ({@link Layer#linearize}); all or none.
     *
     * @param on true to enter, false to leave
     * @throws UnsupportedOperationException when a layer is not piecewise linear in its input
     */
    @Override
    public void linearize(boolean on) {
        for (int i = 0; i < layers.size(); i++) {
            try {
                layers.get(i).linearize(on);
            } catch (UnsupportedOperationException e) {
                for (int j = 0; j < i; j++) {
                    layers.get(j).linearize(false);
                }
                throw new UnsupportedOperationException("layer " + i + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public long numParams() {
        return numParams;
    }

    @Override
    public INDArray params() {
        return params;
    }

    @Override
    public INDArray gradients() {
        return gradients;
    }

    /** Buffers of every layer, named {@code <layer index>.<buffer>} so they stay unique. */
    @Override
    public java.util.Map<String, INDArray> buffers() {
        java.util.Map<String, INDArray> all = new java.util.LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (java.util.Map.Entry<String, INDArray> e : layers.get(i).buffers().entrySet()) {
                all.put(i + "." + e.getKey(), e.getValue());
            }
        }
        return all;
    }

    /**
     * The layers in order.
     *
     * @return an unmodifiable list
     */
    public List<Layer> layers() {
        return layers;
    }

    /** Builds a {@link Sequential} one layer at a time. */
    public static final class Builder {
        private final long[] inputShape;
        private final List<Layer> layers = new ArrayList<>();
        private DataType dataType = DataType.FLOAT;

        private Builder(long[] inputShape) {
            this.inputShape = inputShape.clone();
        }

        /**
         * Appends any layer.
         *
         * @param layer the layer
         * @return this builder
         */
        public Builder add(Layer layer) {
            layers.add(layer);
            return this;
        }

        /**
         * Spectrally normalises the weight of the layer added last (a dense layer or a convolution; Miyato et al.
         * 2018): it computes with W / σ(W), σ from one power iteration per training pass, u a checkpointed buffer.
         *
         * @return this builder
         * @throws IllegalStateException when the last layer has no weight to normalise
         */
        public Builder spectralNorm() {
            Layer last = layers.isEmpty() ? null : layers.get(layers.size() - 1);
            if (last instanceof Dense d) {
                d.withSpectralNorm();
            } else if (last instanceof Conv2d c) {
                c.withSpectralNorm();
            } else {
                throw new IllegalStateException("spectral normalisation needs a dense or convolution layer before it, got "
                        + (last == null ? "none" : last.getClass().getSimpleName()));
            }
            return this;
        }

        /**
         * Appends a fully connected layer.
         *
         * @param units number of outputs
         * @return this builder
         */
        public Builder dense(long units) {
            return add(new Dense(units));
        }

        /**
         * Appends a 2-D convolution (NCHW, PyTorch weight layout).
         *
         * @param out output channels
         * @param kernel square kernel size
         * @param stride stride
         * @param padding zero padding per side
         * @param bias whether to add a bias
         * @return this builder
         */
        public Builder conv(long out, int kernel, int stride, int padding, boolean bias) {
            return add(Conv2d.conv(out, kernel, stride, padding, bias));
        }

        /**
         * Appends a transposed 2-D convolution (NCHW, PyTorch weight layout).
         *
         * @param out output channels
         * @param kernel square kernel size
         * @param stride stride
         * @param padding padding removed per side
         * @param bias whether to add a bias
         * @return this builder
         */
        public Builder convTranspose(long out, int kernel, int stride, int padding, boolean bias) {
            return add(Conv2d.transposed(out, kernel, stride, padding, bias));
        }

        /**
         * Appends a transposed 2-D convolution with PyTorch's {@code output_padding}.
         *
         * @param out output channels
         * @param kernel square kernel size
         * @param stride stride
         * @param padding padding removed per side
         * @param outputPadding extra rows and columns at the bottom and right
         * @param bias whether to add a bias
         * @return this builder
         */
        public Builder convTranspose(long out, int kernel, int stride, int padding, int outputPadding, boolean bias) {
            return add(Conv2d.transposed(out, kernel, stride, padding, outputPadding, bias));
        }

        /**
         * Appends reflection padding.
         *
         * @param p rows and columns added per side
         * @return this builder
         */
        public Builder reflectionPad(int p) {
            return add(new ReflectionPad(p));
        }

        /**
         * Appends inverted dropout (identity outside training).
         *
         * @param p the probability of zeroing an element
         * @return this builder
         */
        public Builder dropout(double p) {
            return add(new Dropout(p));
        }

        /**
         * Appends a U-Net skip block {@code concat(x, f(x))} around the given layers.
         *
         * @param inner the branch, which must keep the spatial size
         * @return this builder
         */
        public Builder skip(Layer... inner) {
            return add(new Skip(inner));
        }

        /**
         * Appends LeakyReLU.
         *
         * @param alpha the negative slope
         * @return this builder
         */
        public Builder leakyRelu(double alpha) {
            return add(new LeakyRelu(alpha));
        }

        /**
         * Appends maxout over groups of {@code pieces} features.
         *
         * @param pieces inputs per output unit
         * @return this builder
         */
        public Builder maxout(int pieces) {
            return add(new Maxout(pieces));
        }

        /**
         * Appends ReLU.
         *
         * @return this builder
         */
        public Builder relu() {
            return add(new LeakyRelu(0));
        }

        /**
         * Appends batch normalisation over channel 1 (PyTorch's defaults).
         *
         * @return this builder
         */
        public Builder batchNorm() {
            return add(new BatchNorm());
        }

        /**
         * Appends instance normalisation (no parameters), as CycleGAN's generators use.
         *
         * @return this builder
         */
        public Builder instanceNorm() {
            return add(new InstanceNorm());
        }

        /**
         * Appends a residual block {@code x + f(x)} around the given layers.
         *
         * @param inner the residual branch, which must keep the shape
         * @return this builder
         */
        public Builder residual(Layer... inner) {
            return add(new Residual(inner));
        }

        /**
         * Appends tanh.
         *
         * @return this builder
         */
        public Builder tanh() {
            return add(new Tanh());
        }

        /**
         * Appends a per-sample reshape.
         *
         * @param shape the new per-sample shape
         * @return this builder
         */
        public Builder reshape(long... shape) {
            return add(new Reshape(shape));
        }

        /**
         * Appends a flatten to {@code [n, prod(shape)]}.
         *
         * @return this builder
         */
        public Builder flatten() {
            return add(new Reshape(-1));
        }

        /**
         * Sets the parameter type (FLOAT by default; DOUBLE for gradient checks).
         *
         * @param type the data type
         * @return this builder
         */
        public Builder dataType(DataType type) {
            this.dataType = type;
            return this;
        }

        /**
         * Allocates and initialises the network.
         *
         * @param seed the initialisation seed
         * @return the network
         */
        public Sequential build(long seed) {
            return new Sequential(inputShape, layers, seed, dataType);
        }
    }
}
