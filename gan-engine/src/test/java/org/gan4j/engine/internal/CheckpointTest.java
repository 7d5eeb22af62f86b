package org.gan4j.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gan4j.api.CheckpointException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The checkpoint file round-trips every part of the state, and every way of being broken is a clear error. */
class CheckpointTest {
    @TempDir
    Path tmp;

    private Checkpoint sample() {
        INDArray g = Nd4j.create(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, new long[] {1, 10}, DataType.FLOAT);
        INDArray d = Nd4j.create(new float[] {-1, -0.5f, 0, 0.5f, 1, 2}, new long[] {1, 6}, DataType.FLOAT);
        return new Checkpoint(42, 84, 7, new long[] {1, 28, 28}, 10, "name: x\n", Map.of("G", g, "D", d),
                Map.of("D", Map.of("mean", Nd4j.ones(DataType.FLOAT, 3))), Map.of("G", g.mul(2)), Map.of("G", 42L, "D", 42L),
                Map.of("pool", Nd4j.zeros(DataType.FLOAT, 2, 2)), List.of("{\"step\":1}", "{\"step\":2}"),
                Map.of("loss_d", 2.5), 3, Map.of("networks.G", new Provenance.Entry("mlp-generator", "gan4j.plugin.vanilla",
                        "0.1.0", "/x/plugin-vanilla.jar")), Map.of("G", g.add(0.5)));
    }

    @Test
    void roundTripsTheFullState() throws Exception {
        Path f = tmp.resolve("checkpoints/step-00000042.ckpt");
        Checkpoint c = sample();
        c.write(f);
        Checkpoint r = Checkpoint.read(f);
        assertThat(r.step()).isEqualTo(42);
        assertThat(r.batchCursor()).isEqualTo(84);
        assertThat(r.seed()).isEqualTo(7);
        assertThat(r.sampleShape()).containsExactly(1, 28, 28);
        assertThat(r.numClasses()).isEqualTo(10);
        assertThat(r.configYaml()).isEqualTo("name: x\n");
        assertThat(r.params().get("G")).isEqualTo(c.params().get("G"));
        assertThat(r.params().get("D")).isEqualTo(c.params().get("D"));
        assertThat(r.buffers().get("D").get("mean")).isEqualTo(Nd4j.ones(DataType.FLOAT, 3));
        assertThat(r.optimizerState().get("G")).isEqualTo(c.optimizerState().get("G"));
        assertThat(r.optimizerIterations()).containsEntry("G", 42L).containsEntry("D", 42L);
        assertThat(r.scheduleState().get("pool")).isEqualTo(Nd4j.zeros(DataType.FLOAT, 2, 2));
        assertThat(r.metrics()).containsExactly("{\"step\":1}", "{\"step\":2}");
        assertThat(r.pendingSums()).containsExactly(Map.entry("loss_d", 2.5));
        assertThat(r.pendingCount()).isEqualTo(3);
        assertThat(r.provenance()).isEqualTo(c.provenance());
        assertThat(r.ema().get("G")).isEqualTo(c.ema().get("G"));
        assertThat(Files.list(f.getParent())).containsExactly(f);
    }

    @Test
    void truncatedOrFlippedFilesAreRejected() throws Exception {
        Path f = tmp.resolve("a.ckpt");
        sample().write(f);
        byte[] bytes = Files.readAllBytes(f);
        Path cut = Files.write(tmp.resolve("cut.ckpt"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> Checkpoint.read(cut)).isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith(cut + ": unreadable checkpoint");
        byte[] flipped = bytes.clone();
        for (int i = 200; i < 260; i++) {
            flipped[i] ^= 0x5a;
        }
        Path bad = Files.write(tmp.resolve("flipped.ckpt"), flipped);
        assertThatThrownBy(() -> Checkpoint.read(bad)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("checkpoint");
        Path text = Files.writeString(tmp.resolve("text.ckpt"), "not a checkpoint");
        assertThatThrownBy(() -> Checkpoint.read(text)).isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith(text + ": unreadable checkpoint (not a valid zip file");
        assertThatThrownBy(() -> Checkpoint.read(tmp.resolve("none.ckpt"))).isInstanceOf(CheckpointException.class)
                .hasMessageEndingWith("none.ckpt: no such checkpoint file");
    }

    @Test
    void anotherFormatVersionIsRefused() throws Exception {
        Path f = tmp.resolve("v4.ckpt");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(f))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("manifest.json"));
            zip.write("{\"format\":\"gan4j-checkpoint\",\"format_version\":4}".getBytes());
            zip.closeEntry();
        }
        assertThatThrownBy(() -> Checkpoint.read(f)).isInstanceOf(CheckpointException.class)
                .hasMessage(f + ": checkpoint format version 4 is not supported by this gan4j (it reads versions 1 to 3)");
    }
}
