package org.gan4j.nn;

import java.util.Set;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanApi;
import org.gan4j.api.NoConfig;
import org.gan4j.api.Provider;

/**
 * gan-nn's layers as YAML layer types ({@link LayerType} providers): one small class each, found with ServiceLoader
 * exactly as a plugin's layer is.
 */
public final class YamlLayers {
    private YamlLayers() {
    }

    /** Common part: name, description, options and the bare form. */
    private abstract static class Base extends Provider<NoConfig> implements LayerType {
        private final Set<String> options;
        private final boolean bare;
        private final Object bareValue;

        Base(String name, String description, Set<String> options, boolean bare, Object bareValue) {
            super(name, NoConfig.class, GanApi.VERSION, description);
            this.options = options;
            this.bare = bare;
            this.bareValue = bareValue;
        }

        @Override
        public final Set<String> options() {
            return options;
        }

        @Override
        public final boolean bare() {
            return bare;
        }

        @Override
        public final Object bareValue() {
            return bareValue;
        }
    }

    /** {@code relu}. */
    public static final class ReluType extends Base {
        /** The provider ServiceLoader instantiates. */
        public ReluType() {
            super("relu", "max(0, x)", Set.of(), true, null);
        }

        @Override
        public Layer create(LayerArgs a) {
            return new LeakyRelu(0);
        }
    }

    /** {@code leaky_relu} or {@code {leaky_relu: slope}} (0.2 by default). */
    public static final class LeakyReluType extends Base {
        /** The provider ServiceLoader instantiates. */
        public LeakyReluType() {
            super("leaky-relu", "max(slope·x, x); bare: slope 0.2", Set.of(), true, 0.2);
        }

        @Override
        public Layer create(LayerArgs a) {
            return new LeakyRelu(a.real());
        }
    }

    /** {@code tanh}. */
    public static final class TanhType extends Base {
        /** The provider ServiceLoader instantiates. */
        public TanhType() {
            super("tanh", "tanh(x)", Set.of(), true, null);
        }

        @Override
        public Layer create(LayerArgs a) {
            return new Tanh();
        }
    }

    /** {@code batch_norm}. */
    public static final class BatchNormType extends Base {
        /** The provider ServiceLoader instantiates. */
        public BatchNormType() {
            super("batch-norm", "batch normalisation with running statistics", Set.of(), true, null);
        }

        @Override
        public Layer create(LayerArgs a) {
            return new BatchNorm();
        }
    }

    /** {@code instance_norm}. */
    public static final class InstanceNormType extends Base {
        /** The provider ServiceLoader instantiates. */
        public InstanceNormType() {
            super("instance-norm", "instance normalisation (per sample and channel)", Set.of(), true, null);
        }

        @Override
        public Layer create(LayerArgs a) {
            return new InstanceNorm();
        }
    }

    /** {@code flatten}. */
    public static final class FlattenType extends Base {
        /** The provider ServiceLoader instantiates. */
        public FlattenType() {
            super("flatten", "one vector per sample", Set.of(), true, null);
        }

        @Override
        public Layer create(LayerArgs a) {
            return new Reshape(-1);
        }
    }

    /** {@code {reshape: [c, h, w]}}. */
    public static final class ReshapeType extends Base {
        /** The provider ServiceLoader instantiates. */
        public ReshapeType() {
            super("reshape", "{reshape: [sizes]} per sample", Set.of(), false, null);
        }

        @Override
        public Layer create(LayerArgs a) {
            return new Reshape(a.sizes());
        }
    }

    /** {@code {dense: n, bias: true, spectral_norm: false}}. */
    public static final class DenseType extends Base {
        /** The provider ServiceLoader instantiates. */
        public DenseType() {
            super("dense", "{dense: units, bias, spectral_norm}", Set.of("bias", "spectral_norm"), false, null);
        }

        @Override
        public Layer create(LayerArgs a) {
            Dense d = new Dense(a.count(), a.flag("bias", true));
            return a.flag("spectral_norm", false) ? d.withSpectralNorm() : d;
        }
    }

