package org.gan4j.engine.internal;

import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.nn.Network;
import org.gan4j.api.registry.Registry;
import org.gan4j.api.train.AdversarialLoss;
import org.gan4j.api.train.StepRunner;
import org.gan4j.engine.config.ExperimentConfig;
import org.gan4j.engine.config.TrainingConfig;
import org.gan4j.engine.optim.NetworkOptimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How many workers and threads a run gets ({@code training.workers}, {@code training.threads}), and its group. */
final class Parallelism {
    private static final Logger LOG = LoggerFactory.getLogger(Parallelism.class);

    private Parallelism() {
    }

    /**
     * The workers a run trains with, built now that the networks hold their restored state: {@code auto} is a worker
     * per core on a CPU (at most the batch size), a worker per visible GPU on CUDA (one when the config names a GPU);
     * when networks cannot be replicated, {@code auto} falls back to one worker with a warning.
     */
    static WorkerGroup group(ExperimentConfig config, Backend backend, Registry registry, Map<String, Network> networks,
                             Map<String, NetworkOptimizer> optimizers, StepRunner runner, AdversarialLoss loss,
                             BatchStream batches, int numClasses) {
        TrainingConfig t = config.training();
        int workers = t.workerCount() > 0 ? t.workerCount()
                : Math.max(1, Math.min(backend.autoWorkers(config.device()), t.batchSize()));
        try {
            return make(workers, config, backend, registry, networks, optimizers, runner, loss, batches, numClasses);
        } catch (ConfigException e) {
            if (t.workerCount() > 0 || workers == 1) {
                throw e;
            }
            LOG.warn("{}; training with one worker", e.getMessage());
            return make(1, config, backend, registry, networks, optimizers, runner, loss, batches, numClasses);
        }
    }

    private static WorkerGroup make(int workers, ExperimentConfig config, Backend backend, Registry registry,
                                    Map<String, Network> networks, Map<String, NetworkOptimizer> optimizers,
                                    StepRunner runner, AdversarialLoss loss, BatchStream batches, int numClasses) {
        TrainingConfig t = config.training();
        int threads = t.threadCount() > 0 ? t.threadCount() : Math.max(1, Backend.cores() / workers);
        return new WorkerGroup(workers, threads, w -> backend.bindThread(backend.deviceOf(config.device(), w)), networks,
                optimizers, runner, () -> Components.runner(config, registry), loss, () -> Components.loss(config, registry),
                batches, t.batchSize(), numClasses, config.seed());
    }
}
