package org.gan4j.nn;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An ONNX graph under construction, written as an ONNX model file (opset 13, IR version 7) without a protobuf
 * library: layers add their nodes and named weights ({@link Layer#onnx}), {@link #model} encodes the result in the
 * protobuf wire format of onnx.proto (only the fields used here). Weights are float32 whatever the network computes in.
 */
public final class OnnxGraph {
    /** The operator set the nodes are written for. */
    public static final int OPSET = 13;
    private static final int IR_VERSION = 7;
    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();

    /**
     * A weight of the graph under a unique name.
     *
     * @param name its name, such as {@code 3.weight}
     * @param value its value, written as float32 in C order
     * @return the name
     * @throws IllegalArgumentException when the name is taken
     */
    public String weight(String name, INDArray value) {
        claim(name);
        float[] v = org.gan4j.api.nn.HostData.floats(value);
        ByteBuffer raw = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            raw.putFloat(f);
        }
        initializers.add(tensor(name, value.shape(), FLOAT, raw.array()));
        return name;
    }

    /**
     * A float32 constant vector.
     *
     * @param name its name
     * @param values the values
     * @return the name
     */
    public String floats(String name, float... values) {
        return weight(name, org.nd4j.linalg.factory.Nd4j.create(values, new long[] {values.length}, 'c'));
    }

    /**
     * An int64 constant vector (shapes, pads).
     *
     * @param name its name
     * @param values the values
     * @return the name
     */
    public String longs(String name, long... values) {
        claim(name);
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long l : values) {
            raw.putLong(l);
        }
        initializers.add(tensor(name, new long[] {values.length}, INT64, raw.array()));
        return name;
    }

    /**
     * Adds a node.
     *
     * @param op the operator, such as {@code Conv}
     * @param name the node's name; its output is named the same
     * @param inputs the input value names
     * @param attributes name/value pairs: {@code Long}, {@code Double} or {@code long[]} values
     * @return the output's name
     */
    public String node(String op, String name, List<String> inputs, Object... attributes) {
        String output = claim(name);
        Proto p = new Proto();
        for (String in : inputs) {
            p.string(1, in);
        }
        p.string(2, output).string(3, output).string(4, op);
        for (int i = 0; i < attributes.length; i += 2) {
            p.message(5, attribute((String) attributes[i], attributes[i + 1]));
        }
        nodes.add(p.bytes());
        return output;
    }

    /**
     * A layer's inputs: its input value, its weight ({@code <name>.weight}) and, when it has one, its bias.
     *
     * @param input the input value
     * @param name the layer's path
     * @param weight the weight as the ONNX operator expects it
     * @param bias the bias, or null
     * @return the input names
     */
    public List<String> inputs(String input, String name, INDArray weight, INDArray bias) {
        List<String> in = new ArrayList<>(List.of(input, weight(name + ".weight", weight)));
        if (bias != null) {
            in.add(weight(name + ".bias", bias));
        }
        return in;
    }

    /**
     * Adds layers one after another, each named {@code prefix + index}.
     *
     * @param layers the layers
     * @param input the first one's input value
     * @param inputShape its per-sample shape
     * @param prefix the names' prefix, such as {@code 5.branch.}
     * @return the last output's name
     * @throws UnsupportedOperationException naming the first layer without an ONNX form
     */
    public String layers(List<Layer> layers, String input, long[] inputShape, String prefix) {
        String x = input;
        long[] shape = inputShape;
        for (int i = 0; i < layers.size(); i++) {
            try {
                x = layers.get(i).onnx(this, x, shape, prefix + i);
            } catch (UnsupportedOperationException e) {
                throw new UnsupportedOperationException("layer " + prefix + i + ": " + e.getMessage(), e);
            }
            shape = layers.get(i).outputShape(shape);
        }
        return x;
    }

    /**
     * The model file.
     *
     * @param graphName the graph's name
     * @param input the input's name
     * @param inputShape its shape without the batch dimension (the batch is the symbolic {@code N})
     * @param output the output's name
     * @param outputShape its shape without the batch dimension
     * @param producerVersion written as the producer's version
     * @return the encoded ModelProto
     */
    public byte[] model(String graphName, String input, long[] inputShape, String output, long[] outputShape,
                        String producerVersion) {
        Proto graph = new Proto();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, graphName);
        initializers.forEach(t -> graph.message(5, t));
        graph.message(11, valueInfo(input, inputShape));
        graph.message(12, valueInfo(output, outputShape));
        return new Proto().varint(1, IR_VERSION).string(2, "gan4j").string(3, producerVersion)
                .message(7, graph.bytes()).message(8, new Proto().string(1, "").varint(2, OPSET).bytes()).bytes();
    }

    private String claim(String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("ONNX name '" + name + "' is used twice");
        }
        return name;
    }

    private static byte[] tensor(String name, long[] dims, int type, byte[] raw) {
        Proto t = new Proto();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, type).string(8, name).bytes(9, raw).bytes();
    }

    private static byte[] valueInfo(String name, long[] shape) {
        Proto dims = new Proto().message(1, new Proto().string(2, "N").bytes());
        for (long d : shape) {
            dims.message(1, new Proto().varint(1, d).bytes());
        }
        byte[] tensorType = new Proto().varint(1, FLOAT).message(2, dims.bytes()).bytes();
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType).bytes()).bytes();
    }

    private static byte[] attribute(String name, Object value) {
        Proto a = new Proto().string(1, name);
        if (value instanceof Double d) {
            a.fixed32(2, Float.floatToIntBits(d.floatValue())).varint(20, 1);
        } else if (value instanceof Long l) {
            a.varint(3, l).varint(20, 2);
        } else if (value instanceof String s) {
            a.bytes(4, s.getBytes(StandardCharsets.UTF_8)).varint(20, 3);
        } else if (value instanceof long[] ls) {
            for (long l : ls) {
                a.varint(8, l);
            }
            a.varint(20, 7);
        } else {
            throw new IllegalArgumentException("ONNX attribute " + name + ": unsupported value " + value);
        }
        return a.bytes();
    }

    /** The protobuf wire format, the three kinds of field onnx.proto needs here. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            raw((long) field << 3);
            raw(value);
            return this;
        }

        Proto fixed32(int field, int bits) {
            raw(((long) field << 3) | 5);
            for (int i = 0; i < 4; i++) {
                out.write((bits >>> (8 * i)) & 0xff);
            }
            return this;
        }

        Proto bytes(int field, byte[] value) {
            raw(((long) field << 3) | 2);
            raw(value.length);
            out.writeBytes(value);
            return this;
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, byte[] encoded) {
            return bytes(field, encoded);
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
