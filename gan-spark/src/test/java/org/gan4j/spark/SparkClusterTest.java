package org.gan4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gan4j.api.GanException;
import org.gan4j.engine.Gan4j;
import org.gan4j.engine.PluginLoader;
import org.gan4j.engine.ResumeRequest;
import org.gan4j.engine.TrainRequest;
import org.gan4j.engine.RunResult;
import org.gan4j.engine.TrainingHandle;
import org.gan4j.engine.TrainingListener;
import org.gan4j.engine.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Distributed training on Spark in local mode, with the built-in plugins: one partition equals the run on one
 * machine bit for bit; two partitions train, average, checkpoint and resume; a lost task is run again.
 */
class SparkClusterTest {
    @TempDir
    Path tmp;

    private static final String RING = """
            name: spark-ring
            seed: 5
            data: {type: ring, size: 4000}
            networks:
              G: {type: mlp-generator, latent_dim: 2, hidden: [32, 32], output: linear}
              D: {type: mlp-discriminator, hidden: [32, 32]}
            optimizers:
              G: {type: adam, lr: 1.0e-3, beta1: 0.5}
              D: {type: adam, lr: 1.0e-3, beta1: 0.5}
            training: {steps: 120, batch_size: 64, workers: 1, threads: 1}
            checkpoints: {every: 60, keep: 10}
            samples: {every: 0, count: 100}
            metrics: {every: 20}
            distributed: {average_every: 25}
            """;

    private static final TrainingListener QUIET = new TrainingListener() { };

    private static Gan4j gan() {
        return Gan4j.create(PluginLoader.load(null));
    }

    private static float[] params(Path run, String net) {
        INDArray p = gan().load(run).network(net).params();
        return p.toFloatVector();
    }

    @Test
    void anExperimentsRunsAsSparkTasksGiveTheSummaryOfRunsHere() throws Exception {
        Gan4j gan = gan();
        Path cfg = Files.writeString(tmp.resolve("ring.yaml"), RING.replace("steps: 120", "steps: 200")
                .replace("checkpoints: {every: 60, keep: 10}", "checkpoints: {every: 100}")
                .replace("workers: 1, threads: 1", "workers: auto"));
        org.gan4j.engine.experiment.ExperimentPlan plan = org.gan4j.engine.experiment.Experiment.plan(gan, cfg, List.of(),
                List.of(1L, 2L, 3L), Map.of(), 2000, 0);
        org.gan4j.engine.experiment.Experiment.Listener none = new org.gan4j.engine.experiment.Experiment.Listener() { };
        org.gan4j.engine.experiment.Summary here = org.gan4j.engine.experiment.Experiment.run(gan, plan,
                tmp.resolve("here"), null, none, new TrainingHandle()).summary();
        org.gan4j.engine.experiment.Summary there;
        try (SparkCluster spark = SparkCluster.connect("local[2]", Map.of())) {
            there = org.gan4j.engine.experiment.Experiment.run(gan, plan, tmp.resolve("spark"), spark, none,
                    new TrainingHandle()).summary();
        }
        // every figure of every run, and their statistics, bit for bit (the training times differ)
        assertThat(there.groups().get(0).figures()).isEqualTo(here.groups().get(0).figures());
        for (int i = 0; i < 3; i++) {
            assertThat(there.groups().get(0).runs().get(i).figures()).isEqualTo(here.groups().get(0).runs().get(i).figures());
        }
        assertThat(here.groups().get(0).figures().get("hq_share").n()).isEqualTo(3);
        assertThat(tmp.resolve("spark/summary.json")).exists();
        assertThat(params(tmp.resolve("spark/seed-2"), "G")).containsExactly(params(tmp.resolve("here/seed-2"), "G"));
    }

    @Test
    void onePartitionOnSparkEqualsTheRunOnOneMachine() {
        Gan4j gan = gan();
        ExperimentConfig config = gan.parseConfig(RING, List.of());
        gan.train(config, tmp.resolve("alone"), QUIET, new TrainingHandle());
        try (SparkCluster spark = SparkCluster.connect("local[1]", Map.of())) {
            gan.train(TrainRequest.of(config).runDir(tmp.resolve("spark")).listener(QUIET).cluster(spark));
        }
        assertThat(params(tmp.resolve("spark"), "G")).containsExactly(params(tmp.resolve("alone"), "G"));
        assertThat(params(tmp.resolve("spark"), "D")).containsExactly(params(tmp.resolve("alone"), "D"));
    }

    @Test
    void twoPartitionsTrainCheckpointAndResumeOnSpark() throws Exception {
        Gan4j gan = gan();
        RunResult first;
        try (SparkCluster spark = SparkCluster.connect("local[2]", Map.of())) {
            assertThat(spark.defaultPartitions()).isEqualTo(2);
            first = gan.train(TrainRequest.of(gan.parseConfig(RING, List.of("training.steps=60"))).runDir(tmp.resolve("two"))
                    .listener(QUIET).cluster(spark));
        }
        assertThat(first.steps()).isEqualTo(60);
        assertThat(Files.readString(tmp.resolve("two").resolve("config.yaml"))).contains("partitions: 2");
        RunResult resumed;
        try (SparkCluster spark = SparkCluster.connect("local[2]", Map.of())) {
            resumed = gan.resume(ResumeRequest.of(tmp.resolve("two")).steps(120L).listener(QUIET).cluster(spark));
        }
        assertThat(resumed.steps()).isEqualTo(120);
        List<String> lines = Files.readAllLines(tmp.resolve("two").resolve("metrics.jsonl"));
        assertThat(lines).hasSize(6).allMatch(l -> l.contains("\"sync_pct\""));
        // a resumed distributed run is the run that never stopped
        Path straight = tmp.resolve("straight");
        try (SparkCluster spark = SparkCluster.connect("local[2]", Map.of())) {
            gan.train(TrainRequest.of(gan.parseConfig(RING, List.of())).runDir(straight).listener(QUIET).cluster(spark));
        }
        assertThat(params(tmp.resolve("two"), "G")).containsExactly(params(straight, "G"));
    }

    @Test
    void anUnreachableMasterIsAOneLineError() {
        assertThatThrownBy(() -> SparkCluster.connect("nonsense://x", Map.of()))
                .isInstanceOf(GanException.class).hasMessageContaining("--spark nonsense://x")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
