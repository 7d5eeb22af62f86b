package org.gan4j.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends with one clear line and exit 2; a failure while training with exit 1, keeping good checkpoints. */
class CliErrorsTest {
    @TempDir
    Path tmp;

    private static void oneLine(Cli c, int code, String... fragments) {
        assertThat(c.code).as(c.toString()).isEqualTo(code);
        String[] lines = c.err.strip().split("\n");
        assertThat(lines[lines.length - 1]).startsWith("gan: error: ").contains(fragments);
        assertThat(c.err).doesNotContain("\tat ").doesNotContain("Exception");
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }

    @Test
    void malformedYamlGivesLineAndColumn() throws Exception {
        Path f = write("bad.yaml", "name: x\nnetworks:\n  G: {type: mlp-generator\n  D: x\n");
        Cli c = Cli.run("train", f.toString());
        oneLine(c, 2, "bad.yaml:", "malformed YAML");
        assertThat(c.err).containsPattern("bad\\.yaml:\\d+:\\d+: malformed YAML");
    }

    @Test
    void unknownVariantListsTheKnownOnes() throws Exception {
        Path f = write("u.yaml", "data: {type: ring}\nnetworks:\n  G: {type: stylegan-generator}\n  D: {type: mlp-discriminator}\n");
        oneLine(Cli.run("train", f.toString()), 2,
                "networks.G.type: unknown generator or discriminator 'stylegan-generator'; known: ", "mlp-generator",
                "mlp-discriminator");
        Path l = write("l.yaml", "data: {type: ring}\nnetworks:\n  G: {type: mlp-generator}\n  D: {type: mlp-discriminator}\nloss: {type: relativistic}\n");
        oneLine(Cli.run("validate", l.toString()), 2, "loss.type: unknown loss 'relativistic'; known: hinge, least-squares, minimax, non-saturating, wasserstein");
        Path k = write("k.yaml", "data: {type: ring}\nnetworks:\n  G: {type: mlp-generator, hiden: [3]}\n  D: {type: mlp-discriminator}\n");
        oneLine(Cli.run("validate", k.toString()), 2, "networks.G.hiden: unknown key; known keys: latent_dim, hidden, slope, output");
    }

    @Test
    void missingDatasetNamesTheSetupCommand() throws Exception {
        Path f = write("m.yaml", "data: {type: mnist, dir: " + tmp.resolve("nothing") + "}\nnetworks:\n  G: {type: mlp-generator}\n  D: {type: mlp-discriminator}\n");
        oneLine(Cli.run("train", f.toString(), "--run-dir", tmp.resolve("r").toString()), 2,
                "mnist not found", "fetch it with: scripts/setup-data.sh mnist");
    }

    @Test
    void sparkOptionsAreCheckedBeforeAnyTraining() throws Exception {
        Path f = write("s.yaml", "data: {type: ring}\nnetworks:\n  G: {type: mlp-generator}\n  D: {type: mlp-discriminator}\n");
        // the app's tests run without Spark's jars, as the launcher does without --spark
        oneLine(Cli.run("train", f.toString(), "--spark", "local[2]", "--run-dir", tmp.resolve("s").toString()), 2,
                "--spark: Apache Spark is not on the class path", "scripts/spark-home.sh");
        oneLine(Cli.run("train", f.toString(), "--spark-conf", "spark.executor.memory=4g", "--run-dir",
                tmp.resolve("t").toString()), 2, "--spark-conf spark.executor.memory=4g: only with --spark MASTER");
        assertThat(tmp.resolve("s")).doesNotExist();
    }

    @Test
    void cudaWithoutTheCudaBackendIsACleanError() throws Exception {
        Path f = write("cuda.yaml", "device: cuda\ndata: {type: ring}\nnetworks:\n  G: {type: mlp-generator}\n  D: {type: mlp-discriminator}\n");
        oneLine(Cli.run("train", f.toString(), "--run-dir", tmp.resolve("c").toString()), 2,
                "device: cuda was asked for, but the ND4J CUDA backend is not on the class path", "-Pcuda");
    }

