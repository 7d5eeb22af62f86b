package org.gan4j.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An optimizer type, {@code optimizers.X.type} in YAML: how much state it keeps beside a network's parameters and one
 * update, written twice — as a loop over host arrays ({@code compute: host}) and in ND4J ops ({@code compute:
 * native}, CUDA) — composed in the same order of float operations so both modes agree to rounding. The engine owns
 * the rest: the state's memory, cutting the parameter vector into chunks and worker slices, reducing the workers'
 * gradients, learning-rate schedules and checkpoints, so a new optimizer is one class.
 *
 * <pre>{@code
 * public final class Lion extends Provider<Lion.Settings> implements UpdateRule<Lion.Settings> {
 *     public Lion() { super("lion", Settings.class, GanApi.VERSION, "Lion (Chen et al. 2023)"); }
 *     public int stateSlots(Settings s) { return 1; }
 *     public Step step(Settings s, long t, double lrScale) { … }
 * }
 * }</pre>
 *
 * @param <C> the settings record
 * @since API 1.4
 */
public interface UpdateRule<C extends Record> extends Component<C> {

    /**
     * How many state vectors as long as the parameters the rule keeps.
     *
     * @param settings the bound settings
     * @return 0, 1 or 2
     */
    int stateSlots(C settings);

    /**
     * One update's arithmetic, its scalars (bias corrections, the scaled learning rate) worked out once.
     *
     * @param settings the bound settings
     * @param iteration the update count including this one (1 for the first update)
     * @param lrScale the factor of a learning-rate schedule, 1 for the configured rate
     * @return the step, applied to every chunk of the parameter vector
     */
    Step step(C settings, long iteration, double lrScale);

    /** One update over a slice of the parameters, their gradient and the state. */
    interface Step {
        /**
         * The update on host arrays, in place: every array starts at the slice's first element.
         *
         * @param p the parameters, updated
         * @param g the gradient (already reduced over workers)
         * @param s1 the first state vector's slice, updated; null when {@link #stateSlots} is 0
         * @param s2 the second's; null when fewer than 2
         * @param len how many elements of the arrays belong to the slice
         */
        void host(float[] p, float[] g, float[] s1, float[] s2, int len);

        /**
         * The same update in ND4J ops on views of one slice; compose them in {@link #host}'s order of operations.
         *
         * @param p the parameters, updated
         * @param g the gradient
         * @param s1 the first state slice, or null
         * @param s2 the second, or null
         * @param a scratch as long as the slice
         * @param b scratch as long as the slice
         */
        void nd4j(INDArray p, INDArray g, INDArray s1, INDArray s2, INDArray a, INDArray b);
    }
}
