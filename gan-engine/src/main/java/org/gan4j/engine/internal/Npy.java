package org.gan4j.engine.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NumPy {@code .npy} arrays read and written in Java. Checkpoint bytes never reach libnd4j's native parser, which
 * aborts or crashes the JVM on a big-endian or garbage header, reads past the buffer when the payload is short, and
 * segfaults on a bad {@code descr} (all measured on M2.1). Here every header field is checked, the payload must be
 * exactly as long as the shape says, and nothing is allocated before that check.
 *
 * <p>Written: version 1.0, little-endian {@code <f4} (float), {@code <f8} (double) or {@code <i8} (long), C order.
 */
public final class Npy {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** A malformed array: the message says what is wrong. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    /**
     * Parses an array.
     *
     * @param bytes the whole {@code .npy} file
     * @param maxElements the most elements the caller accepts (a bound from what it will be restored into)
     * @return the array: FLOAT for {@code <f4}, DOUBLE for {@code <f8}, LONG for {@code <i8}
     * @throws Malformed when the magic, version, header, dtype, byte order, order, shape or payload length is wrong,
     *     or the array has more elements than allowed
     */
    public static INDArray read(byte[] bytes, long maxElements) throws Malformed {
        if (bytes.length < 10 || (bytes[0] & 0xff) != 0x93 || bytes[1] != 'N' || bytes[2] != 'U' || bytes[3] != 'M'
                || bytes[4] != 'P' || bytes[5] != 'Y') {
            throw new Malformed("not a .npy array (bad magic)");
        }
        int major = bytes[6];
        int headerLength;
        int start;
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            headerLength = le.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new Malformed("truncated .npy header");
            }
            long h = le.getInt(8) & 0xffffffffL;
            if (h > bytes.length) {
                throw new Malformed("the header claims " + h + " bytes, the array has " + bytes.length);
            }
            headerLength = (int) h;
            start = 12;
        } else {
            throw new Malformed(".npy version " + major + " is not supported");
        }
        if ((long) start + headerLength > bytes.length) {
            throw new Malformed("the header claims " + headerLength + " bytes, the array has " + (bytes.length - start));
        }
        String header = new String(bytes, start, headerLength, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new Malformed("malformed .npy header (descr, fortran_order and shape are needed)");
        }
        String descr = d.group(1);
        int itemSize;
        DataType type;
        switch (descr) {
            case "<f4" -> { itemSize = 4; type = DataType.FLOAT; }
            case "<f8" -> { itemSize = 8; type = DataType.DOUBLE; }
            case "<i8" -> { itemSize = 8; type = DataType.LONG; }
            default -> throw new Malformed("dtype '" + descr + "' is not supported (little-endian <f4, <f8 or <i8 only)");
        }
        if (f.group(1).equals("True")) {
            throw new Malformed("Fortran-ordered arrays are not supported");
        }
        long[] shape = shape(s.group(1));
        long count = 1;
        for (long dim : shape) {
            if (dim < 0 || (dim > 0 && count > Long.MAX_VALUE / dim)) {
                throw new Malformed("shape " + java.util.Arrays.toString(shape) + " is out of range");
            }
            count *= dim;
        }
        if (count > maxElements) {
            throw new Malformed("shape " + java.util.Arrays.toString(shape) + " has " + count
                    + " elements, more than the " + maxElements + " expected");
        }
        long payload = bytes.length - (long) start - headerLength;
        if (payload != count * itemSize) {
            throw new Malformed("the payload has " + payload + " bytes, shape " + java.util.Arrays.toString(shape)
                    + " of " + descr + " needs " + count * itemSize);
        }
        int at = start + headerLength;
        long[] nd = shape.length == 0 ? new long[] {1} : shape;
        // straight from the file's bytes into the array's memory: no second heap copy of a large array
        INDArray a = Nd4j.createUninitialized(type, nd, 'c');
        le.position(at);
        org.gan4j.api.nn.HostData.putBytes(a, le.slice());
        return a;
    }

    private static long[] shape(String text) throws Malformed {
        List<Long> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            try {
                dims.add(Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p));
            } catch (NumberFormatException e) {
                throw new Malformed("shape (" + text + ") is not a tuple of integers");
            }
        }
        if (dims.size() > 32) {
            throw new Malformed("shape has " + dims.size() + " dimensions");
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Writes an array as {@code .npy} (version 1.0, little-endian, C order).
     *
     * @param a a FLOAT, DOUBLE or LONG array (other types are written as float)
     * @return the file's bytes
     */
    public static byte[] write(INDArray a) {
        INDArray c = a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE || a.dataType() == DataType.LONG
                ? a.dup('c') : a.castTo(DataType.FLOAT).dup('c');
        String descr = switch (c.dataType()) {
            case DOUBLE -> "<f8";
            case LONG -> "<i8";
            default -> "<f4";
        };
        int item = c.dataType() == DataType.FLOAT ? 4 : 8;
        StringBuilder shape = new StringBuilder();
        for (long d : c.shape()) {
            shape.append(d).append(", ");
        }
        String dims = c.rank() == 1 ? c.shape()[0] + "," : shape.length() == 0 ? "" : shape.substring(0, shape.length() - 2);
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims
                + "), }");
        // the header ends with a newline and pads magic + length + header to a multiple of 64 bytes
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        long n = c.length();
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(10 + h.length + n * item)).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        out.putShort((short) h.length).put(h);
        switch (c.dataType()) {
            case DOUBLE -> out.asDoubleBuffer().put(org.gan4j.api.nn.HostData.doubles(c));
            case LONG -> out.asLongBuffer().put(org.gan4j.api.nn.HostData.longs(c));
            default -> out.asFloatBuffer().put(org.gan4j.api.nn.HostData.floats(c));
        }
        return out.array();
    }
}
