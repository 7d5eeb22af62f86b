package org.gan4j.engine.internal;

import org.gan4j.api.nn.Network;
import org.gan4j.api.train.Optimizer;
import org.gan4j.engine.config.ComponentConfig;
import org.gan4j.engine.config.OptimizerSettings;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * One network's optimizer: an ND4J updater over the network's flat gradient, with its own flat state vector (Adam's
 * moments, momentum, …) that checkpoints save and restore as is.
 */
public final class NetworkOptimizer implements Optimizer {
    private final Network network;
    private final GradientUpdater<?> updater;
    private final INDArray state;
    private long iterations;

    /**
     * Creates the optimizer for a network.
     *
     * @param network the network whose params it updates
     * @param config an {@code optimizers.X} block
     */
    public NetworkOptimizer(Network network, ComponentConfig config) {
        this.network = network;
        IUpdater conf = updater(config);
        long size = conf.stateSize(network.numParams());
        state = size == 0 ? null : Nd4j.zeros(network.params().dataType(), 1, size);
        updater = conf.instantiate(state, true);
        if (state != null) {
            // instantiate may copy; keep the view the updater really uses
            updater.setStateViewArray(state, network.params().shape(), 'c', false);
        }
    }

    private static IUpdater updater(ComponentConfig config) {
        Record s = config.settings();
        if (s instanceof OptimizerSettings.Adam a) {
            return new Adam(a.lr(), a.beta1(), a.beta2(), a.epsilon());
        }
        if (s instanceof OptimizerSettings.Sgd g) {
            return g.momentum() == 0 ? new Sgd(g.lr()) : new Nesterovs(g.lr(), g.momentum());
        }
        if (s instanceof OptimizerSettings.RmsProp r) {
            return new RmsProp(r.lr(), r.decay(), r.epsilon());
        }
        throw new IllegalArgumentException("unknown optimizer " + config.type());
    }

    @Override
    public void step() {
        INDArray g = network.gradients();
        updater.applyUpdater(g, (int) iterations, 0);
        network.params().subi(g);
        iterations++;
    }

    @Override
    public long iterations() {
        return iterations;
    }

    /**
     * The updater's state vector (live), or null for stateless SGD.
     *
     * @return the state
     */
    public INDArray state() {
        return state;
    }

    /**
     * Restores state saved by a checkpoint.
     *
     * @param saved the saved state vector (may be null when stateless)
     * @param savedIterations the saved update count
     */
    public void restore(INDArray saved, long savedIterations) {
        if (state != null) {
            if (saved == null || saved.length() != state.length()) {
                throw new org.gan4j.api.CheckpointException("optimizer state has " + (saved == null ? 0 : saved.length())
                        + " values, the optimizer needs " + state.length() + " (was the optimizer type changed?)");
            }
            state.assign(saved.reshape(state.shape()));
        }
        iterations = savedIterations;
    }
}
