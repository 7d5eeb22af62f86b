package org.gan4j.engine.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.gan4j.api.ConfigException;
import org.gan4j.api.data.Batch;
import org.gan4j.api.nn.Network;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.api.train.Optimizer;
import org.gan4j.api.train.StepContext;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The engine's {@link StepContext}: one instance per run, advanced step by step. */
final class Context implements StepContext {
    private final Map<String, Network> networks;
    private final Map<String, ? extends Optimizer> optimizers;
    private final AdversarialLoss loss;
    private final BatchStream batches;
    private final int batchSize;
    private final int numClasses;
    private final long seed;
    private long step;
    private final Map<String, Double> recorded = new LinkedHashMap<>();

    Context(Map<String, Network> networks, Map<String, ? extends Optimizer> optimizers, AdversarialLoss loss,
            BatchStream batches, int batchSize, int numClasses, long seed) {
        this.numClasses = numClasses;
        this.networks = networks;
        this.optimizers = optimizers;
        this.loss = loss;
        this.batches = batches;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    void begin(long step) {
        this.step = step;
        recorded.clear();
    }

    Map<String, Double> recorded() {
        return recorded;
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public Network network(String name) {
        Network n = networks.get(name);
        if (n == null) {
            throw new ConfigException("the schedule needs a network named '" + name + "'; networks: "
                    + String.join(", ", networks.keySet()));
        }
        return n;
    }

    @Override
    public Optimizer optimizer(String name) {
        network(name);
        return optimizers.get(name);
    }

    @Override
    public AdversarialLoss loss() {
        return loss;
    }

    @Override
    public Batch nextBatch() {
        return batches.next();
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public INDArray noise(String stream, long... shape) {
        return Rng.normal(Rng.of(seed, step, stream), shape);
    }

    @Override
    public RandomGenerator random(String stream) {
        return Rng.of(seed, step, stream);
    }

    @Override
    public void record(String name, double value) {
        recorded.put(name, value);
    }
}
