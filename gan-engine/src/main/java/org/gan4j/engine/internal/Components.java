package org.gan4j.engine.internal;

import org.gan4j.api.ConfigException;
import org.gan4j.api.Discriminator;
import org.gan4j.api.GanException;
import org.gan4j.api.Generator;
import org.gan4j.api.Loss;
import org.gan4j.api.TrainingSchedule;
import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;
import org.gan4j.api.registry.ProviderInfo;
import org.gan4j.api.registry.Registry;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.api.train.StepRunner;
import org.gan4j.engine.config.ComponentConfig;
import org.gan4j.engine.config.ExperimentConfig;

/**
 * A run's parts made by their providers: the schedule's runner, the loss, each network. A provider's failure, a null
 * or a network in the wrong role is named as the plugin's or the config's, never an internal error.
 */
final class Components {
    private Components() {
    }

    /** The schedule's runner (one per worker). */
    static StepRunner runner(ExperimentConfig config, Registry registry) {
        return (StepRunner) create("schedule", config.schedule().type(), () -> ((TrainingSchedule<?>) registry.require(
                TrainingSchedule.class, config.schedule().type())).create(cast(config.schedule().settings())));
    }

    /**
     * Every configured network, built with its seed and checked against the schedule: its role, and that each
     * network the schedule needs exists.
     */
    static java.util.LinkedHashMap<String, Network> networks(ExperimentConfig config, Registry registry,
            StepRunner runner, long[] sampleShape, int numClasses) {
        if (runner.conditional() && numClasses < 1) {
            throw new org.gan4j.api.ConfigException("schedule: '" + config.schedule().type()
                    + "' conditions on labels, but data '" + config.data().type()
                    + "' has none; use a labelled dataset such as mnist or fashion-mnist");
        }
        java.util.LinkedHashMap<String, Network> networks = new java.util.LinkedHashMap<>();
        config.networks().forEach((name, nc) ->
                networks.put(name, network(name, nc, config, registry, runner, sampleShape, numClasses)));
        for (String needed : runner.networks()) {
            if (!networks.containsKey(needed)) {
                throw new org.gan4j.api.ConfigException("schedule: '" + config.schedule().type()
                        + "' needs a network named '" + needed + "'; networks: " + String.join(", ", networks.keySet()));
            }
        }
        return networks;
    }

    /** The adversarial loss (one per worker). */
    static AdversarialLoss loss(ExperimentConfig config, Registry registry) {
        return (AdversarialLoss) create("loss", config.loss().type(), () -> ((Loss<?>) registry.require(Loss.class,
                config.loss().type())).create(cast(config.loss().settings())));
    }

    /**
     * Builds one configured network with its seed, checking its role against the schedule's first.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Network network(String name, ComponentConfig nc, ExperimentConfig config, Registry registry, StepRunner runner,
                           long[] sampleShape, int numClasses) {
        long netSeed = Rng.mix(config.seed() ^ Rng.mix(name.hashCode()));
        if (nc.pack() > 1 && runner.conditional()) {
            throw new ConfigException("networks." + name + ".pack: packing is not supported with conditional schedule '"
                    + config.schedule().type() + "' (the labels would be packed too)");
        }
        // a packing discriminator is built for m samples side by side and sees the schedule's batches through Packed
        NetworkContext ctx = new NetworkContext(name, Packed.shape(sampleShape, nc.pack()), numClasses, netSeed,
                runner.conditional(), registry::all);
        ProviderInfo gen = registry.find(Generator.class, nc.type());
        checkRole(name, nc.type(), gen != null, runner, config);
        Network net;
        try {
            net = gen != null ? ((Generator) gen.provider()).build(nc.settings(), ctx)
                    : ((Discriminator) registry.require(Discriminator.class, nc.type())).build(nc.settings(), ctx);
        } catch (GanException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            throw new ConfigException("networks." + name + ": " + nc.type() + " could not be built: " + ex.getMessage(), ex);
        }
        if (net == null) {
            throw new ConfigException("networks." + name + ": " + nc.type() + " built no network (a bug in its plugin)");
        }
        return nc.pack() > 1 ? new Packed(net, nc.pack(), sampleShape) : net;
    }

    /** A discriminator where the schedule wants a generator, or the other way round, fails before anything is built. */
    private static void checkRole(String name, String type, boolean isGenerator, StepRunner runner,
                                  ExperimentConfig config) {
        java.util.Set<String> generators = runner.generators();
        if (generators.isEmpty() || !runner.networks().contains(name)) {
            return;
        }
        boolean wanted = generators.contains(name);
        if (wanted != isGenerator) {
            throw new ConfigException("networks." + name + ": '" + type + "' is a " + (isGenerator ? "generator" : "discriminator")
                    + ", but schedule '" + config.schedule().type() + "' uses " + name + " as a "
                    + (wanted ? "generator" : "discriminator"));
        }
    }

    /** A provider's create(), whose failure or null is named as the plugin's, not an internal error. */
    static Object create(String key, String type, java.util.function.Supplier<Object> create) {
        Object made;
        try {
            made = create.get();
        } catch (GanException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigException(key + ": '" + type + "' failed to start: " + e, e);
        }
        if (made == null) {
            throw new ConfigException(key + ": '" + type + "' created nothing (a bug in its plugin)");
        }
        return made;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object settings) {
        return (T) settings;
    }
}
