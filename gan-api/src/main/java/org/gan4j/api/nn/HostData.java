package org.gan4j.api.nn;

import java.nio.ByteBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one way gan4j code reads or writes an array's values through host memory. On ND4J's CUDA backend a write
 * through {@code data().asNioFloat()} changes only the host copy and does not mark it as newer, so the device never
 * sees it and results are silently wrong; on the CPU backend the same code is right, so no CPU test catches it. Every
 * write here first brings the host copy up to date (a partial write must not later overwrite newer device values
 * with stale host ones) and then tags the host copy as the newest; every read first brings the host copy up to date.
 * On the CPU both are no-ops. A test (HostAccessScanTest) fails when any other class touches host buffers.
 *
 * <p>Positions count values in the array's buffer from the array's offset, so the arrays should be contiguous in c
 * order (layers' own buffers, parameter vectors); {@link #floats(INDArray)} and {@link #doubles(INDArray)} accept any
 * array.
 *
 * @since API 1.3
 */
public final class HostData {
    private HostData() {
    }

    /**
     * Copies values of a FLOAT (or DOUBLE, converted) array into a Java array.
     *
     * @param a a contiguous FLOAT or DOUBLE array
     * @param from the first value, counted from the array's offset
     * @param dst where the values go
     * @param off the first index written in {@code dst}
     * @param n how many values
     */
    public static void read(INDArray a, long from, float[] dst, int off, int n) {
        toHost(a);
        int at = Math.toIntExact(a.offset() + from);
        if (a.dataType() == DataType.FLOAT) {
            a.data().asNioFloat().get(at, dst, off, n);
        } else {
            java.nio.DoubleBuffer b = doubleView(a);
            for (int i = 0; i < n; i++) {
                dst[off + i] = (float) b.get(at + i);
            }
        }
    }

    /**
     * Copies values of a DOUBLE (or FLOAT) array into a Java array.
     *
     * @param a a contiguous DOUBLE or FLOAT array
     * @param from the first value, counted from the array's offset
     * @param dst where the values go
     * @param off the first index written in {@code dst}
     * @param n how many values
     */
    public static void read(INDArray a, long from, double[] dst, int off, int n) {
        toHost(a);
        int at = Math.toIntExact(a.offset() + from);
        if (a.dataType() == DataType.DOUBLE) {
            a.data().asNioDouble().get(at, dst, off, n);
        } else {
            java.nio.FloatBuffer b = floatView(a);
            for (int i = 0; i < n; i++) {
                dst[off + i] = b.get(at + i);
            }
        }
    }

    /**
     * Writes values into a FLOAT (or DOUBLE) array and marks them for the backend.
     *
     * @param a a contiguous FLOAT or DOUBLE array
     * @param from the first value written, counted from the array's offset
     * @param src the values
     * @param off the first index read in {@code src}
     * @param n how many values
     */
    public static void write(INDArray a, long from, float[] src, int off, int n) {
        toHost(a);
        int at = Math.toIntExact(a.offset() + from);
        if (a.dataType() == DataType.FLOAT) {
            a.data().asNioFloat().put(at, src, off, n);
        } else {
            java.nio.DoubleBuffer b = doubleView(a);
            for (int i = 0; i < n; i++) {
                b.put(at + i, src[off + i]);
            }
        }
        written(a);
    }

    /**
     * Writes values into a DOUBLE (or FLOAT, rounded) array and marks them for the backend.
     *
     * @param a a contiguous DOUBLE or FLOAT array
     * @param from the first value written, counted from the array's offset
     * @param src the values
     * @param off the first index read in {@code src}
     * @param n how many values
     */
    public static void write(INDArray a, long from, double[] src, int off, int n) {
        toHost(a);
        int at = Math.toIntExact(a.offset() + from);
        if (a.dataType() == DataType.DOUBLE) {
            a.data().asNioDouble().put(at, src, off, n);
        } else {
            java.nio.FloatBuffer b = floatView(a);
            for (int i = 0; i < n; i++) {
                b.put(at + i, (float) src[off + i]);
            }
        }
        written(a);
    }

    private static java.nio.FloatBuffer floatView(INDArray a) {
        if (a.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("FLOAT or DOUBLE arrays only, got " + a.dataType());
        }
        return a.data().asNioFloat();
    }

    private static java.nio.DoubleBuffer doubleView(INDArray a) {
        if (a.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("FLOAT or DOUBLE arrays only, got " + a.dataType());
        }
        return a.data().asNioDouble();
    }

    /**
     * All values of an array in row-major order, as floats.
     *
     * @param a any array
     * @return a new Java array
     */
    public static float[] floats(INDArray a) {
        INDArray c = whole(a, DataType.FLOAT);
        float[] out = new float[Math.toIntExact(c.length())];
        read(c, 0, out, 0, out.length);
        return out;
    }

    /**
     * All values of an array in row-major order, as doubles.
     *
     * @param a any array
     * @return a new Java array
     */
    public static double[] doubles(INDArray a) {
        INDArray c = whole(a, DataType.DOUBLE);
        double[] out = new double[Math.toIntExact(c.length())];
        read(c, 0, out, 0, out.length);
        return out;
    }

    /**
     * All values of an array in row-major order, as longs.
     *
     * @param a any array
     * @return a new Java array
     */
    public static long[] longs(INDArray a) {
        INDArray c = whole(a, DataType.LONG);
        long[] out = new long[Math.toIntExact(c.length())];
        toHost(c);
        c.data().asNioLong().get(Math.toIntExact(c.offset()), out, 0, out.length);
        return out;
    }

    /**
     * Writes all of an array's values from little-endian bytes of its own type (FLOAT, DOUBLE or LONG), as a file
     * format stores them.
     *
     * @param a a contiguous array
     * @param littleEndian exactly {@code a.length()} values
     */
    public static void putBytes(INDArray a, ByteBuffer littleEndian) {
        ByteBuffer le = littleEndian.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int at = Math.toIntExact(a.offset());
        int n = Math.toIntExact(a.length());
        toHost(a);
        switch (a.dataType()) {
            case FLOAT -> a.data().asNioFloat().position(at).slice().limit(n).put(le.asFloatBuffer());
            case DOUBLE -> a.data().asNioDouble().position(at).slice().limit(n).put(le.asDoubleBuffer());
            case LONG -> a.data().asNioLong().position(at).slice().limit(n).put(le.asLongBuffer());
            default -> throw new IllegalArgumentException("FLOAT, DOUBLE or LONG arrays only, got " + a.dataType());
        }
        written(a);
    }

    /** The array itself when it is a contiguous c-order array of the type, else a c-order copy in that type. */
    private static INDArray whole(INDArray a, DataType type) {
        INDArray t = a.dataType() == type ? a : a.castTo(type);
        boolean contiguous = t.ordering() == 'c' && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(t);
        return contiguous ? t : t.dup('c');
    }

    private static void toHost(INDArray a) {
        Nd4j.getAffinityManager().ensureLocation(a, AffinityManager.Location.HOST);
    }

    private static void written(INDArray a) {
        Nd4j.getAffinityManager().tagLocation(a, AffinityManager.Location.HOST);
    }
}
