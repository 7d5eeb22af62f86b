package org.gan4j.cyclegan;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.gan4j.nn.Stack;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shrivastava et al. (2017)'s history of generated images, as CycleGAN uses it: the discriminator sees a mix of the
 * newest fakes and older ones, which damps oscillation. Until the pool is full every fake enters it and passes
 * through; after that each fake, with probability ½, replaces a random stored image and the stored one goes to D
 * instead. The stored images and their count are checkpoint state.
 */
public final class ImagePool {
    private final int capacity;
    private final String name;
    private INDArray images;
    private final INDArray count = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1);
    private final Stack out = new Stack();

    /**
     * Creates an empty pool.
     *
     * @param capacity images kept; 0 = no pool (every query returns its input)
     * @param name the prefix of its checkpoint state
     */
    public ImagePool(int capacity, String name) {
        this.capacity = capacity;
        this.name = name;
    }

    /**
     * The images D should see for a batch of new fakes; updates the pool.
     *
     * @param fakes {@code [n, C, H, W]}
     * @param random the draw for this query
     * @return {@code [n, C, H, W]}, a buffer valid until the next query
     */
    public INDArray query(INDArray fakes, RandomGenerator random) {
        if (capacity == 0) {
            return fakes;
        }
        if (images == null) {
            long[] shape = fakes.shape().clone();
            shape[0] = capacity;
            images = Nd4j.zeros(fakes.dataType(), shape);
        }
        INDArray result = out.copy("out", fakes);
        for (long i = 0; i < fakes.size(0); i++) {
            int stored = (int) count.getDouble(0);
            INDArray img = Stack.slice(fakes, 0, i, i + 1);
            if (stored < capacity) {
                Stack.slice(images, 0, stored, stored + 1).assign(img);
                count.putScalar(0, stored + 1);
            } else if (random.nextDouble() > 0.5) {
                int j = random.nextInt(capacity);
                INDArray slot = Stack.slice(images, 0, j, j + 1);
                Stack.slice(result, 0, i, i + 1).assign(slot);
                slot.assign(img);
            }
        }
        return result;
    }

    /**
     * Number of images stored.
     *
     * @return at most the capacity
     */
    public int size() {
        return (int) count.getDouble(0);
    }

    /**
     * Adds this pool's state to a checkpoint map.
     *
     * @param state the map to fill
     */
    void save(Map<String, INDArray> state) {
        if (images != null) {
            state.put(name + ".images", images);
            state.put(name + ".count", count);
        }
    }

    /**
     * Restores what {@link #save} wrote.
     *
     * @param state the saved arrays
     */
    void restore(Map<String, INDArray> state) {
        INDArray saved = state.get(name + ".images");
        if (saved != null) {
            images = saved.dup();
            count.assign(state.get(name + ".count"));
        }
    }
}
