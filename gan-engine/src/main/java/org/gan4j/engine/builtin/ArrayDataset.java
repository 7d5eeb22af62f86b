package org.gan4j.engine.builtin;

import java.util.Arrays;
import org.gan4j.api.data.Batch;
import org.gan4j.api.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** A dataset held in one JVM float array (already scaled), with optional labels. */
public final class ArrayDataset implements Dataset {
    private final String name;
    private final float[] values;
    private final int[] labels;
    private final long[] sampleShape;
    private final int sampleSize;
    private final int numClasses;
    private final java.nio.file.Path cacheDirectory;

    /**
     * Wraps arrays.
     *
     * @param name for logs
     * @param values all samples back to back, scaled
     * @param labels a label per sample, or null
     * @param numClasses the label count, 0 when unlabelled
     * @param sampleShape one sample's shape
     */
    public ArrayDataset(String name, float[] values, int[] labels, int numClasses, long... sampleShape) {
        this(name, null, values, labels, numClasses, sampleShape);
    }

    /**
     * Wraps arrays read from a directory.
     *
     * @param name for logs
     * @param cacheDirectory what {@link #cacheDirectory()} returns, or null
     * @param values all samples back to back, scaled
     * @param labels a label per sample, or null
     * @param numClasses the label count, 0 when unlabelled
     * @param sampleShape one sample's shape
     */
    public ArrayDataset(String name, java.nio.file.Path cacheDirectory, float[] values, int[] labels, int numClasses,
            long... sampleShape) {
        this.name = name;
        this.cacheDirectory = cacheDirectory;
        this.values = values;
        this.labels = labels;
        this.numClasses = numClasses;
        this.sampleShape = sampleShape.clone();
        this.sampleSize = (int) Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
    }

    @Override
    public long[] sampleShape() {
        return sampleShape.clone();
    }

    @Override
    public int size() {
        return values.length / sampleSize;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public Batch batch(int[] indices) {
        float[] x = new float[indices.length * sampleSize];
        float[] y = labels == null ? null : new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * sampleSize, x, i * sampleSize, sampleSize);
            if (y != null) {
                y[i] = labels[indices[i]];
            }
        }
        long[] shape = org.gan4j.api.nn.Shapes.withBatch(indices.length, sampleShape);
        return new Batch(Nd4j.create(x, shape, DataType.FLOAT), y == null ? null : Nd4j.create(y, new long[] {indices.length}, DataType.FLOAT));
    }

    @Override
    public java.nio.file.Path cacheDirectory() {
        return cacheDirectory;
    }

    @Override
    public String describe() {
        return name + ": " + size() + " × " + Arrays.toString(sampleShape)
                + (numClasses > 0 ? ", " + numClasses + " classes" : "");
    }
}
