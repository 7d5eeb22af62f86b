package org.gan4j.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.gan4j.api.ConfigException;
import org.gan4j.api.TrainingException;
import org.gan4j.api.data.Batch;
import org.gan4j.api.data.Dataset;
import org.gan4j.api.nn.Network;
import org.gan4j.api.train.StepContext;
import org.gan4j.api.train.StepRunner;
import org.gan4j.engine.builtin.ArrayDataset;
import org.gan4j.engine.config.ComponentConfig;
import org.gan4j.engine.optim.Sgd;
import org.gan4j.engine.optim.NetworkOptimizer;
import org.gan4j.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The worker machinery on its own: shares, draws, gathers, the reduction, and how workers fail. */
class WorkerGroupTest {
    private static final int BATCH = 5;

    /** Five samples whose values are their indices, so a worker's rows say which samples it got. */
    private static Dataset indices() {
        float[] v = new float[20];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return new ArrayDataset("indices", v, null, 0, 1);
    }

    private static WorkerGroup group(int workers, StepRunner runner, java.util.function.Supplier<StepRunner> more,
            Network net) {
        return group(workers, 1, runner, more, net);
    }

    private static WorkerGroup group(int workers, int threads, StepRunner runner,
            java.util.function.Supplier<StepRunner> more, Network net) {
        Map<String, Network> nets = new LinkedHashMap<>();
        nets.put("N", net);
        Map<String, NetworkOptimizer> opts = Map.of("N", new NetworkOptimizer(net,
                new ComponentConfig("sgd", new Sgd.Settings(0.1, 0))));
        return new WorkerGroup(workers, threads, w -> { }, nets, opts, runner, more, null, () -> null,
                new BatchStream(indices(), BATCH, 3), BATCH, 0, 3);
    }

    private static Network net() {
        return Sequential.builder(1).dense(3).build(1);
    }

    /** Records what each worker saw. */
    private static final class Probe implements StepRunner {
        final List<String> seen;
        final Consumer<StepContext> body;

        Probe(List<String> seen, Consumer<StepContext> body) {
            this.seen = seen;
            this.body = body;
        }

        @Override
        public List<String> networks() {
            return List.of("N");
        }

        @Override
        public void step(StepContext ctx) {
            body.accept(ctx);
        }
    }

