package org.gan4j.engine.optim;

import java.util.function.Consumer;
import org.gan4j.api.CheckpointException;
import org.gan4j.api.UpdateRule;
import org.gan4j.api.nn.HostData;
import org.gan4j.api.nn.Network;
import org.gan4j.api.registry.Registry;
import org.gan4j.api.train.Optimizer;
import org.gan4j.engine.config.ComponentConfig;
import org.gan4j.nn.Compute;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One network's optimizer over its flat parameter and gradient vectors, with its own flat state (Adam's moments, the
 * momentum buffer, RMSprop's mean square) that checkpoints save and restore as one vector. The update rules are
 * PyTorch's, so settings carry over from reference implementations.
 *
 * <p>Why Java loops over heap arrays: ND4J's Adam op took 15–17 ms for 1.5 M parameters (its native code allocates
 * temporaries); a loop over the direct buffers themselves is scalar (the JIT does not vectorise buffer accesses) and
 * took ≈ 8 ns a parameter, half of a 40 ms MLP iteration. Here the state lives in heap arrays of one chunk each,
 * parameters and gradients are copied in and out chunk by chunk (bulk copies), and the rule runs on arrays that all
 * start at the chunk, which the JIT vectorises (it does not when the state is indexed at another offset than the
 * scratch arrays): ≈ 2 ns a parameter, most of it the copies. The results are the scalar loop's, bit for bit: Java
 * evaluates float expressions in order, vector or not.
 *
 * <p>That is {@code compute: host}. Under {@code compute: native} (the mode of the thread that creates the optimizer)
 * the state is a pair of ND4J vectors and {@link NativeUpdates} applies the same rules with ND4J ops, so nothing is
 * copied through the host; checkpoints hold the same state vector in both modes.
 */
public final class NetworkOptimizer implements Optimizer {
    /** Parameters per chunk: a chunk's arrays stay in the core's L1/L2 cache. Slices for workers are cut at chunks. */
    public static final int CHUNK = 8192;

    private final Network network;
    private final Record settings;
    private final UpdateRule<Record> rule;
    private final int slots;
    private final float[][] first;
    private final float[][] second;
    private final int n;

    /** The class path's providers, found once: the classifier and tests build optimizers without a run. */
    private static final class Standard {
        static final Registry REGISTRY = Registry.standard();
    }
    private final NativeUpdates.State nativeState;
    private long iterations;
    private double lrScale = 1;
    /** Scratch for {@link #step()} on the run's own thread; workers bring their own (no garbage per step). */
    private final float[][] scratch = newScratch();

    /**
     * Creates the optimizer for a network, its type found among the class path's optimizers.
     *
     * @param network the network whose params it updates; parameters must be FLOAT, c-ordered, offset 0
     * @param config an {@code optimizers.X} block
     */
    public NetworkOptimizer(Network network, ComponentConfig config) {
        this(network, config, Standard.REGISTRY);
    }

    /**
     * Creates the optimizer for a network.
     *
     * @param network the network whose params it updates; parameters must be FLOAT, c-ordered, offset 0
     * @param config an {@code optimizers.X} block
     * @param registry the providers, where its {@code type} is an optimizer
     */
    public NetworkOptimizer(Network network, ComponentConfig config, Registry registry) {
        this(network, registry.require(UpdateRule.class, config.type()), config.settings());
    }

