package org.gan4j.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.gan4j.engine.Gan4j;
import org.gan4j.engine.RunResult;
import org.gan4j.engine.TrainingHandle;
import org.gan4j.engine.TrainingListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Corrupted and hostile checkpoints (truncations, flipped bytes, crafted {@code .npy} headers and payloads, manifest
 * fields out of range, missing and extra entries, an entry claiming 2.2 GiB, NaN and exploded weights) against
 * {@code generate} and {@code resume} in this JVM: each is refused in one line with exit 2, or, when the corruption
 * changed nothing that is read, gives exactly the original's samples. A native crash would take the test JVM down.
 */
class CheckpointFuzzTest {
    @TempDir
    Path tmp;

    private Gan4j gan;
    private Path good;
    private INDArray goodSamples;

    @BeforeEach
    void train() throws Exception {
        gan = Gan4j.create((Path) null);
        RunResult r = gan.train(gan.parseConfig(ConfigFuzzTest.RING, List.of("training.steps=4",
                "checkpoints.every=0")), tmp.resolve("run"), new TrainingListener() { }, new TrainingHandle());
        good = r.checkpoint();
        goodSamples = gan.sample(good, 8, 5);
    }

    private static Map<String, byte[]> entries(Path ckpt) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(ckpt.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                out.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }

    private static void zip(Path file, Map<String, byte[]> entries) throws Exception {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
    }

    /** Rewrites an entry; with {@code rehash} the manifest's hash is made to match, so the next check must catch it. */
    private Path rewrite(String name, String entry, Change change, boolean rehash) throws Exception {
        Map<String, byte[]> e = entries(good);
        byte[] changed = change.apply(e.get(entry));
        if (changed == null) {
            e.remove(entry);
        } else {
            e.put(entry, changed);
        }
        if (rehash && changed != null && !entry.equals("manifest.json")) {
            String manifest = new String(e.get("manifest.json"), StandardCharsets.UTF_8);
            String old = sha256(entries(good).get(entry));
            e.put("manifest.json", manifest.replace(old, sha256(changed)).getBytes(StandardCharsets.UTF_8));
        }
        Path f = tmp.resolve(name + ".ckpt");
        zip(f, e);
        return f;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] npy(String descr, String shape, byte[] payload) {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shape + "), }";
        while ((10 + header.length() + 1) % 64 != 0) {
            header += " ";
        }
        header += "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1)).put(payload);
        return b.array();
    }

