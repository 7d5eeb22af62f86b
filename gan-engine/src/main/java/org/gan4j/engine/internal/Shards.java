package org.gan4j.engine.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.api.GanException;
import org.gan4j.api.data.Batch;
import org.gan4j.api.data.Dataset;
import org.gan4j.api.registry.Registry;
import org.gan4j.engine.config.ExperimentConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A distributed run's data, cut into one shard per partition: partition p of P holds samples p, p + P, p + 2P, …,
 * so one partition holds the whole set in its order and trains as the run would alone. A shipped shard carries its
 * samples (what {@link Dataset#batch(int[])} returns for them); an opened one carries only its place, and the
 * executor opens the data source and keeps its samples.
 */
final class Shards {
    private static final String KIND = "gan4j-shard";

    private Shards() {
    }

    /** Whether the data draws random augmentation, which only its own source can apply to a batch. */
    static boolean augments(Dataset d) {
        try {
            return d.getClass().getMethod("batch", int[].class, java.util.random.RandomGenerator.class)
                    .getDeclaringClass() != Dataset.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** Partition {@code p}'s shard of {@code data}; with {@code ship} false only its place. */
    static byte[] cut(Dataset data, int p, int partitions, boolean ship) {
        return Wire.write(KIND, out -> {
            out.writeInt(p);
            out.writeInt(partitions);
            out.writeBoolean(ship);
            if (ship) {
                Batch b = data.batch(indices(data.size(), p, partitions));
                Map<String, INDArray> arrays = new LinkedHashMap<>();
                arrays.put("x", b.x());
                if (b.labels() != null) {
                    arrays.put("labels", b.labels());
                }
                out.writeInt(data.numClasses());
                out.writeUTF(data.describe());
                // .npy holds float, double and long: other types (int labels) travel as float and are cast back
                out.writeUTF(b.x().dataType().name());
                out.writeUTF(b.labels() == null ? "" : b.labels().dataType().name());
                Wire.arrays(out, arrays);
            }
        });
    }

    /** The data a partition trains on. */
    static Dataset open(byte[] shard, ExperimentConfig config, Registry registry) {
        try (DataInputStream in = Wire.read(KIND, shard)) {
            int p = in.readInt();
            int partitions = in.readInt();
            if (!in.readBoolean()) {
                Dataset all = Run.open(config, registry);
                return new View(all, indices(all.size(), p, partitions), p, partitions);
            }
            int numClasses = in.readInt();
            String described = in.readUTF();
            org.nd4j.linalg.api.buffer.DataType xType = org.nd4j.linalg.api.buffer.DataType.valueOf(in.readUTF());
            String labelType = in.readUTF();
            Map<String, INDArray> arrays = Wire.arrays(in);
            INDArray labels = arrays.get("labels");
            return new Shipped(arrays.get("x").castTo(xType), labels == null ? null
                    : labels.castTo(org.nd4j.linalg.api.buffer.DataType.valueOf(labelType)), numClasses,
                    described + ", shard " + (p + 1) + " of " + partitions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] indices(int size, int p, int partitions) {
        int n = (size - p + partitions - 1) / partitions;
        if (n <= 0) {
            throw new GanException("distributed: " + partitions + " partitions for " + size + " samples leave partition "
                    + p + " empty");
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = p + i * partitions;
        }
        return idx;
    }

    /** A shard's samples, as the driver read them. */
    private static final class Shipped implements Dataset {
        private final INDArray x;
        private final INDArray labels;
        private final int numClasses;
        private final String description;

        Shipped(INDArray x, INDArray labels, int numClasses, String description) {
            this.x = x;
            this.labels = labels;
            this.numClasses = numClasses;
            this.description = description;
        }

        @Override
        public long[] sampleShape() {
            return java.util.Arrays.copyOfRange(x.shape(), 1, x.rank());
        }

        @Override
        public int size() {
            return (int) x.size(0);
        }

        @Override
        public int numClasses() {
            return numClasses;
        }

        @Override
        public Batch batch(int[] indices) {
            return new Batch(rows(x, indices), labels == null ? null : rows(labels, indices));
        }

        private static INDArray rows(INDArray a, int[] indices) {
            long[] shape = a.shape().clone();
            shape[0] = indices.length;
            INDArray flat = a.reshape(a.size(0), a.length() / a.size(0));
            return Nd4j.pullRows(flat, 1, indices).reshape(shape);
        }

        @Override
        public String describe() {
            return description;
        }
    }

    /** A shard of data the executor opened itself. */
    private record View(Dataset all, int[] idx, int p, int partitions) implements Dataset {
        @Override
        public long[] sampleShape() {
            return all.sampleShape();
        }

        @Override
        public int size() {
            return idx.length;
        }

        @Override
        public int numClasses() {
            return all.numClasses();
        }

        @Override
        public Batch batch(int[] indices) {
            return all.batch(map(indices));
        }

        @Override
        public Batch batch(int[] indices, java.util.random.RandomGenerator random) {
            return all.batch(map(indices), random);
        }

        private int[] map(int[] indices) {
            int[] out = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                out[i] = idx[indices[i]];
            }
            return out;
        }

        @Override
        public String describe() {
            return all.describe() + ", shard " + (p + 1) + " of " + partitions;
        }
    }
}
