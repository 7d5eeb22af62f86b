package org.gan4j.engine.config;

import java.util.Map;
import org.gan4j.api.Param;

/**
 * A whole experiment, as written in YAML. Every run saves its effective config (defaults filled in) so that config
 * and seed reproduce it.
 *
 * @param name the run's name; the default run directory is {@code runs/<name>-<timestamp>}
 * @param seed the seed of weights, noise and shuffling
 * @param device {@code auto}, {@code cpu}, {@code cuda} or {@code cuda:N}
 * @param compute {@code auto}, {@code host} or {@code native}: the implementation of gan-nn's kernels and of the
 *     optimizer updates ({@code auto}: host on a CPU, native on CUDA)
 * @param data the dataset block
 * @param networks the named networks, each a generator or discriminator block
 * @param loss the adversarial loss block
 * @param schedule the training schedule block
 * @param optimizers an optimizer block per network name; networks without one get Adam defaults
 * @param training steps and batch size
 * @param checkpoints checkpoint frequency
 * @param samples sample-grid frequency
 * @param metrics metrics frequency
 * @param evaluation built-in evaluation during training
 * @param distributed cluster training (parameter averaging), used by {@code gan train --spark}
 */
public record ExperimentConfig(
        @Param(value = "experiment", doc = "run name; default run directory runs/<name>-<timestamp>") String name,
        @Param(value = "0", doc = "seed for weights, noise and shuffling") long seed,
        @Param(value = "auto", doc = "auto | cpu | cuda | cuda:N (N: the GPU's index)") String device,
        @Param(value = "auto", doc = "auto | host | native: gan-nn's kernels and optimizer updates as Java loops over "
                + "host copies or as ND4J ops; auto = host on a CPU, native on CUDA") String compute,
        @Kind("data") @Param(doc = "dataset {type: mnist | fashion-mnist | ring | grid | …, …}") ComponentConfig data,
        @Kind("generator|discriminator") @Param(doc = "named networks, e.g. {G: {type: mlp-generator}, D: {type: mlp-discriminator}}")
        Map<String, ComponentConfig> networks,
        @Kind("loss") @Param(value = "{type: non-saturating}", doc = "adversarial loss {type: minimax | non-saturating | …}")
        ComponentConfig loss,
        @Kind("schedule") @Param(value = "{type: alternating}", doc = "training schedule {type: alternating, d_steps: 1}")
        ComponentConfig schedule,
        @Kind("optimizer") @Param(value = "{}", doc = "optimizer per network name {type: adam | sgd | rmsprop, …}; default adam")
        Map<String, ComponentConfig> optimizers,
        TrainingConfig training,
        CheckpointConfig checkpoints,
        SampleConfig samples,
        MetricsConfig metrics,
        EvaluationConfig evaluation,
        DistributedConfig distributed) {

    /** Validates cross-field rules that need no registry. */
    public ExperimentConfig {
        // the name becomes a directory under runs/: it must not be able to climb out of it
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}") || name.contains("..")) {
            throw new org.gan4j.api.ConfigException("name: a run name is 1–100 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit, without '..' (it names the run directory), got '" + name + "'");
        }
        if (!device.matches("auto|cpu|cuda|cuda:[0-9]{1,2}")) {
            throw new org.gan4j.api.ConfigException("device: expected auto, cpu, cuda or cuda:N, got '" + device + "'");
        }
        if (!compute.matches("auto|host|native")) {
            throw new org.gan4j.api.ConfigException("compute: expected auto, host or native, got '" + compute + "'");
        }
        if (networks.isEmpty()) {
            throw new org.gan4j.api.ConfigException("networks: at least one network is needed");
        }
        for (String n : optimizers.keySet()) {
            if (!networks.containsKey(n)) {
                throw new org.gan4j.api.ConfigException("optimizers." + n + ": no network named '" + n
                        + "'; networks: " + String.join(", ", networks.keySet()));
            }
        }
        networks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(networks));
        // every network gets an explicit optimizer so the saved config states what really ran
        java.util.Map<String, ComponentConfig> opts = new java.util.LinkedHashMap<>();
        for (String n : networks.keySet()) {
            ComponentConfig o = optimizers.get(n);
            opts.put(n, o != null ? o : new ComponentConfig("adam",
                    ConfigBinder.bind(null, org.gan4j.engine.optim.Adam.Settings.class, "optimizers." + n)));
        }
        optimizers = java.util.Collections.unmodifiableMap(opts);
    }

    /**
     * This experiment with other training settings.
     *
     * @param t the training settings
     * @return the new config
     */
    public ExperimentConfig withTraining(TrainingConfig t) {
        return new ExperimentConfig(name, seed, device, compute, data, networks, loss, schedule, optimizers, t, checkpoints,
                samples, metrics, evaluation, distributed);
    }

    /**
     * This experiment with {@code compute} resolved (the saved config states what ran).
     *
     * @param mode {@code host} or {@code native}
     * @return the new config
     */
    public ExperimentConfig withCompute(String mode) {
        return new ExperimentConfig(name, seed, device, mode, data, networks, loss, schedule, optimizers, training,
                checkpoints, samples, metrics, evaluation, distributed);
    }

    /**
     * This experiment with other cluster settings (the partition count a distributed run resolved).
     *
     * @param d the settings
     * @return the new config
     */
    public ExperimentConfig withDistributed(DistributedConfig d) {
        return new ExperimentConfig(name, seed, device, compute, data, networks, loss, schedule, optimizers, training,
                checkpoints, samples, metrics, evaluation, d);
    }

    /**
     * This experiment with another seed: a partition of a distributed run draws its own noise and shuffles its own
     * shard (partition 0 keeps the run's seed, so one partition trains as the run would alone).
     *
     * @param s the seed
     * @return the new config
     */
    public ExperimentConfig withSeed(long s) {
        return new ExperimentConfig(name, s, device, compute, data, networks, loss, schedule, optimizers, training,
                checkpoints, samples, metrics, evaluation, distributed);
    }
}