    /**
     * Creates the optimizer for a network.
     *
     * @param network the network whose params it updates; parameters must be FLOAT, c-ordered, offset 0
     * @param rule the optimizer type
     * @param settings its settings record
     * @throws IllegalArgumentException when the settings are not the rule's, or the parameters not one vector
     */
    @SuppressWarnings("unchecked")
    public NetworkOptimizer(Network network, UpdateRule<?> rule, Record settings) {
        this.network = network;
        this.settings = settings;
        if (!rule.configType().isInstance(settings)) {
            throw new IllegalArgumentException("optimizer '" + rule.name() + "' takes " + rule.configType().getSimpleName()
                    + ", not " + settings.getClass().getSimpleName());
        }
        this.rule = (UpdateRule<Record>) rule;
        INDArray p = network.params();
        if (p.dataType() != DataType.FLOAT || p.offset() != 0 || p.ordering() != 'c' || p.data().length() != p.length()) {
            throw new IllegalArgumentException("optimizers need a network whose params() is a whole FLOAT c-order vector");
        }
        n = Math.toIntExact(p.length());
        slots = this.rule.stateSlots(settings);
        if (slots < 0 || slots > 2) {
            throw new IllegalArgumentException("optimizer '" + rule.name() + "' asks for " + slots
                    + " state vectors; 0, 1 or 2 are possible");
        }
        int chunks = (n + CHUNK - 1) / CHUNK;
        boolean host = Compute.mode() == Compute.Mode.HOST;
        first = host && slots >= 1 ? new float[chunks][CHUNK] : null;
        second = host && slots >= 2 ? new float[chunks][CHUNK] : null;
        nativeState = host ? null : NativeUpdates.State.of(slots, n);
    }

    /**
     * The kernels this optimizer updates with.
     *
     * @return the mode of the thread that created it
     */
    public Compute.Mode mode() {
        return nativeState == null ? Compute.Mode.HOST : Compute.Mode.NATIVE;
    }

    /**
     * Scales the configured learning rate from the next step on (a learning-rate schedule's factor).
     *
     * @param scale the factor, 1 for the configured rate
     */
    public void setLearningRateScale(double scale) {
        this.lrScale = scale;
    }

    /**
     * The current learning-rate factor.
     *
     * @return the factor set last, 1 by default
     */
    public double learningRateScale() {
        return lrScale;
    }

    /**
     * Scratch arrays for {@link #update}: one set per thread that updates, kept by the caller.
     *
     * @return three chunk-sized arrays
     */
    public static float[][] newScratch() {
        return new float[3][CHUNK];
    }

    @Override
    public void step() {
        begin();
        update(0, n, new INDArray[] {network.gradients()}, null, scratch);
    }

    @Override
    public void step(Consumer<INDArray> constraint) {
        step();
        constraint.accept(network.params());
    }

    /** Counts one update; call it once before {@link #update} of the update's slices. */
    public void begin() {
        iterations++;
    }

    /**
     * Applies the update counted by {@link #begin} to the parameters {@code [from, to)}, with the gradient
     * {@code Σ weights[i] · gradients[i]} (in that order), or {@code gradients[0]} itself when {@code weights} is
     * null. Slices are independent, so workers may update disjoint slices at the same time; the result does not
     * depend on how the vector is cut.
     *
     * @param from the first index, a multiple of {@link #CHUNK}
     * @param to one past the last index: a multiple of {@link #CHUNK}, or the length
     * @param gradients gradient vectors as long as the parameters (FLOAT, whole buffers)
     * @param weights one weight per gradient vector, or null for {@code gradients[0]} unweighted
     * @param scratch the calling thread's {@link #newScratch()}
     */
    public void update(int from, int to, INDArray[] gradients, float[] weights, float[][] scratch) {
        if (from % CHUNK != 0 || (to % CHUNK != 0 && to != n)) {
            throw new IllegalArgumentException("slices start and end at chunks of " + CHUNK + ": " + from + ", " + to);
        }
        INDArray p = network.params();
        if (nativeState != null) {
            NativeUpdates.apply(p, gradients, weights, nativeState, from, to, thisStep());
            return;
        }
        float[] pc = scratch[0];
        float[] gc = scratch[1];
        float[] other = scratch[2];
        UpdateRule.Step step = thisStep();
        for (int at = from; at < to; at += CHUNK) {
            int len = Math.min(CHUNK, to - at);
            HostData.read(p, at, pc, 0, len);
            HostData.read(gradients[0], at, gc, 0, len);
            if (weights != null) {
                reduce(gradients, weights, at, len, gc, other);
            }
            int c = at / CHUNK;
            step.host(pc, gc, first == null ? null : first[c], second == null ? null : second[c], len);
            HostData.write(p, at, pc, 0, len);
        }
    }