    /** {@code {conv: channels, kernel: 3, stride: 1, padding: 0, bias: true, spectral_norm: false}}. */
    public static final class ConvType extends Base {
        /** The provider ServiceLoader instantiates. */
        public ConvType() {
            super("conv", "{conv: channels, kernel, stride, padding, bias, spectral_norm}",
                    Set.of("kernel", "stride", "padding", "bias", "spectral_norm"), false, null);
        }

        @Override
        public Layer create(LayerArgs a) {
            return conv(false, a);
        }
    }

    /** {@code {conv_transpose: channels, …, output_padding: 0}}. */
    public static final class ConvTransposeType extends Base {
        /** The provider ServiceLoader instantiates. */
        public ConvTransposeType() {
            super("conv-transpose", "{conv_transpose: channels, kernel, stride, padding, output_padding, bias, spectral_norm}",
                    Set.of("kernel", "stride", "padding", "output_padding", "bias", "spectral_norm"), false, null);
        }

        @Override
        public Layer create(LayerArgs a) {
            return conv(true, a);
        }
    }

    private static Layer conv(boolean transposed, LayerArgs a) {
        long out = a.count();
        int k = (int) a.option("kernel", 3);
        int s = (int) a.option("stride", 1);
        int p = (int) a.option("padding", 0);
        int op = (int) a.option("output_padding", 0);
        boolean bias = a.flag("bias", true);
        String at = a.path().substring(0, a.path().lastIndexOf('.'));
        try {
            Conv2d c = transposed ? Conv2d.transposed(out, k, s, p, op, bias) : Conv2d.conv(out, k, s, p, bias);
            return a.flag("spectral_norm", false) ? c.withSpectralNorm() : c;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at + ": " + e.getMessage(), e);
        }
    }

    /** {@code {residual: [layers]}}: x + f(x). */
    public static final class ResidualType extends Base {
        /** The provider ServiceLoader instantiates. */
        public ResidualType() {
            super("residual", "{residual: [layers]}: x + f(x)", Set.of(), false, null);
        }

        @Override
        public Layer create(LayerArgs a) {
            return new Residual(a.layers());
        }
    }

    /** {@code {skip: [layers]}}: concat(x, f(x)), U-Net's skip connection. */
    public static final class SkipType extends Base {
        /** The provider ServiceLoader instantiates. */
        public SkipType() {
            super("skip", "{skip: [layers]}: concat(x, f(x)) (U-Net)", Set.of(), false, null);
        }

        @Override
        public Layer create(LayerArgs a) {
            return new Skip(a.layers());
        }
    }

    /** {@code {dropout: p}}. */
    public static final class DropoutType extends Base {
        /** The provider ServiceLoader instantiates. */
        public DropoutType() {
            super("dropout", "{dropout: probability}", Set.of(), false, null);
        }

        @Override
        public Layer create(LayerArgs a) {
            double q = a.value() instanceof Number n ? n.doubleValue() : -1;
            if (!(q >= 0 && q < 1)) {
                throw a.error("expected a probability in [0, 1), got " + a.value());
            }
            return new Dropout(q);
        }
    }

    /** {@code {maxout: pieces}}. */
    public static final class MaxoutType extends Base {
        /** The provider ServiceLoader instantiates. */
        public MaxoutType() {
            super("maxout", "{maxout: pieces}: the maximum of each group of features", Set.of(), false, null);
        }

        @Override
        public Layer create(LayerArgs a) {
            long k = a.count();
            if (k < 2) {
                throw a.error("maxout needs at least 2 pieces, got " + a.value());
            }
            return new Maxout((int) k);
        }
    }

    /** {@code {reflection_pad: p}}. */
    public static final class ReflectionPadType extends Base {
        /** The provider ServiceLoader instantiates. */
        public ReflectionPadType() {
            super("reflection-pad", "{reflection_pad: pixels}", Set.of(), false, null);
        }

        @Override
        public Layer create(LayerArgs a) {
            return new ReflectionPad((int) Math.max(1, a.count()));
        }
    }
}