    @Test
    void devicesAndKernelsAreCheckedByName() throws Exception {
        String body = "data: {type: ring}\nnetworks:\n  G: {type: mlp-generator}\n  D: {type: mlp-discriminator}\n";
        oneLine(Cli.run("train", write("g.yaml", "device: cuda:1\n" + body).toString(), "--run-dir",
                tmp.resolve("g").toString()), 2, "device: cuda was asked for, but the ND4J CUDA backend is not on the class path");
        oneLine(Cli.run("validate", write("d.yaml", "device: gpu\n" + body).toString()), 2,
                "device: expected auto, cpu, cuda or cuda:N, got 'gpu'");
        oneLine(Cli.run("validate", write("k.yaml", "compute: fast\n" + body).toString()), 2,
                "compute: expected auto, host or native, got 'fast'");
    }

    @Test
    void envSaysWhatAutoMeansHere() {
        Cli c = Cli.run("env");
        assertThat(c.code).as(c.toString()).isZero();
        // the native CI pass sets -Dgan4j.compute=native, which auto follows
        String auto = System.getProperty("gan4j.compute", "").isBlank() ? "host" : System.getProperty("gan4j.compute");
        assertThat(c.out).contains("backend ", "cpu (CpuBackend").containsPattern("(?m)^compute +auto = " + auto)
                .containsPattern("(?m)^workers +auto = " + Runtime.getRuntime().availableProcessors() + " ")
                .containsPattern("(?m)^cudnn +no").containsPattern("(?m)^devices +1: cpu");
    }

    @Test
    void unreadableCheckpointsAreBadInput() throws Exception {
        Path junk = write("junk.ckpt", "definitely not a zip");
        oneLine(Cli.run("generate", "--checkpoint", junk.toString(), "--out", tmp.resolve("x.png").toString()), 2,
                "junk.ckpt: unreadable checkpoint");
        oneLine(Cli.run("resume", tmp.resolve("no-such-run").toString()), 2, "no such checkpoint or run directory");
        Files.createDirectories(tmp.resolve("empty/checkpoints"));
        oneLine(Cli.run("resume", tmp.resolve("empty").toString()), 2, "no checkpoints in");
        oneLine(Cli.run("generate", "--checkpoint", junk.toString(), "--out", tmp.resolve("x.txt").toString()), 2,
                "must end in .png or .npy");
    }

    @Test
    void aMissingPluginsDirectoryThatWasNamedIsAnError() {
        oneLine(Cli.run("--plugins-dir", tmp.resolve("nope").toString(), "plugins"), 2, "--plugins-dir", "no such directory");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(Cli.run("train").code).isEqualTo(2);
        assertThat(Cli.run("frobnicate").code).isEqualTo(2);
        assertThat(Cli.run("generate", "--checkpoint", "x", "--n", "many", "--out", "y.png").code).isEqualTo(2);
    }

    @Test
    void divergingTrainingStopsWithExitOneAndKeepsTheLastGoodCheckpoint() throws Exception {
        // G's learning rate is the largest allowed and the data are far out: the updates explode within steps and
        // D's loss stops being finite
        Path f = write("nan.yaml", """
                data: {type: ring, size: 500, radius: 1000000}
                networks:
                  G: {type: mlp-generator, latent_dim: 2, hidden: [8], output: linear}
                  D: {type: mlp-discriminator, hidden: [8]}
                optimizers:
                  G: {type: sgd, lr: 10, momentum: 0}
                  D: {type: sgd, lr: 10, momentum: 0}
                training: {steps: 200, batch_size: 16}
                checkpoints: {every: 1, keep: 500}
                samples: {every: 0}
                """);
        Path run = tmp.resolve("nan-run");
        Cli c = Cli.run("train", f.toString(), "--run-dir", run.toString(), "--progress", "none");
        oneLine(c, 1, "became", "training stopped without writing a checkpoint", "last good checkpoint: ");
        String good = c.err.substring(c.err.indexOf("last good checkpoint: ") + 22).strip();
        assertThat(Path.of(good)).exists();
        Cli g = Cli.run("generate", "--checkpoint", good, "--n", "4", "--out", tmp.resolve("ok.npy").toString());
        assertThat(g.code).as("the kept checkpoint is readable: " + g).isZero();
    }

    private Path tinyRing(String name) throws Exception {
        return write(name + ".yaml", """
                data: {type: ring, size: 500}
                networks:
                  G: {type: mlp-generator, latent_dim: 2, hidden: [8]}
                  D: {type: mlp-discriminator, hidden: [8]}
                training: {steps: 20, batch_size: 16}
                checkpoints: {every: 10}
                samples: {every: 0}
                metrics: {every: 10}
                """);
    }