    /** gc = w0·g0 + w1·g1 + …, worker by worker so the order of additions is fixed (g0 is already in gc). */
    private static void reduce(INDArray[] g, float[] weights, int at, int len, float[] gc, float[] other) {
        float w0 = weights[0];
        if (g.length == 1) {
            for (int k = 0; k < len; k++) {
                gc[k] = w0 * gc[k];
            }
            return;
        }
        HostData.read(g[1], at, other, 0, len);
        float w1 = weights[1];
        for (int k = 0; k < len; k++) {
            gc[k] = w0 * gc[k] + w1 * other[k];
        }
        for (int i = 2; i < g.length; i++) {
            HostData.read(g[i], at, other, 0, len);
            float wi = weights[i];
            for (int k = 0; k < len; k++) {
                gc[k] = gc[k] + wi * other[k];
            }
        }
    }

    /** This update's arithmetic, its scalars (bias corrections, the scaled learning rate) worked out. */
    private UpdateRule.Step thisStep() {
        return rule.step(settings, iterations, lrScale);
    }

    /**
     * The number of parameters this optimizer updates.
     *
     * @return the length of the network's parameter vector
     */
    public int size() {
        return n;
    }

    /**
     * The network this optimizer updates.
     *
     * @return the network
     */
    public Network network() {
        return network;
    }

    @Override
    public long iterations() {
        return iterations;
    }

    /**
     * A copy of the optimizer's state as one vector (Adam: first moments, then second moments), or null when
     * stateless; what checkpoints save.
     *
     * @return a new {@code [1, slots · n]} FLOAT array, or null
     */
    public INDArray state() {
        if (nativeState != null) {
            if (nativeState.first() == null) {
                return null;
            }
            INDArray all = nativeState.second() == null ? nativeState.first().dup()
                    : Nd4j.concat(0, nativeState.first(), nativeState.second());
            return all.reshape(1, all.length());
        }
        if (first == null) {
            return null;
        }
        float[] all = new float[(second == null ? 1 : 2) * n];
        flatten(first, all, 0);
        if (second != null) {
            flatten(second, all, n);
        }
        return Nd4j.create(all, new long[] {1, all.length}, DataType.FLOAT);
    }

    /**
     * Restores state saved by a checkpoint.
     *
     * @param saved the saved state vector (null when stateless)
     * @param savedIterations the saved update count
     * @throws CheckpointException when the saved state does not fit this optimizer
     */
    public void restore(INDArray saved, long savedIterations) {
        if (slots > 0) {
            long needed = (long) slots * n;
            if (saved == null || saved.length() != needed) {
                throw new CheckpointException("optimizer state has " + (saved == null ? 0 : saved.length())
                        + " values, this optimizer needs " + needed + " (was the optimizer type changed?)");
            }
            if (nativeState != null) {
                INDArray all = saved.castTo(DataType.FLOAT).reshape('c', new long[] {needed});
                nativeState.first().assign(all.get(NDArrayIndex.interval(0, n)));
                if (slots == 2) {
                    nativeState.second().assign(all.get(NDArrayIndex.interval(n, 2L * n)));
                }
            } else {
                float[] all = HostData.floats(saved);
                unflatten(all, 0, first);
                if (second != null) {
                    unflatten(all, n, second);
                }
            }
        }
        iterations = savedIterations;
    }

    private void flatten(float[][] chunks, float[] into, int offset) {
        for (int c = 0, at = 0; at < n; at += CHUNK, c++) {
            System.arraycopy(chunks[c], 0, into, offset + at, Math.min(CHUNK, n - at));
        }
    }

    private void unflatten(float[] from, int offset, float[][] chunks) {
        for (int c = 0, at = 0; at < n; at += CHUNK, c++) {
            System.arraycopy(from, offset + at, chunks[c], 0, Math.min(CHUNK, n - at));
        }
    }
}
