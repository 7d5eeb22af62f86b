package org.gan4j.engine.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.gan4j.api.DataException;
import org.gan4j.api.data.Batch;
import org.gan4j.api.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader on tiny files written here, plain and gzipped, and its errors. */
class IdxDataSourceTest {
    @TempDir
    Path tmp;

    /** Writes n images of 2×3 pixels where image i has every pixel = 50·i, and label i % 10. */
    static void writeIdx(Path dir, String prefix, int n, boolean gz) throws IOException {
        Files.createDirectories(dir);
        String suffix = gz ? ".gz" : "";
        try (DataOutputStream out = new DataOutputStream(open(dir.resolve(prefix + "-images-idx3-ubyte" + suffix), gz))) {
            out.writeInt(0x803);
            out.writeInt(n);
            out.writeInt(2);
            out.writeInt(3);
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < 6; p++) {
                    out.writeByte(Math.min(255, 50 * i));
                }
            }
        }
        try (DataOutputStream out = new DataOutputStream(open(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix), gz))) {
            out.writeInt(0x801);
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                out.writeByte(i % 10);
            }
        }
    }

    private static OutputStream open(Path f, boolean gz) throws IOException {
        OutputStream o = Files.newOutputStream(f);
        return gz ? new GZIPOutputStream(o) : o;
    }

    @Test
    void readsPlainAndGzippedFilesScaledToPlusMinusOne() throws Exception {
        writeIdx(tmp.resolve("plain"), "train", 6, false);
        writeIdx(tmp.resolve("gz"), "t10k", 4, true);
        Dataset a = new IdxDataSource.Mnist().open(new IdxDataSource.Config(tmp.resolve("plain").toString(), "train", 0));
        assertThat(a.size()).isEqualTo(6);
        assertThat(a.sampleShape()).containsExactly(1, 2, 3);
        assertThat(a.numClasses()).isEqualTo(10);
        Batch b = a.batch(new int[] {0, 5});
        assertThat(b.x().shape()).containsExactly(2, 1, 2, 3);
        assertThat(b.x().getFloat(0)).isEqualTo(-1f);
        assertThat(b.x().getFloat(6)).isCloseTo(250 / 127.5f - 1, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(b.labels().toFloatVector()).containsExactly(0f, 5f);
        Dataset t = new IdxDataSource.Fashion().open(new IdxDataSource.Config(tmp.resolve("gz").toString(), "test", 3));
        assertThat(t.size()).isEqualTo(3);
    }

    @Test
    void missingOrBrokenFilesNameTheSetupCommand() throws Exception {
        assertThatThrownBy(() -> new IdxDataSource.Mnist().open(new IdxDataSource.Config(tmp.resolve("none").toString(), "train", 0)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("train-images-idx3-ubyte[.gz] is missing; fetch it with: scripts/setup-data.sh mnist");
        Path dir = Files.createDirectories(tmp.resolve("trunc"));
        writeIdx(dir, "train", 5, false);
        Path img = dir.resolve("train-images-idx3-ubyte");
        byte[] b = Files.readAllBytes(img);
        Files.write(img, java.util.Arrays.copyOf(b, b.length - 7));
        assertThatThrownBy(() -> new IdxDataSource.Mnist().open(new IdxDataSource.Config(dir.toString(), "train", 0)))
                .isInstanceOf(DataException.class).hasMessageContaining("truncated IDX file");
    }

    /** Overwrites a 4-byte big-endian field of an IDX file. */
    private static void patch(Path f, int offset, int value) throws IOException {
        byte[] b = Files.readAllBytes(f);
        java.nio.ByteBuffer.wrap(b).putInt(offset, value);
        Files.write(f, b);
    }

    @Test
    void corruptHeadersAndLabelsAreRefusedNotAllocatedOrReadSigned() throws Exception {
        IdxDataSource.Config train = new IdxDataSource.Config(tmp.resolve("bad").toString(), "train", 0);
        for (int[] field : new int[][] {{4, -6}, {4, Integer.MAX_VALUE}, {8, 0}, {12, 100000}}) {
            writeIdx(tmp.resolve("bad"), "train", 6, false);
            patch(tmp.resolve("bad/train-images-idx3-ubyte"), field[0], field[1]);
            assertThatThrownBy(() -> new IdxDataSource.Mnist().open(train)).isInstanceOf(DataException.class)
                    .hasMessageContaining("corrupt IDX header");
        }
        writeIdx(tmp.resolve("bad"), "train", 6, false);
        byte[] labels = Files.readAllBytes(tmp.resolve("bad/train-labels-idx1-ubyte"));
        // label 200: a signed byte would have made it class -56
        labels[8 + 3] = (byte) 200;
        Files.write(tmp.resolve("bad/train-labels-idx1-ubyte"), labels);
        assertThatThrownBy(() -> new IdxDataSource.Mnist().open(train)).isInstanceOf(DataException.class)
                .hasMessageContaining("label 200 of image 3 is outside [0, 10)");
    }
}
