package org.gan4j.engine.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.gan4j.api.data.Batch;
import org.gan4j.api.nn.Network;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.api.train.Optimizer;
import org.gan4j.api.train.StepContext;
import org.gan4j.api.train.StepRunner;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link StepContext} for testing a schedule in isolation: given networks, a loss and a batch supplier, it runs
 * iterations and records, for every optimizer step, a copy of the gradients the schedule left for that network.
 * Optimizers apply plain SGD with the harness's learning rate; with rate 0 (the default) parameters never change, so a
 * test can compare the recorded gradients with finite differences of the objective.
 *
 * <pre>{@code
 * StepHarness h = new StepHarness(loss, () -> batch, 4).network("G", g).network("D", d);
 * h.run(schedule.create(config), 1);
 * INDArray gradOfG = h.gradients("G").get(0);
 * }</pre>
 */
public final class StepHarness implements StepContext {
    private final AdversarialLoss loss;
    private final Supplier<Batch> batches;
    private final int batchSize;
    private final Map<String, Network> networks = new LinkedHashMap<>();
    private final Map<String, List<INDArray>> gradients = new HashMap<>();
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private double learningRate;
    private int numClasses;
    private long step;
    private int batchesDrawn;

    /**
     * Creates a harness.
     *
     * @param loss the adversarial loss the schedule gets
     * @param batches supplies each real batch the schedule asks for
     * @param batchSize what {@link #batchSize()} reports
     */
    public StepHarness(AdversarialLoss loss, Supplier<Batch> batches, int batchSize) {
        this.loss = loss;
        this.batches = batches;
        this.batchSize = batchSize;
    }

    /**
     * Adds a network under a name.
     *
     * @param name the config name the schedule asks for
     * @param network the network
     * @return this harness
     */
    public StepHarness network(String name, Network network) {
        networks.put(name, network);
        return this;
    }

    /**
     * Sets what {@link #numClasses()} reports (0 by default).
     *
     * @param classes the label count
     * @return this harness
     */
    public StepHarness numClasses(int classes) {
        this.numClasses = classes;
        return this;
    }

    /**
     * Sets the SGD learning rate of every optimizer (0 by default: parameters stay fixed).
     *
     * @param rate the learning rate
     * @return this harness
     */
    public StepHarness learningRate(double rate) {
        this.learningRate = rate;
        return this;
    }

    /**
     * Runs iterations.
     *
     * @param runner the schedule's runner
     * @param iterations how many
     * @return this harness
     */
    public StepHarness run(StepRunner runner, int iterations) {
        for (int i = 0; i < iterations; i++) {
            runner.step(this);
            step++;
        }
        return this;
    }

    /**
     * The gradients of a network at each of its optimizer steps so far, oldest first.
     *
     * @param name the network's name
     * @return copies, empty if its optimizer never stepped
     */
    public List<INDArray> gradients(String name) {
        return gradients.getOrDefault(name, List.of());
    }

    /**
     * The metrics recorded in the last iteration.
     *
     * @return metric values by name
     */
    public Map<String, Double> metrics() {
        return metrics;
    }

    /**
     * Number of real batches the schedule has drawn.
     *
     * @return the count
     */
    public int batchesDrawn() {
        return batchesDrawn;
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public Network network(String name) {
        Network n = networks.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no network '" + name + "' in the harness; it has " + networks.keySet());
        }
        return n;
    }

    @Override
    public Optimizer optimizer(String name) {
        Network n = network(name);
        return new Optimizer() {
            @Override
            public void step() {
                gradients.computeIfAbsent(name, k -> new ArrayList<>()).add(n.gradients().dup());
                if (learningRate != 0) {
                    n.params().subi(n.gradients().mul(learningRate));
                }
            }

            @Override
            public void step(java.util.function.Consumer<INDArray> constraint) {
                step();
                constraint.accept(n.params());
            }

            @Override
            public long iterations() {
                return gradients(name).size();
            }
        };
    }

    @Override
    public AdversarialLoss loss() {
        return loss;
    }

    @Override
    public Batch nextBatch() {
        batchesDrawn++;
        return batches.get();
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
        RandomGenerator r = random("noise/" + stream);
        // in the networks' precision, so double-precision gradient checks stay double
        INDArray z = Nd4j.create(networks.isEmpty() ? org.nd4j.linalg.api.buffer.DataType.FLOAT
                : networks.values().iterator().next().params().dataType(), shape);
        for (long i = 0; i < z.length(); i++) {
            z.putScalar(i, r.nextGaussian());
        }
        return z;
    }

    @Override
    public RandomGenerator random(String stream) {
        return new SplittableRandom(31 * step + stream.hashCode());
    }

    @Override
    public void record(String name, double value) {
        metrics.put(name, value);
    }
}
