package org.gan4j.engine.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.GanException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The part of a run's state a distributed round sends and averages: every array as {@code .npy} bytes under a flat
 * key ({@code p/NET} parameters, {@code b/NET/BUFFER} buffers, {@code o/NET} optimizer state, {@code e/NET} moving
 * averages, {@code s/KEY} the schedule's state), the optimizers' update counts, the step and the data cursor.
 *
 * @param step iterations completed
 * @param cursor batches drawn (the same on every partition: each draws the schedule's batches per iteration)
 * @param arrays the arrays by flat key
 * @param iterations optimizer update counts by network
 */
record RoundState(long step, long cursor, Map<String, byte[]> arrays, Map<String, Long> iterations) {

    /** The state of a checkpoint (or of {@link Run#snapshot()}). */
    static RoundState of(Checkpoint c) {
        Map<String, byte[]> a = new LinkedHashMap<>();
        c.params().forEach((k, v) -> a.put("p/" + k, Npy.write(v)));
        c.buffers().forEach((net, bufs) -> bufs.forEach((k, v) -> a.put("b/" + net + "/" + k, Npy.write(v))));
        c.optimizerState().forEach((k, v) -> a.put("o/" + k, Npy.write(v)));
        c.ema().forEach((k, v) -> a.put("e/" + k, Npy.write(v)));
        c.scheduleState().forEach((k, v) -> a.put("s/" + k, Npy.write(v)));
        return new RoundState(c.step(), c.batchCursor(), a, new LinkedHashMap<>(c.optimizerIterations()));
    }

    /** This state as a checkpoint that {@link Run#install} takes (no config, metrics or provenance). */
    Checkpoint checkpoint() {
        Map<String, INDArray> params = new LinkedHashMap<>();
        Map<String, Map<String, INDArray>> buffers = new LinkedHashMap<>();
        Map<String, INDArray> opt = new LinkedHashMap<>();
        Map<String, INDArray> ema = new LinkedHashMap<>();
        Map<String, INDArray> schedule = new LinkedHashMap<>();
        arrays.forEach((key, npy) -> {
            INDArray v = Wire.array(npy);
            String rest = key.substring(2);
            switch (key.charAt(0)) {
                case 'p' -> params.put(rest, v);
                case 'b' -> buffers.computeIfAbsent(rest.substring(0, rest.indexOf('/')), n -> new LinkedHashMap<>())
                        .put(rest.substring(rest.indexOf('/') + 1), v);
                case 'o' -> opt.put(rest, v);
                case 'e' -> ema.put(rest, v);
                case 's' -> schedule.put(rest, v);
                default -> throw new GanException("distributed: unknown state entry " + key);
            }
        });
        return new Checkpoint(step, cursor, 0, new long[0], 0, "", params, buffers, opt, iterations, schedule, List.of(),
                Map.of(), 0, Map.of(), ema);
    }

    /**
     * The partitions' states averaged: every array is the element-wise mean (in double, stored back in its own type)
     * over the partitions; an array equal on all of them is kept as it is, so counters stay exact and one
     * partition's state is its own. The schedule's state and the update counts are partition 0's.
     *
     * @param states one per partition, all from the same request
     * @return the averaged state
     * @throws GanException when the partitions disagree on the step, the cursor or the set of arrays
     */
    static RoundState average(List<RoundState> states) {
        RoundState first = states.get(0);
        for (RoundState s : states) {
            if (s.step != first.step || s.cursor != first.cursor || !s.arrays.keySet().equals(first.arrays.keySet())) {
                throw new GanException("distributed: partitions ended a round in different places (step " + s.step
                        + " vs " + first.step + ", cursor " + s.cursor + " vs " + first.cursor + ")");
            }
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        first.arrays.forEach((key, npy) -> {
            boolean same = key.startsWith("s/") || states.stream().allMatch(s -> Arrays.equals(s.arrays.get(key), npy));
            out.put(key, same ? npy : mean(states, key));
        });
        return new RoundState(first.step, first.cursor, out, first.iterations);
    }

    /**
     * The element-wise mean of one array over the partitions, straight on the {@code .npy} bytes {@link Npy#write}
     * wrote (version 1, little-endian, C order; float, double or long): summed in double in partition order, the
     * result stored back in the array's type (a long truncated, as a cast does).
     *
     * @throws GanException when the partitions' arrays differ in type or shape
     */
    private static byte[] mean(List<RoundState> states, String key) {
        byte[] first = states.get(0).arrays.get(key);
        int start = first.length < 10 || first[6] != 1 ? Integer.MAX_VALUE
                : 10 + ((first[8] & 0xff) | (first[9] & 0xff) << 8);
        String header = new String(first, 0, Math.min(start, first.length), java.nio.charset.StandardCharsets.ISO_8859_1);
        char type = header.contains("'<f4'") ? 'f' : header.contains("'<f8'") ? 'd' : header.contains("'<i8'") ? 'l' : '?';
        if (type == '?' || start > first.length) {
            throw new GanException("distributed: " + key + " is not an array a partition sends");
        }
        java.nio.ByteBuffer[] in = new java.nio.ByteBuffer[states.size()];
        for (int i = 0; i < in.length; i++) {
            byte[] b = states.get(i).arrays.get(key);
            if (b.length != first.length || !Arrays.equals(b, 0, start, first, 0, start)) {
                throw new GanException("distributed: partitions sent " + key + " in different types or shapes");
            }
            in[i] = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        byte[] out = Arrays.copyOf(first, first.length);
        java.nio.ByteBuffer o = java.nio.ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int item = type == 'f' ? 4 : 8;
        for (int at = start; at + item <= first.length; at += item) {
            double sum = 0;
            for (java.nio.ByteBuffer b : in) {
                sum += type == 'f' ? b.getFloat(at) : type == 'd' ? b.getDouble(at) : b.getLong(at);
            }
            double m = sum / in.length;
            switch (type) {
                case 'f' -> o.putFloat(at, (float) m);
                case 'd' -> o.putDouble(at, m);
                default -> o.putLong(at, (long) m);
            }
        }
        return out;
    }

    /** About the bytes {@link #write} writes. */
    int size() {
        long n = 1024;
        for (Map.Entry<String, byte[]> e : arrays.entrySet()) {
            n += e.getValue().length + e.getKey().length() + 8;
        }
        return (int) Math.min(Integer.MAX_VALUE - 16, n);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeLong(step);
        out.writeLong(cursor);
        out.writeInt(arrays.size());
        for (Map.Entry<String, byte[]> e : arrays.entrySet()) {
            out.writeUTF(e.getKey());
            Wire.bytes(out, e.getValue());
        }
        out.writeInt(iterations.size());
        for (Map.Entry<String, Long> e : iterations.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
    }

    static RoundState read(DataInputStream in) throws IOException {
        long step = in.readLong();
        long cursor = in.readLong();
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            arrays.put(in.readUTF(), Wire.bytes(in));
        }
        Map<String, Long> its = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            its.put(in.readUTF(), in.readLong());
        }
        return new RoundState(step, cursor, arrays, its);
    }
}
