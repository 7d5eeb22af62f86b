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
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One worker's {@link StepContext}: its replicas of the networks, its optimizer views, its rows of each batch and of
 * each batch-shaped draw. With one worker it is the whole batch and the run's own networks and optimizers, exactly
 * what a run without workers had.
 */
final class WorkerContext implements StepContext {
    private final WorkerGroup group;
    private final int worker;
    private final Map<String, Network> networks;
    private final Map<String, ? extends Optimizer> optimizers;
    private final AdversarialLoss loss;
    private final Map<String, Double> recorded = new LinkedHashMap<>();
    private long step;
    private int batchesTaken;

    WorkerContext(WorkerGroup group, int worker, Map<String, Network> networks,
            Map<String, ? extends Optimizer> optimizers, AdversarialLoss loss) {
        this.group = group;
        this.worker = worker;
        this.networks = networks;
        this.optimizers = optimizers;
        this.loss = loss;
    }

    void begin(long step) {
        this.step = step;
        batchesTaken = 0;
        recorded.clear();
    }

    Map<String, Double> recorded() {
        return recorded;
    }

    private boolean split() {
        return group.workers() > 1;
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
        Batch whole = group.batch(batchesTaken++);
        if (!split()) {
            return whole;
        }
        return new Batch(rows(whole.x()), whole.labels() == null ? null : rows(whole.labels()));
    }

    private INDArray rows(INDArray whole) {
        long from = group.offset(worker);
        return whole.get(rowRange(whole.rank(), from, from + group.share(worker))).dup('c');
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex[] rowRange(int rank, long from, long to) {
        org.nd4j.linalg.indexing.INDArrayIndex[] idx = new org.nd4j.linalg.indexing.INDArrayIndex[rank];
        idx[0] = NDArrayIndex.interval(from, to);
        for (int i = 1; i < rank; i++) {
            idx[i] = NDArrayIndex.all();
        }
        return idx;
    }

    @Override
    public int batchSize() {
        return group.share(worker);
    }

    @Override
    public int numClasses() {
        return group.numClasses();
    }

    private boolean batchShaped(long leading) {
        return split() && leading == group.share(worker);
    }

    @Override
    public INDArray noise(String stream, long... shape) {
        if (shape.length > 0 && batchShaped(shape[0])) {
            long[] whole = shape.clone();
            whole[0] = group.batchSize();
            return Rng.normalRows(Rng.of(group.seed(), step, stream), whole, group.offset(worker), shape[0]);
        }
        return Rng.normal(own(stream), shape);
    }

    /** A draw of this worker's own: worker 0 draws what a one-worker run draws. */
    private java.util.SplittableRandom own(String stream) {
        long seed = worker == 0 ? group.seed() : group.seed() ^ Rng.mix(0x5EED0000L + worker);
        return Rng.of(seed, step, stream);
    }

    @Override
    public int[] randomInts(String stream, int n, int bound) {
        boolean rows = batchShaped(n);
        RandomGenerator r = rows ? random(stream) : own(stream);
        int skip = rows ? group.offset(worker) : 0;
        for (int i = 0; i < skip; i++) {
            r.nextInt(bound);
        }
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(bound);
        }
        return v;
    }

    @Override
    public RandomGenerator random(String stream) {
        return Rng.of(group.seed(), step, stream);
    }

    @Override
    public INDArray gather(INDArray part) {
        if (!split()) {
            return part.dup();
        }
        INDArray whole = group.collective().exchange(worker, "gather " + java.util.Arrays.toString(
                java.util.Arrays.copyOfRange(part.shape(), 1, part.rank())), part.dup('c'), parts -> {
                    INDArray[] arrays = new INDArray[parts.length];
                    for (int i = 0; i < parts.length; i++) {
                        arrays[i] = (INDArray) parts[i];
                    }
                    return Nd4j.concat(0, arrays);
                });
        return whole.dup('c');
    }

    @Override
    public INDArray shard(INDArray whole) {
        if (!split()) {
            return whole.dup();
        }
        if (whole.size(0) != group.batchSize()) {
            throw new IllegalArgumentException("shard: the array has " + whole.size(0) + " rows, the batch "
                    + group.batchSize());
        }
        return rows(whole);
    }

    @Override
    public void parallel(Runnable... parts) {
        if (group.threads() <= 1 || parts.length < 2) {
            for (Runnable p : parts) {
                p.run();
            }
            return;
        }
        group.parallel(worker, parts);
    }

    @Override
    public void record(String name, double value) {
        recorded.put(name, value);
    }
}
