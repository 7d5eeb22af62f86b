package org.gan4j.engine.optim;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One optimizer type ({@code optimizers.X.type}): its name, its settings record (bound from YAML), how much state it
 * keeps, the step's scalars, the host loop and the same update in ND4J ops. Everything about one optimizer lives in
 * its subclass; a new optimizer is a subclass and one entry in {@link #ALL}, and the config loader, {@code gan
 * plugins}, both compute modes and checkpoints pick it up.
 *
 * @param <S> the settings record
 */
public abstract class UpdateRule<S extends Record> {
    private static final List<UpdateRule<?>> ALL = List.of(new Adam(), new Sgd(), new RmsProp());

    private final String name;
    private final Class<S> settingsType;

    UpdateRule(String name, Class<S> settingsType) {
        this.name = name;
        this.settingsType = settingsType;
    }

    /**
     * The optimizer types by name, with their settings records.
     *
     * @return a sorted map
     */
    public static Map<String, Class<? extends Record>> settingsTypes() {
        Map<String, Class<? extends Record>> m = new TreeMap<>();
        ALL.forEach(r -> m.put(r.name, r.settingsType));
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The rule whose settings these are.
     *
     * @param settings a bound settings record
     * @return the rule
     * @throws IllegalArgumentException for a record of no known optimizer
     */
    @SuppressWarnings("unchecked")
    static UpdateRule<Record> of(Record settings) {
        for (UpdateRule<?> r : ALL) {
            if (r.settingsType.isInstance(settings)) {
                return (UpdateRule<Record>) r;
            }
        }
        throw new IllegalArgumentException("unknown optimizer settings " + settings);
    }

    /**
     * How many state vectors as long as the parameters the rule keeps (0, 1 or 2).
     *
     * @param s the settings
     * @return the count
     */
    abstract int stateSlots(S s);

    /**
     * This step's scalars, in float as both modes use them.
     *
     * @param s the settings
     * @param iterations the update count including this one
     * @param lrScale the learning-rate schedule's factor
     * @return the coefficients
     */
    abstract Coefficients coefficients(S s, long iterations, double lrScale);

    /**
     * The host loop over one chunk, for this step's coefficients.
     *
     * @param r the coefficients
     * @param first the first state vector's chunks, or null
     * @param second the second's, or null
     * @return the loop
     */
    abstract HostLoop host(Coefficients r, float[][] first, float[][] second);

    /**
     * The same update in ND4J ops on one slice, composed in the host loop's order of float operations, so both
     * modes agree to rounding.
     *
     * @param r the coefficients
     * @param p the parameters' slice
     * @param g the (reduced) gradient's slice
     * @param first the first state slice, or null
     * @param second the second's, or null
     * @param a scratch as long as the slice
     * @param b scratch as long as the slice
     */
    abstract void nativeUpdate(Coefficients r, INDArray p, INDArray g, INDArray first, INDArray second, INDArray a,
                               INDArray b);

    /** One update over a chunk: parameters, gradients and the state of chunk {@code c}, all from index 0. */
    interface HostLoop {
        void apply(float[] p, float[] g, int c, int len);
    }

    static INDArray sqrt(INDArray x, INDArray out) {
        org.nd4j.linalg.factory.Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt(x, out));
        return out;
    }
}
