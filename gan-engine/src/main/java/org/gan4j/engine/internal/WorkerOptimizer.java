package org.gan4j.engine.internal;

import java.util.function.Consumer;
import org.gan4j.api.train.Optimizer;
import org.gan4j.engine.optim.NetworkOptimizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One worker's view of a network's optimizer: a collective step. All workers wait until every gradient is written;
 * then each sums the workers' gradients over its own slice of the parameter vector, weighted by their shares of the
 * batch and in worker order, and updates that slice (the update is element-wise, so cutting the vector changes
 * nothing in the result); all wait again until every slice is updated, so no worker computes with half-updated
 * parameters. A constraint runs once, between the update and the release.
 */
final class WorkerOptimizer implements Optimizer {
    private final WorkerGroup group;
    private final int worker;
    private final String name;
    private final NetworkOptimizer master;
    private final String gradientsReady;
    private final String updated;
    private final float[][] scratch = NetworkOptimizer.newScratch();
    private INDArray[] gradients;

    WorkerOptimizer(WorkerGroup group, int worker, String name, NetworkOptimizer master) {
        this.group = group;
        this.worker = worker;
        this.name = name;
        this.master = master;
        this.gradientsReady = "optimizer " + name + ".step";
        this.updated = "optimizer " + name + ".step (update)";
    }

    @Override
    public void step() {
        step(null);
    }

    @Override
    public void step(Consumer<INDArray> constraint) {
        Collective c = group.collective();
        c.exchange(worker, gradientsReady, null, parts -> {
            master.begin();
            return null;
        });
        // slices cut at the optimizer's chunks, the i-th worker taking the i-th run of them
        int n = master.size();
        int chunks = (n + NetworkOptimizer.CHUNK - 1) / NetworkOptimizer.CHUNK;
        int from = Math.min(n, (int) ((long) chunks * worker / group.workers()) * NetworkOptimizer.CHUNK);
        int to = Math.min(n, (int) ((long) chunks * (worker + 1) / group.workers()) * NetworkOptimizer.CHUNK);
        if (gradients == null) {
            // every worker's replica exists by the first step
            gradients = group.gradients(name);
        }
        master.update(from, to, gradients, group.weights(), scratch);
        c.exchange(worker, updated, null, constraint == null ? null : parts -> {
            constraint.accept(master.network().params());
            return null;
        });
    }

    @Override
    public long iterations() {
        return master.iterations();
    }
}