    private static byte[] floats(int n, float value) {
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(value);
        }
        return b.array();
    }

    private List<Path> corruptions() throws Exception {
        List<Path> out = new ArrayList<>();
        byte[] raw = Files.readAllBytes(good);
        // truncations
        for (int i = 1; i <= 25; i++) {
            Path f = tmp.resolve("cut-" + i + ".ckpt");
            Files.write(f, java.util.Arrays.copyOf(raw, (int) ((long) raw.length * i / 26)));
            out.add(f);
        }
        // flipped bytes anywhere in the file (compressed data, local headers, central directory)
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < 40; i++) {
            byte[] b = raw.clone();
            int at = r.nextInt(b.length);
            b[at] ^= (byte) (1 << r.nextInt(8));
            Path f = tmp.resolve("flip-" + i + ".ckpt");
            Files.write(f, b);
            out.add(f);
        }
        String params = "networks/G/params.npy";
        int n = paramsOfG();
        Map<String, byte[]> crafted = new LinkedHashMap<>();
        crafted.put("big-endian", npy(">f4", "1, " + n, floats(n, 0.1f)));
        crafted.put("garbage-descr", npy("<x9", "1, " + n, floats(n, 0.1f)));
        crafted.put("int32", npy("<i4", "1, " + n, floats(n, 0.1f)));
        crafted.put("claims-more", npy("<f4", "1, " + (n * 1000), floats(n, 0.1f)));
        crafted.put("claims-3.5G", npy("<f4", "3500000000,", floats(n, 0.1f)));
        crafted.put("short-payload", npy("<f4", "1, " + n, floats(n - 7, 0.1f)));
        crafted.put("negative-dim", npy("<f4", "-1, " + n, floats(n, 0.1f)));
        crafted.put("text-dim", npy("<f4", "1, x", floats(n, 0.1f)));
        crafted.put("no-shape", "\u0093NUMPY\u0001\u0000\u0010\u0000{'descr': '<f4'}\n".getBytes(StandardCharsets.ISO_8859_1));
        crafted.put("fortran", npy("<f4", "1, " + n, floats(n, 0.1f)).clone());
        crafted.put("nan", npy("<f4", "1, " + n, floats(n, Float.NaN)));
        crafted.put("inf", npy("<f4", "1, " + n, floats(n, Float.POSITIVE_INFINITY)));
        crafted.put("exploded", npy("<f4", "1, " + n, floats(n, 1e35f)));
        crafted.put("wrong-length", npy("<f4", "1, " + (n - 1), floats(n - 1, 0.1f)));
        crafted.put("empty", new byte[0]);
        crafted.put("magic", "NOTNUMPY".getBytes(StandardCharsets.ISO_8859_1));
        crafted.put("version-9", new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 9, 0, 0, 0});
        crafted.put("huge-header", new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, -1, -1, -1, 127});
        String fortranHeader = new String(crafted.get("fortran"), StandardCharsets.ISO_8859_1).replace("False", "True ");
        crafted.put("fortran", fortranHeader.getBytes(StandardCharsets.ISO_8859_1));
        for (Map.Entry<String, byte[]> c : crafted.entrySet()) {
            out.add(rewrite("npy-" + c.getKey(), params, b -> c.getValue(), true));
            out.add(rewrite("npy-nohash-" + c.getKey(), params, b -> c.getValue(), false));
            out.add(rewrite("adam-" + c.getKey(), "optimizers/G.npy", b -> c.getValue(), true));
        }
        // manifest fields
        Map<String, String[]> manifest = new LinkedHashMap<>();
        manifest.put("step-negative", new String[] {"\"step\" : 4", "\"step\" : -1"});
        manifest.put("step-huge", new String[] {"\"step\" : 4", "\"step\" : 100000000000000000000"});
        manifest.put("step-text", new String[] {"\"step\" : 4", "\"step\" : \"four\""});
        manifest.put("cursor-negative", new String[] {"\"batch_cursor\" : 4", "\"batch_cursor\" : -5"});
        manifest.put("version-3", new String[] {"\"format_version\" : 2", "\"format_version\" : 3"});
        manifest.put("format", new String[] {"gan4j-checkpoint", "other-checkpoint"});
        manifest.put("shape-empty", new String[] {"\"sample_shape\" : [ 2 ]", "\"sample_shape\" : [ ]"});
        manifest.put("shape-zero", new String[] {"\"sample_shape\" : [ 2 ]", "\"sample_shape\" : [ 0 ]"});
        manifest.put("shape-huge", new String[] {"\"sample_shape\" : [ 2 ]", "\"sample_shape\" : [ 1000000000, 1000000000 ]"});
        manifest.put("classes-negative", new String[] {"\"num_classes\" : 0", "\"num_classes\" : -1"});
        manifest.put("iterations-negative", new String[] {"\"G\" : 4", "\"G\" : -4"});
        manifest.put("pending-negative", new String[] {"\"count\" : 0", "\"count\" : -1"});
        manifest.put("hash-wrong", new String[] {"\"sha256\" : {", "\"sha256\" : { \"x\" : \"y\","});
        manifest.put("not-json", new String[] {"{", "{{{"});
        for (Map.Entry<String, String[]> m : manifest.entrySet()) {
            out.add(rewrite("manifest-" + m.getKey(), "manifest.json", b -> new String(b, StandardCharsets.UTF_8)
                    .replaceFirst(java.util.regex.Pattern.quote(m.getValue()[0]), m.getValue()[1])
                    .getBytes(StandardCharsets.UTF_8), false));
        }
        // missing and unexpected entries
        for (String missing : List.of("manifest.json", "config.yaml", params, "optimizers/G.npy", "networks/D/params.npy")) {
            out.add(rewrite("missing-" + missing.replace('/', '_'), missing, b -> null, false));
        }
        Map<String, byte[]> extra = entries(good);
        extra.put("networks/X/params.npy", npy("<f4", "1, 4", floats(4, 0.1f)));
        Path f = tmp.resolve("extra.ckpt");
        zip(f, extra);
        out.add(f);
        out.add(claimsHugeEntry(raw));
        return out;
    }

    private int paramsOfG() throws Exception {
        byte[] b = entries(good).get("networks/G/params.npy");
        int header = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort(8) & 0xffff;
        return (b.length - 10 - header) / 4;
    }

    /** A change to an entry's bytes; null removes the entry. */
    @FunctionalInterface
    private interface Change {
        byte[] apply(byte[] bytes);
    }

    /** The same file with the central directory claiming 2.2 GiB uncompressed for the first array entry. */
    private Path claimsHugeEntry(byte[] raw) throws Exception {
        byte[] b = raw.clone();
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = b.length - 22; i >= 0; i--) {
            if (le.getInt(i) == 0x06054b50) {
                int cd = le.getInt(i + 16);
                int entries = le.getShort(i + 10) & 0xffff;
                int at = cd;
                for (int k = 0; k < entries; k++) {
                    int nameLen = le.getShort(at + 28) & 0xffff;
                    String name = new String(b, at + 46, nameLen, StandardCharsets.UTF_8);
                    if (name.endsWith(".npy")) {
                        le.putInt(at + 24, (int) 2_362_232_012L);
                        break;
                    }
                    at += 46 + nameLen + (le.getShort(at + 30) & 0xffff) + (le.getShort(at + 32) & 0xffff);
                }
                break;
            }
        }
        Path f = tmp.resolve("huge-entry.ckpt");
        Files.write(f, b);
        return f;
    }

    private int outcome(java.util.concurrent.Callable<Object> action, StringBuilder err) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try {
                action.call();
                return 0;
            } catch (Exception e) {
                return Main.report(e, new PrintStream(buf, true, StandardCharsets.UTF_8));
            }
        });
        err.append(buf.toString(StandardCharsets.UTF_8));
        return code;
    }

    @Test
    void corruptedCheckpointsAreRefusedInOneLineOrReadExactly() throws Exception {
        List<Path> cases = corruptions();
        assertThat(cases.size()).as("checkpoint corruptions").isGreaterThanOrEqualTo(100);
        int refused = 0;
        for (Path c : cases) {
            StringBuilder err = new StringBuilder();
            INDArray[] samples = new INDArray[1];
            int code = outcome(() -> samples[0] = gan.sample(c, 8, 5), err);
            if (code == 0) {
                assertThat(samples[0]).as(c.getFileName() + " loaded: it must give the original's samples")
                        .isEqualTo(goodSamples);
            } else {
                refused++;
                assertThat(code).as(c.getFileName() + ": " + err).isEqualTo(2);
                assertThat(err.toString().lines().count()).as(c.getFileName() + ": " + err).isEqualTo(1);
                assertThat(err.toString()).startsWith("gan: error: ").doesNotContain("internal error");
            }
            // resume from a run directory whose only checkpoint is this one
            Path run = tmp.resolve("resume-" + c.getFileName());
            Files.createDirectories(run.resolve("checkpoints"));
            Files.copy(c, run.resolve("checkpoints/step-00000004.ckpt"));
            StringBuilder err2 = new StringBuilder();
            int code2 = outcome(() -> gan.resume(run, 6L, new TrainingListener() { }, new TrainingHandle()), err2);
            assertThat(code2).as(c.getFileName() + " resume: " + err2).isIn(0, 2);
            if (code2 == 2) {
                assertThat(err2.toString().lines().count()).as(err2.toString()).isEqualTo(1);
            }
        }
        assertThat(refused).as("most corruptions are caught").isGreaterThan(cases.size() / 2);
        System.out.printf("checkpoint fuzz: %d corruptions, %d refused in one line (exit 2), %d read the original's "
                + "samples exactly%n", cases.size(), refused, cases.size() - refused);
    }

    @Test
    void resumeFallsBackToTheNewestGoodCheckpointAndSaysWhichItSkipped() throws Exception {
        Path run = tmp.resolve("fallback");
        gan.train(gan.parseConfig(ConfigFuzzTest.RING, List.of("training.steps=6", "checkpoints.every=2",
                "checkpoints.keep=5")), run, new TrainingListener() { }, new TrainingHandle());
        Path newest = run.resolve("checkpoints/step-00000006.ckpt");
        byte[] b = Files.readAllBytes(newest);
        b[b.length / 3] ^= 0x40;
        Files.write(newest, b);
        List<String> notices = new ArrayList<>();
        RunResult r = gan.resume(run, 8L, new TrainingListener() {
            @Override
            public void onNotice(String message) {
                notices.add(message);
            }
        }, new TrainingHandle());
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0)).contains("step-00000006.ckpt").containsAnyOf("corrupt", "unreadable");
        assertThat(r.steps()).isEqualTo(8);
        // it continued from step 4: the same as an uninterrupted 8-step run
        RunResult straight = gan.train(gan.parseConfig(ConfigFuzzTest.RING, List.of("training.steps=8",
                "checkpoints.every=2", "checkpoints.keep=5")), tmp.resolve("straight"), new TrainingListener() { },
                new TrainingHandle());
        assertThat(entries(r.checkpoint()).get("networks/G/params.npy"))
                .isEqualTo(entries(straight.checkpoint()).get("networks/G/params.npy"));
    }
}
