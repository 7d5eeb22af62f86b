package org.gan4j.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.gan4j.api.ConfigException;
import org.gan4j.engine.Gan4j;
import org.gan4j.engine.TrainingHandle;
import org.gan4j.engine.TrainingListener;
import org.gan4j.engine.experiment.Experiment;
import org.gan4j.engine.experiment.ExperimentPlan;
import org.gan4j.engine.experiment.RunOutcome;
import org.gan4j.engine.experiment.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan repeat}: the summary's statistics, the plan (seeds, sweep), an interrupted experiment continued to the
 * same figures as an uninterrupted one, and the CLI with its errors.
 */
class RepeatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;

    private Path ringConfig() throws Exception {
        return Files.writeString(tmp.resolve("ring.yaml"), """
                name: ring-rep
                seed: 1
                data: {type: ring}
                networks:
                  G: {type: mlp-generator, latent_dim: 2, hidden: [16]}
                  D: {type: mlp-discriminator, hidden: [16]}
                training: {steps: 40, batch_size: 32}
                checkpoints: {every: 10}
                samples: {every: 0}
                metrics: {every: 10}
                """);
    }

    @Test
    void statisticsAreTheSampleMeanAndStandardDeviation() {
        Summary.Stats s = Summary.Stats.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9});
        assertThat(s.n()).isEqualTo(8);
        assertThat(s.mean()).isEqualTo(5.0);
        // Σ(x − 5)² = 32, n − 1 = 7
        assertThat(s.sd()).isCloseTo(Math.sqrt(32.0 / 7), Offset.offset(1e-12));
        assertThat(s.min()).isEqualTo(2);
        assertThat(s.max()).isEqualTo(9);
        assertThat(Summary.Stats.of(new double[] {3}).sd()).isZero();
        Summary sum = Summary.of("x", List.of(
                new RunOutcome("a=1_seed-1", 1, "a=1", 10, 1, true, Map.of("fd", 10.0)),
                new RunOutcome("a=1_seed-2", 2, "a=1", 10, 1, true, Map.of("fd", 20.0)),
                new RunOutcome("a=2_seed-1", 1, "a=2", 10, 1, true, Map.of("fd", 5.0)),
                new RunOutcome("a=2_seed-2", 2, "a=2", 5, 1, false, Map.of())));
        assertThat(sum.groups()).hasSize(2);
        assertThat(sum.groups().get(0).figures().get("fd").mean()).isEqualTo(15.0);
        assertThat(sum.groups().get(0).figures().get("fd").sd()).isCloseTo(Math.sqrt(50), Offset.offset(1e-12));
        // an unfinished run is listed, not counted
        assertThat(sum.groups().get(1).figures().get("fd").n()).isEqualTo(1);
        assertThat(sum.groups().get(1).finished()).isEqualTo(1);
        assertThat(sum.table()).contains("x [a=1]: 2 of 2 runs finished").contains("| fd | 15 ± 7.071 | 10 | 20 | 10 | 20 |");
    }

    @Test
    void seedsAndSweepsParseAndMultiply() {
        assertThat(ExperimentPlan.parseSeeds("1-3,7")).containsExactly(1L, 2L, 3L, 7L);
        assertThatThrownBy(() -> ExperimentPlan.parseSeeds("1,x")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected seeds such as 1,2,3 or 1-5, got 'x'");
        assertThatThrownBy(() -> new ExperimentPlan("n", "", List.of(), List.of(1L, 1L), Map.of(), 10, 0, 0, 0))
                .hasMessageContaining("repeats a seed");
        ExperimentPlan p = new ExperimentPlan("n", "", List.of(), List.of(1L, 2L),
                ExperimentPlan.parseSweep(List.of("optimizers.G.lr=1e-3,2e-4", "training.batch_size=32,64")), 10, 0, 0, 0);
        assertThat(p.runs()).hasSize(8);
        assertThat(p.runs().get(0).id()).isEqualTo("optimizers.G.lr=1e-3_training.batch_size=32_seed-1");
        assertThat(p.runs().get(0).settings()).containsExactly("optimizers.G.lr=1e-3", "training.batch_size=32", "seed=1");
        assertThat(ExperimentPlan.fromJson(p.toJson().toString().getBytes(), "x")).isEqualTo(p);
    }

    @Test
    void anInterruptedExperimentContinuesToTheFiguresOfAnUninterruptedOne() throws Exception {
        Gan4j gan = Gan4j.create((Path) null);
        ExperimentPlan plan = Experiment.plan(gan, ringConfig(), List.of(), List.of(1L, 2L), Map.of(), 500, 0);
        Experiment.Result whole = Experiment.run(gan, plan, tmp.resolve("whole"), null, new Experiment.Listener() { },
                new TrainingHandle());
        assertThat(whole.complete()).isTrue();
        JsonNode w = JSON.readTree(tmp.resolve("whole/summary.json").toFile());
        assertThat(w.path("groups").get(0).path("runs")).hasSize(2);

        // stop the second run at step 20 (its checkpoint written), as Ctrl-C would
        TrainingHandle handle = new TrainingHandle();
        Experiment.Listener stopper = new Experiment.Listener() {
            @Override
            public TrainingListener onRunStart(ExperimentPlan.PlannedRun run, int index, int total) {
                return new TrainingListener() {
                    @Override
                    public void onStep(long step, long totalSteps, Map<String, Double> metrics) {
                        if (index == 1 && step == 20) {
                            handle.cancel();
                        }
                    }
                };
            }
        };
        Path half = tmp.resolve("half");
        Experiment.Result stopped = Experiment.run(gan, plan, half, null, stopper, handle);
        assertThat(stopped.complete()).isFalse();
        assertThat(stopped.summary().groups().get(0).finished()).isEqualTo(1);
        assertThat(half.resolve("seed-2/checkpoints/step-00000020.ckpt")).exists();
        assertThat(half.resolve("seed-2/evaluation-step-00000040.json")).doesNotExist();

        // continued from its saved plan: the finished run is read back, the stopped one resumes at step 20
        Experiment.Result done = Experiment.run(gan, Experiment.load(half), half, null, new Experiment.Listener() { },
                new TrainingHandle());
        assertThat(done.complete()).isTrue();
        JsonNode h = JSON.readTree(half.resolve("summary.json").toFile());
        assertThat(h.path("groups").get(0).path("figures")).isEqualTo(w.path("groups").get(0).path("figures"));
        for (int i = 0; i < 2; i++) {
            assertThat(h.path("groups").get(0).path("runs").get(i).path("figures"))
                    .isEqualTo(w.path("groups").get(0).path("runs").get(i).path("figures"));
        }
        // the resumed run trained exactly as the uninterrupted one (its last losses; step_ms is a timing)
        assertThat(lastLosses(half.resolve("seed-2"))).isEqualTo(lastLosses(tmp.resolve("whole/seed-2")));
        assertThat(Files.readString(half.resolve("index.html"))).contains("\"id\":\"seed-2\"").doesNotContain("@DATA@");
        // another plan into the same directory is refused, not mixed in
        ExperimentPlan other = Experiment.plan(gan, ringConfig(), List.of(), List.of(1L, 3L), Map.of(), 500, 0);
        assertThatThrownBy(() -> Experiment.run(gan, other, half, null, new Experiment.Listener() { }, new TrainingHandle()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("holds another experiment");
    }

    @Test
    void aRunWhoseProcessDiesKeepsTheTimeOfItsLastCheckpoint() throws Exception {
        Gan4j gan = Gan4j.create((Path) null);
        ExperimentPlan plan = Experiment.plan(gan, ringConfig(), List.of(), List.of(1L), Map.of(), 500, 0);
        Path dir = tmp.resolve("dies");
        // a failure in the middle of the run, after its step-20 checkpoint, as a crash would leave it
        Experiment.Listener dying = new Experiment.Listener() {
            @Override
            public TrainingListener onRunStart(ExperimentPlan.PlannedRun run, int index, int total) {
                return new TrainingListener() {
                    @Override
                    public void onStep(long step, long totalSteps, Map<String, Double> metrics) {
                        if (step == 30) {
                            throw new IllegalStateException("simulated crash");
                        }
                    }
                };
            }
        };
        assertThatThrownBy(() -> Experiment.run(gan, plan, dir, null, dying, new TrainingHandle()))
                .hasMessageContaining("simulated crash");
        assertThat(dir.resolve("seed-1/checkpoints/step-00000020.ckpt")).exists();
        double kept = JSON.readTree(dir.resolve("seed-1/repeat.json").toFile()).path("seconds").asDouble();
        assertThat(kept).isGreaterThan(0);
        Experiment.Result done = Experiment.run(gan, Experiment.load(dir), dir, null, new Experiment.Listener() { },
                new TrainingHandle());
        assertThat(done.complete()).isTrue();
        // the resumed session adds its time to the time the dead one had kept
        assertThat(JSON.readTree(dir.resolve("seed-1/repeat.json").toFile()).path("seconds").asDouble()).isGreaterThan(kept);
    }

    private static JsonNode lastLosses(Path run) throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        com.fasterxml.jackson.databind.node.ObjectNode last = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(lines.get(lines.size() - 1));
        last.remove("step_ms");
        assertThat(last.path("step").asInt()).isEqualTo(40);
        return last;
    }

    @Test
    void theCommandPrintsTheSummaryAndBadInputIsOneLine() throws Exception {
        Path cfg = ringConfig();
        Path dir = tmp.resolve("exp");
        Cli c = Cli.run("repeat", cfg.toString(), "--seeds", "4,5", "--sweep", "optimizers.G.lr=1e-3,5e-4",
                "--eval-samples", "300", "--run-dir", dir.toString(), "--progress", "none");
        assertThat(c.code).as(c.toString()).isZero();
        assertThat(c.out).contains("ring-rep [optimizers.G.lr=1e-3]: 2 of 2 runs finished")
                .contains("| modes_covered | ").contains("seed 4 | seed 5 |");
        assertThat(dir.resolve("optimizers.G.lr=5e-4_seed-5/evaluation-step-00000040.json")).exists();
        // the sweep's value reached the run's config
        assertThat(Files.readString(dir.resolve("optimizers.G.lr=5e-4_seed-5/config.yaml"))).contains("lr: 5.0E-4");
        Cli again = Cli.run("repeat", "--resume", dir.toString(), "--progress", "none");
        assertThat(again.code).as(again.toString()).isZero();
        assertThat(again.out).isEqualTo(c.out);

        Cli bad = Cli.run("repeat", cfg.toString(), "--seeds", "1,,2", "--run-dir", tmp.resolve("b").toString());
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.err.strip()).isEqualTo("gan: error: --seeds 1,,2: expected seeds such as 1,2,3 or 1-5, got ''");
        Cli key = Cli.run("repeat", cfg.toString(), "--sweep", "optimizers.G.lrr=1,2", "--run-dir", tmp.resolve("k").toString());
        assertThat(key.code).isEqualTo(2);
        assertThat(key.err.strip()).startsWith("gan: error: run optimizers.G.lrr=1_seed-1: ").contains("lrr");
        assertThat(tmp.resolve("k")).doesNotExist();
        Cli notExp = Cli.run("repeat", "--resume", tmp.toString());
        assertThat(notExp.code).isEqualTo(2);
        assertThat(notExp.err.strip()).isEqualTo("gan: error: " + tmp + ": not an experiment (no experiment.json)");
    }
}