    @Test
    void workersShareTheBatchContiguouslyAndDrawTheirRowsOfTheWholeBatch() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, INDArray> noise = Collections.synchronizedMap(new java.util.TreeMap<>());
        Map<Integer, int[]> ints = Collections.synchronizedMap(new java.util.TreeMap<>());
        Map<Integer, INDArray> gathered = Collections.synchronizedMap(new java.util.TreeMap<>());
        Consumer<StepContext> body = ctx -> {
            Batch b = ctx.nextBatch();
            int first = b.x().getInt(0, 0);
            seen.add(ctx.batchSize() + "@" + first);
            noise.put(first, ctx.noise("z", ctx.batchSize(), 3));
            ints.put(first, ctx.randomInts("y", ctx.batchSize(), 1000));
            INDArray whole = ctx.gather(b.x());
            gathered.put(first, whole);
            assertThat(ctx.shard(whole)).isEqualTo(b.x());
        };
        try (WorkerGroup g = group(2, new Probe(seen, body), () -> new Probe(seen, body), net())) {
            g.step(0);
        }
        // batch 5 over 2 workers: rows 0-2 and 3-4 of the first shuffled batch
        assertThat(seen).hasSize(2);
        List<Integer> firsts = new ArrayList<>(noise.keySet());
        INDArray wholeNoise = Rng.normal(Rng.of(3, 0, "z"), BATCH, 3);
        java.util.SplittableRandom r = Rng.of(3, 0, "y");
        int[] wholeInts = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            wholeInts[i] = r.nextInt(1000);
        }
        INDArray a = noise.get(firsts.get(0)).rows() == 3 ? noise.get(firsts.get(0)) : noise.get(firsts.get(1));
        INDArray b = a == noise.get(firsts.get(0)) ? noise.get(firsts.get(1)) : noise.get(firsts.get(0));
        assertThat(Nd4j.concat(0, a, b)).isEqualTo(wholeNoise);
        int[] ia = ints.values().stream().filter(v -> v.length == 3).findFirst().orElseThrow();
        int[] ib = ints.values().stream().filter(v -> v.length == 2).findFirst().orElseThrow();
        int[] joined = new int[BATCH];
        System.arraycopy(ia, 0, joined, 0, 3);
        System.arraycopy(ib, 0, joined, 3, 2);
        assertThat(joined).isEqualTo(wholeInts);
        assertThat(seen).anyMatch(s -> s.startsWith("3@")).anyMatch(s -> s.startsWith("2@"));
        // every worker gathered the same whole batch
        List<INDArray> all = new ArrayList<>(gathered.values());
        assertThat(all.get(0)).isEqualTo(all.get(1));
        assertThat(all.get(0).rows()).isEqualTo(BATCH);
    }

    @Test
    void theReducedGradientIsTheSharesWeightedMean() {
        Network n = net();
        INDArray before = n.params().dup();
        Consumer<StepContext> body = ctx -> {
            Network mine = ctx.network("N");
            // a gradient equal to the worker's share of the batch in every element
            mine.gradients().assign(ctx.batchSize());
            ctx.optimizer("N").step();
        };
        try (WorkerGroup g = group(2, new Probe(null, body), () -> new Probe(null, body), n)) {
            g.step(0);
        }
        // (3/5)·3 + (2/5)·2 = 2.6, times lr 0.1
        INDArray moved = before.sub(n.params());
        assertThat(moved.minNumber().doubleValue()).isCloseTo(0.26, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(moved.maxNumber().doubleValue()).isCloseTo(0.26, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void aConstraintRunsOnceAfterTheReducedUpdate() {
        Network n = net();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Consumer<StepContext> body = ctx -> {
            ctx.network("N").gradients().assign(-100);
            ctx.optimizer("N").step(p -> {
                calls.incrementAndGet();
                org.nd4j.linalg.ops.transforms.Transforms.min(p, 0.5, false);
            });
        };
        try (WorkerGroup g = group(2, new Probe(null, body), () -> new Probe(null, body), n)) {
            g.step(0);
        }
        assertThat(calls.get()).isEqualTo(1);
        assertThat(n.params().maxNumber().doubleValue()).isEqualTo(0.5);
    }

    @Test
    void workersThatTakeDifferentBranchesStopWithAnErrorInsteadOfHanging() {
        Consumer<StepContext> body = ctx -> {
            Batch b = ctx.nextBatch();
            if (ctx.batchSize() == 3) {
                ctx.network("N").gradients().assign(0);
                ctx.optimizer("N").step();
            }
        };
        try (WorkerGroup g = group(2, new Probe(null, body), () -> new Probe(null, body), net())) {
            assertThatThrownBy(() -> g.step(0)).isInstanceOf(TrainingException.class)
                    .hasMessageContaining("the workers diverged").hasMessageContaining("optimizer N.step")
                    .hasMessageContaining("end of step");
        }
    }

    @Test
    void aFailingWorkerStopsTheOthersAndItsErrorIsTheOneReported() {
        Consumer<StepContext> body = ctx -> {
            ctx.nextBatch();
            if (ctx.batchSize() == 2) {
                throw new ConfigException("networks.N: this worker's input does not fit");
            }
            ctx.network("N").gradients().assign(0);
            ctx.optimizer("N").step();
        };
        try (WorkerGroup g = group(2, new Probe(null, body), () -> new Probe(null, body), net())) {
            assertThatThrownBy(() -> g.step(0)).isInstanceOf(ConfigException.class)
                    .hasMessage("networks.N: this worker's input does not fit");
        }
    }

    @Test
    void aNetworkWithBuffersButNoWorkerReplicaIsRefusedByName() {
        Network plain = new Network() {
            private final INDArray p = Nd4j.zeros(DataType.FLOAT, 1, 2);
            private final INDArray g = Nd4j.zeros(DataType.FLOAT, 1, 2);

            @Override
            public long[] inputShape() {
                return new long[] {1};
            }

            @Override
            public long[] outputShape() {
                return new long[] {1};
            }

            @Override
            public INDArray forward(INDArray input, boolean training) {
                return input;
            }

            @Override
            public INDArray backward(INDArray gradOutput, boolean parameterGradients) {
                return gradOutput;
            }

            @Override
            public INDArray params() {
                return p;
            }

            @Override
            public INDArray gradients() {
                return g;
            }

            @Override
            public long numParams() {
                return 2;
            }

            @Override
            public Map<String, INDArray> buffers() {
                return Map.of("count", Nd4j.zeros(1));
            }
        };
        assertThatThrownBy(() -> group(2, new Probe(null, c -> { }), () -> new Probe(null, c -> { }), plain))
                .isInstanceOf(ConfigException.class).hasMessageContaining("training.workers: network 'N' cannot be replicated");
    }

    @Test
    void independentPartsRunSideBySideWithTwoThreadsAndInOrderWithOne() throws Exception {
        for (int threads : new int[] {1, 2}) {
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.CountDownLatch both = new java.util.concurrent.CountDownLatch(2);
            Consumer<StepContext> body = ctx -> ctx.parallel(() -> {
                seen.add("first on " + Thread.currentThread().getName());
                both.countDown();
            }, () -> {
                seen.add("second on " + Thread.currentThread().getName());
                both.countDown();
            });
            try (WorkerGroup g = group(1, threads, new Probe(seen, body), null, net())) {
                g.step(0);
            }
            assertThat(both.getCount()).isZero();
            assertThat(seen).hasSize(2);
            long names = seen.stream().map(s -> s.substring(s.indexOf(" on ") + 4)).distinct().count();
            assertThat(names).as("threads " + threads + ": " + seen).isEqualTo(threads == 1 ? 1 : 2);
            if (threads == 1) {
                assertThat(seen.get(0)).startsWith("first");
            }
        }
        Consumer<StepContext> failing = ctx -> ctx.parallel(() -> { }, () -> {
            throw new IllegalStateException("the second part broke");
        });
        try (WorkerGroup g = group(1, 2, new Probe(null, failing), null, net())) {
            assertThatThrownBy(() -> g.step(0)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the second part broke");
        }
    }
}
