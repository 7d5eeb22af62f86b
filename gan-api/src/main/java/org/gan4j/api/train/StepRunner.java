package org.gan4j.api.train;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Performs training iterations for one run; created by a {@link org.gan4j.api.TrainingSchedule}. */
public interface StepRunner {

    /**
     * The network names this runner uses; the config's {@code networks} must define each.
     *
     * @return names such as {@code [G, D]}
     */
    List<String> networks();

    /**
     * The networks of {@link #networks()} that must be generators; the others must be discriminators. The engine
     * checks each network's provider against its role before training, so a discriminator named where a generator
     * belongs fails with a message that says so. Empty (the default) means no check.
     *
     * @return generator network names
     * @since API 1.2
     */
    default java.util.Set<String> generators() {
        return java.util.Set.of();
    }

    /**
     * Tells whether this runner conditions its networks on class labels. The engine then builds every network with
     * {@link org.gan4j.api.nn.NetworkContext#conditional()} set, needs labelled data, and samples the generator with
     * {@link Labels#generatorInput} (class grids, {@code gan generate --label}).
     *
     * @return false by default
     */
    default boolean conditional() {
        return false;
    }

    /**
     * Declares that this runner's networks translate images (pix2pix, CycleGAN), so that progress pictures and
     * evaluation show and score translations; null (the default) means samples from noise.
     *
     * @return the translation, or null
     * @since API 1.3
     */
    default Translation translation() {
        return null;
    }

    /**
     * Figures of the runner's own that belong in every evaluation of its run, beside the engine's (sample quality,
     * mode coverage, translation error): they appear as {@code eval_<name>} in {@code metrics.jsonl}, in the
     * evaluation's JSON and on its progress line. A name the engine's evaluation already reports is an error.
     *
     * @param probe the networks as they are now, data and noise
     * @return figures by name, empty (the default) for none
     * @since API 1.3
     */
    default Map<String, Double> evaluate(EvaluationProbe probe) {
        return Map.of();
    }

    /**
     * Performs one training iteration.
     *
     * @param context the engine's primitives for this iteration
     */
    void step(StepContext context);

    /**
     * State beyond networks and optimizers that must survive a checkpoint (image pools, counters). Values are
     * live arrays the engine saves; {@link #restore} receives copies.
     *
     * @return named arrays, empty by default
     */
    default Map<String, INDArray> state() {
        return Map.of();
    }

    /**
     * Restores what {@link #state()} returned when the checkpoint was written.
     *
     * @param state the saved arrays by name
     */
    default void restore(Map<String, INDArray> state) {
    }
}
