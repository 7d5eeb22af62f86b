package org.gan4j.engine.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.api.GanException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The bytes a distributed run sends between its driver and its partitions: each message starts with its kind and
 * the format version, arrays travel as {@code .npy} (what checkpoints hold), so what a partition receives reads
 * back bit for bit. Only gan4j's own processes exchange these; a wrong kind or version is a build mismatch between
 * the driver and an executor, reported as such.
 */
final class Wire {
    /** Bumped whenever a message's layout changes. */
    static final int VERSION = 1;
    private static final long MAX_ELEMENTS = 1L << 31;

    private Wire() {
    }

    /** Writes a message: its kind and the version, then what {@code body} writes. */
    static byte[] write(String kind, Body body) {
        return write(kind, 256, body);
    }

    /** {@link #write(String, Body)} into a buffer of about the size the message will have (a round's state). */
    static byte[] write(String kind, int sizeHint, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(256, sizeHint));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(kind);
            out.writeInt(VERSION);
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Opens a message of the given kind, positioned after its header. */
    static DataInputStream read(String kind, byte[] message) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(message));
        try {
            String k = in.readUTF();
            int v = in.readInt();
            if (!k.equals(kind) || v != VERSION) {
                throw new GanException("distributed: expected a " + kind + " message of version " + VERSION + ", got "
                        + k + " version " + v + " (the driver and an executor run different gan4j builds)");
            }
        } catch (IOException e) {
            throw new GanException("distributed: not a gan4j " + kind + " message (" + e + ")", e);
        }
        return in;
    }

    /** Writes named arrays as {@code .npy}. */
    static void arrays(DataOutputStream out, Map<String, INDArray> arrays) throws IOException {
        out.writeInt(arrays.size());
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            out.writeUTF(e.getKey());
            bytes(out, Npy.write(e.getValue()));
        }
    }

    /** Reads what {@link #arrays(DataOutputStream, Map)} wrote. */
    static Map<String, INDArray> arrays(DataInputStream in) throws IOException {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            out.put(in.readUTF(), array(bytes(in)));
        }
        return out;
    }

    static INDArray array(byte[] npy) {
        try {
            return Npy.read(npy, MAX_ELEMENTS);
        } catch (Npy.Malformed e) {
            throw new GanException("distributed: a corrupt array in a message (" + e.getMessage() + ")", e);
        }
    }

    static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    static byte[] bytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }

    /** Writes a message body. */
    @FunctionalInterface
    interface Body {
        void write(DataOutputStream out) throws IOException;
    }
}
