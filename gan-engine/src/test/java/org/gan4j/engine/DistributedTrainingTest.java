package org.gan4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gan4j.engine.cluster.Cluster;
import org.gan4j.engine.cluster.InProcessCluster;
import org.gan4j.engine.config.ExperimentConfig;
import org.gan4j.engine.internal.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Distributed training through the engine's round protocol, on {@link InProcessCluster} (no Spark): one partition
 * trains bit for bit as the run alone; two partitions average; a distributed run resumes as if never stopped.
 * gan-spark's tests run the same rounds on Spark.
 */
class DistributedTrainingTest {
    @TempDir
    Path tmp;

    private static final String CONFIG = """
            name: dist
            seed: 11
            data: {type: ring, size: 2000}
            networks:
              G: {type: tiny-generator, width: 8}
              D: {type: tiny-discriminator}
            loss: {type: test-hinge}
            training: {steps: 12, batch_size: 32, workers: 1, threads: 1, ema_decay: 0.9}
            checkpoints: {every: 4, keep: 100}
            samples: {every: 0, count: 10}
            metrics: {every: 1}
            distributed: {average_every: 5}
            """;

    private static final TrainingListener QUIET = new TrainingListener() { };

    private Gan4j engine() throws Exception {
        return Gan4j.create(PluginLoader.load(TestPlugin.standardPlugins(tmp)));
    }

    private static void assertSameState(Checkpoint a, Checkpoint b) {
        assertThat(a.step()).isEqualTo(b.step());
        assertThat(a.batchCursor()).isEqualTo(b.batchCursor());
        assertSame(a.params(), b.params());
        assertSame(a.optimizerState(), b.optimizerState());
        assertSame(a.ema(), b.ema());
        assertThat(a.optimizerIterations()).isEqualTo(b.optimizerIterations());
    }

    private static void assertSame(Map<String, INDArray> a, Map<String, INDArray> b) {
        assertThat(a.keySet()).isEqualTo(b.keySet());
        a.forEach((k, v) -> assertThat(v.toFloatVector()).as(k).containsExactly(b.get(k).toFloatVector()));
    }

    @Test
    void onePartitionTrainsBitForBitAsTheRunAlone() throws Exception {
        Gan4j gan = engine();
        ExperimentConfig config = gan.parseConfig(CONFIG, List.of());
        RunResult alone = gan.train(config, tmp.resolve("alone"), QUIET, new TrainingHandle());
        RunResult one;
        try (Cluster c = new InProcessCluster(1)) {
            one = gan.train(TrainRequest.of(config).runDir(tmp.resolve("one")).listener(QUIET).cluster(c));
        }
        assertThat(one.steps()).isEqualTo(12);
        // every checkpoint, the ones inside a k = 5 round's span (4, 8) included: rounds end where one is due
        for (long s : new long[] {4, 8, 12}) {
            assertSameState(read(tmp.resolve("one"), s), read(tmp.resolve("alone"), s));
        }
        String saved = Files.readString(tmp.resolve("one").resolve("config.yaml"));
        assertThat(saved).contains("partitions: 1");
        assertThat(Files.readString(tmp.resolve("one").resolve("metrics.jsonl"))).contains("sync_pct");
    }

    @Test
    void twoPartitionsTrainTheirOwnShardsAndAverage() throws Exception {
        Gan4j gan = engine();
        ExperimentConfig config = gan.parseConfig(CONFIG, List.of());
        try (Cluster c = new InProcessCluster(2)) {
            gan.train(TrainRequest.of(config).runDir(tmp.resolve("two")).listener(QUIET).cluster(c));
        }
        gan.train(config, tmp.resolve("alone"), QUIET, new TrainingHandle());
        Checkpoint two = read(tmp.resolve("two"), 12);
        Checkpoint alone = read(tmp.resolve("alone"), 12);
        // the same number of iterations and batches per partition, other batches and noise than one machine's
        assertThat(two.batchCursor()).isEqualTo(alone.batchCursor());
        assertThat(two.optimizerIterations()).isEqualTo(alone.optimizerIterations());
        assertThat(two.params().get("G").toFloatVector()).isNotEqualTo(alone.params().get("G").toFloatVector());
        assertThat(Files.readString(tmp.resolve("two").resolve("config.yaml"))).contains("partitions: 2");
    }

    @Test
    void aResumedDistributedRunContinuesAsIfNeverStopped() throws Exception {
        Gan4j gan = engine();
        RunResult straight;
        try (Cluster c = new InProcessCluster(2)) {
            straight = gan.train(TrainRequest.of(gan.parseConfig(CONFIG, List.of())).runDir(tmp.resolve("straight"))
                    .listener(QUIET).cluster(c));
        }
        try (Cluster c = new InProcessCluster(2)) {
            gan.train(TrainRequest.of(gan.parseConfig(CONFIG, List.of("training.steps=8"))).runDir(tmp.resolve("split"))
                    .listener(QUIET).cluster(c));
        }
        RunResult resumed;
        try (Cluster c = new InProcessCluster(2)) {
            resumed = gan.resume(ResumeRequest.of(tmp.resolve("split")).steps(12L).listener(QUIET).cluster(c));
        }
        assertSameState(Checkpoint.read(resumed.checkpoint()), Checkpoint.read(straight.checkpoint()));
    }

    @Test
    void aCancelledDistributedRunStopsAtTheEndOfItsRoundWithACheckpoint() throws Exception {
        Gan4j gan = engine();
        TrainingHandle handle = new TrainingHandle();
        RunResult r;
        try (Cluster c = new InProcessCluster(2)) {
            // rounds: 0 → 4 (a checkpoint is due at 4), 4 → 5, 5 → 8; a cancel at step 6 ends the third round
            r = gan.train(TrainRequest.of(gan.parseConfig(CONFIG, List.of())).runDir(tmp.resolve("cancel")).listener(new TrainingListener() {
                @Override
                public void onStep(long step, long totalSteps, Map<String, Double> metrics) {
                    if (step == 6) {
                        handle.cancel();
                    }
                }
            }).handle(handle).cluster(c));
        }
        assertThat(r.cancelled()).isTrue();
        assertThat(r.steps()).isEqualTo(8);
        assertThat(r.checkpoint().getFileName().toString()).isEqualTo("step-00000008.ckpt");
    }

    private static Checkpoint read(Path run, long step) {
        return Checkpoint.read(run.resolve("checkpoints").resolve(Checkpoint.fileName(step)));
    }
}