    @Test
    void aTruncatedLabelsFileIsNamedAsItself() throws Exception {
        Path data = Cli.tinyMnist(tmp.resolve("mnist"), 40);
        Path labels = data.resolve("train-labels-idx1-ubyte");
        byte[] b = Files.readAllBytes(labels);
        Files.write(labels, java.util.Arrays.copyOf(b, b.length - 10));
        Path f = write("tm.yaml", "data: {type: mnist, dir: " + data + "}\nnetworks:\n  G: {type: mlp-generator}\n  D: {type: mlp-discriminator}\n");
        oneLine(Cli.run("validate", f.toString()), 2, "train-labels-idx1-ubyte: truncated IDX file");
    }

    @Test
    void aCheckpointWriteOnAFullDiskLeavesNoTemporaryFileAndKeepsTheGoodOne() throws Exception {
        Path run = tmp.resolve("full");
        Path ckpts = Files.createDirectories(run.resolve("checkpoints"));
        // the second checkpoint's temporary file leads to /dev/full: every write to it fails with ENOSPC
        Path tmpFile = ckpts.resolve("step-00000020.ckpt.tmp");
        Files.createSymbolicLink(tmpFile, Path.of("/dev/full"));
        Cli c = Cli.run("train", tinyRing("full").toString(), "--run-dir", run.toString(), "--progress", "none");
        assertThat(c.code).as(c.toString()).isEqualTo(1);
        assertThat(c.err).contains("No space left on device").doesNotContain("\tat ");
        assertThat(tmpFile).doesNotExist();
        assertThat(Files.isSymbolicLink(tmpFile)).isFalse();
        assertThat(ckpts.resolve("step-00000010.ckpt")).exists();
        assertThat(ckpts.resolve("step-00000020.ckpt")).doesNotExist();
    }

    @Test
    void yamlTagsAreRefusedNotIgnored() throws Exception {
        Path f = write("tag.yaml", "data: !ring {type: ring}\nnetworks:\n  G: {type: mlp-generator}\n  D: {type: mlp-discriminator}\n");
        oneLine(Cli.run("validate", f.toString()), 2, "tag.yaml:1:7: unknown YAML tag '!ring'");
        Path ok = write("std.yaml", "name: !!str x\ndata: {type: ring}\nnetworks:\n  G: {type: mlp-generator}\n  D: {type: mlp-discriminator}\n");
        assertThat(Cli.run("validate", ok.toString()).code).isZero();
    }

    @Test
    void anEditedConfigInARunDirectoryIsReportedOnResume() throws Exception {
        Path run = tmp.resolve("edited");
        assertThat(Cli.run("train", tinyRing("e").toString(), "--run-dir", run.toString(), "--progress", "none",
                "--set", "training.steps=10").code).isZero();
        Path cfg = run.resolve("config.yaml");
        Files.writeString(cfg, Files.readString(cfg).replace("lr: 2.0E-4", "lr: 0.001"));
        Cli r = Cli.run("resume", run.toString(), "--steps", "20", "--progress", "none");
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.err).contains(cfg + " was edited (optimizers.D.lr: 0.001 in the file, 2.0E-4 in the checkpoint); "
                + "resume continues the checkpoint's config");
        // --steps alone is no edit
        Cli again = Cli.run("resume", run.toString(), "--steps", "30", "--progress", "none");
        assertThat(again.err).doesNotContain("was edited");
    }

    @Test
    void generateChecksTheSizeBeforeDrawing() throws Exception {
        Path run = tmp.resolve("gen");
        assertThat(Cli.run("train", tinyRing("gen").toString(), "--run-dir", run.toString(), "--progress", "none").code).isZero();
        long t0 = System.nanoTime();
        oneLine(Cli.run("generate", "--checkpoint", run.toString(), "--n", "2000000000", "--out",
                tmp.resolve("big.npy").toString()), 2, "--n 2000000000: about 48.0 GB of samples");
        assertThat((System.nanoTime() - t0) / 1e9).as("refused before drawing").isLessThan(30);
        oneLine(Cli.run("generate", "--checkpoint", run.toString(), "--n", "200000", "--out",
                tmp.resolve("big.png").toString()), 2, "a .png grid holds at most 100000 samples");
    }
}
