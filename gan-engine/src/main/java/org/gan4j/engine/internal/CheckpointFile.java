package org.gan4j.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.gan4j.api.CheckpointException;
import org.gan4j.api.GanApi;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A checkpoint's zip file, written atomically and read as untrusted input. Reading checks, before anything reaches
 * native code or a large allocation: the manifest's fields and ranges, every entry's declared size against what this
 * machine can hold, the zip CRC and (format 2) the SHA-256 the manifest recorded for every entry, every array's
 * {@code .npy} header and payload length ({@link Npy}), and that every weight, buffer and optimizer state is finite and
 * not exploded ({@code |x| ≤ 1e30}): a checkpoint that passes is one a run can continue from.
 */
final class CheckpointFile {
    /** Largest magnitude a saved value may have: beyond it the next update overflows float. */
    static final double EXPLODED = 1e30;
    private static final long MAX_TEXT = 64L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointFile() {
    }

    static void write(Checkpoint c, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            writeZip(c, tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            // a full disk or a failed array must not leave half a checkpoint beside the good ones
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void writeZip(Checkpoint c, Path tmp) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (OutputStream raw = Files.newOutputStream(tmp);
             ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(raw, 1 << 20))) {
            zip.setLevel(1);
            put(zip, "config.yaml", c.configYaml().getBytes(StandardCharsets.UTF_8), hashes);
            for (Map.Entry<String, INDArray> e : c.params().entrySet()) {
                put(zip, "networks/" + e.getKey() + "/params.npy", Npy.write(e.getValue()), hashes);
            }
            for (Map.Entry<String, Map<String, INDArray>> e : c.buffers().entrySet()) {
                for (Map.Entry<String, INDArray> b : e.getValue().entrySet()) {
                    put(zip, "networks/" + e.getKey() + "/buffers/" + b.getKey() + ".npy", Npy.write(b.getValue()), hashes);
                }
            }
            for (Map.Entry<String, INDArray> e : c.optimizerState().entrySet()) {
                put(zip, "optimizers/" + e.getKey() + ".npy", Npy.write(e.getValue()), hashes);
            }
            for (Map.Entry<String, INDArray> e : c.scheduleState().entrySet()) {
                put(zip, "schedule/" + e.getKey() + ".npy", Npy.write(e.getValue()), hashes);
            }
            for (Map.Entry<String, INDArray> e : c.ema().entrySet()) {
                put(zip, "ema/" + e.getKey() + ".npy", Npy.write(e.getValue()), hashes);
            }
            put(zip, "metrics.jsonl", String.join("", c.metrics().stream().map(l -> l + "\n").toList())
                    .getBytes(StandardCharsets.UTF_8), hashes);
            // the manifest comes last: it records the hash of everything before it
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("format", Checkpoint.FORMAT);
            manifest.put("format_version", Checkpoint.FORMAT_VERSION);
            manifest.put("api_version", GanApi.VERSION);
            manifest.put("step", c.step());
            manifest.put("batch_cursor", c.batchCursor());
            manifest.put("seed", c.seed());
            manifest.set("sample_shape", JSON.valueToTree(c.sampleShape()));
            manifest.put("num_classes", c.numClasses());
            manifest.put("created", java.time.Instant.now().toString());
            ObjectNode its = manifest.putObject("optimizer_iterations");
            c.optimizerIterations().forEach(its::put);
            ObjectNode pending = manifest.putObject("metrics_pending");
            pending.put("count", c.pendingCount());
            ObjectNode sums = pending.putObject("sums");
            c.pendingSums().forEach(sums::put);
            // which provider built each component (optional: older checkpoints have none)
            manifest.set("provenance", Provenance.toJson(c.provenance()));
            ObjectNode sha = manifest.putObject("sha256");
            hashes.forEach(sha::put);
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            zip.closeEntry();
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes, Map<String, String> hashes)
            throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
        hashes.put(name, sha256(bytes));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Checkpoint read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file + ": no such checkpoint file");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return read(file, zip);
        } catch (CheckpointException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": no such checkpoint file");
        } catch (ZipException e) {
            throw new CheckpointException(file + ": unreadable checkpoint (not a valid zip file: " + e.getMessage() + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(file + ": unreadable checkpoint (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    private static Checkpoint read(Path file, ZipFile zip) throws IOException {
        ZipEntry m = zip.getEntry("manifest.json");
        if (m == null) {
            throw new CheckpointException(file + ": not a gan4j checkpoint (no manifest.json)");
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(entry(zip, m, file, MAX_TEXT));
        } catch (com.fasterxml.jackson.core.JsonProcessingException j) {
            throw new CheckpointException(file + ": corrupt checkpoint (manifest.json is not JSON: "
                    + j.getOriginalMessage().lines().findFirst().orElse("") + ")", j);
        }
        if (!manifest.isObject() || !Checkpoint.FORMAT.equals(manifest.path("format").asText())) {
            throw new CheckpointException(file + ": not a gan4j checkpoint (format '" + manifest.path("format").asText() + "')");
        }
        int version = manifest.path("format_version").asInt(-1);
        if (version < 1 || version > Checkpoint.FORMAT_VERSION) {
            throw new CheckpointException(file + ": checkpoint format version " + manifest.path("format_version").asText()
                    + " is not supported by this gan4j (it reads versions 1 to " + Checkpoint.FORMAT_VERSION + ")");
        }
        long step = whole(manifest, "step", 0, 1_000_000_000_000L, file);
        long cursor = whole(manifest, "batch_cursor", 0, Long.MAX_VALUE / 2, file);
        long seed = manifest.path("seed").asLong();
        long[] shape = sampleShape(manifest, file);
        int classes = (int) whole(manifest, "num_classes", 0, 100_000, file);
        JsonNode sha = manifest.path("sha256");
        if (version >= 2 && !sha.isObject()) {
            throw new CheckpointException(file + ": corrupt checkpoint (the manifest has no content hashes)");
        }
        Map<String, INDArray> params = new LinkedHashMap<>();
        Map<String, Map<String, INDArray>> buffers = new LinkedHashMap<>();
        Map<String, INDArray> optimizers = new LinkedHashMap<>();
        Map<String, INDArray> schedule = new LinkedHashMap<>();
        Map<String, INDArray> ema = new LinkedHashMap<>();
        String config = null;
        List<String> metrics = new ArrayList<>();
        for (ZipEntry e : java.util.Collections.list(zip.entries())) {
            String n = e.getName();
            if (n.equals("manifest.json")) {
                continue;
            }
            if (version >= 2 && !sha.has(n)) {
                throw new CheckpointException(file + ": corrupt checkpoint (" + n + " is not in the manifest)");
            }
            if (n.equals("config.yaml")) {
                config = new String(verified(zip, e, file, sha, MAX_TEXT), StandardCharsets.UTF_8);
            } else if (n.equals("metrics.jsonl")) {
                new String(verified(zip, e, file, sha, MAX_TEXT), StandardCharsets.UTF_8).lines()
                        .filter(l -> !l.isBlank()).forEach(metrics::add);
            } else if (n.startsWith("networks/") && n.endsWith("/params.npy")) {
                params.put(n.substring(9, n.length() - 11), array(zip, e, file, sha));
            } else if (n.startsWith("networks/") && n.contains("/buffers/") && n.endsWith(".npy")) {
                String net = n.substring(9, n.indexOf("/buffers/"));
                String buf = n.substring(n.indexOf("/buffers/") + 9, n.length() - 4);
                buffers.computeIfAbsent(net, k -> new TreeMap<>()).put(buf, array(zip, e, file, sha));
            } else if (n.startsWith("optimizers/") && n.endsWith(".npy")) {
                optimizers.put(n.substring(11, n.length() - 4), array(zip, e, file, sha));
            } else if (n.startsWith("schedule/") && n.endsWith(".npy")) {
                schedule.put(n.substring(9, n.length() - 4), array(zip, e, file, sha));
            } else if (version >= 3 && n.startsWith("ema/") && n.endsWith(".npy")) {
                ema.put(n.substring(4, n.length() - 4), array(zip, e, file, sha));
            } else {
                throw new CheckpointException(file + ": corrupt checkpoint (unexpected entry " + n + ")");
            }
        }
        if (version >= 2) {
            for (java.util.Iterator<String> it = sha.fieldNames(); it.hasNext(); ) {
                String n = it.next();
                if (zip.getEntry(n) == null) {
                    throw new CheckpointException(file + ": corrupt checkpoint (" + n + " is missing)");
                }
            }
        }
        if (config == null || params.isEmpty()) {
            throw new CheckpointException(file + ": corrupt checkpoint (config or parameters missing)");
        }
        Map<String, Long> its = new LinkedHashMap<>();
        for (java.util.Iterator<Map.Entry<String, JsonNode>> it = manifest.path("optimizer_iterations").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().canConvertToLong() || f.getValue().asLong() < 0) {
                throw new CheckpointException(file + ": corrupt checkpoint (optimizer_iterations." + f.getKey() + " is "
                        + f.getValue() + ")");
            }
            its.put(f.getKey(), f.getValue().asLong());
        }
        JsonNode pending = manifest.path("metrics_pending");
        Map<String, Double> sums = new LinkedHashMap<>();
        pending.path("sums").fields().forEachRemaining(f -> sums.put(f.getKey(), f.getValue().asDouble()));
        int count = pending.path("count").asInt(0);
        if (count < 0 || sums.values().stream().anyMatch(v -> !Double.isFinite(v))) {
            throw new CheckpointException(file + ": corrupt checkpoint (metrics_pending is out of range)");
        }
        Map<String, Provenance.Entry> provenance = new LinkedHashMap<>();
        manifest.path("provenance").fields().forEachRemaining(f -> {
            JsonNode v = f.getValue();
            if (v.isObject()) {
                provenance.put(f.getKey(), new Provenance.Entry(v.path("type").asText(), v.path("module").asText(),
                        v.path("version").asText(), v.path("location").asText()));
            }
        });
        return new Checkpoint(step, cursor, seed, shape, classes, config, params, buffers, optimizers, its, schedule,
                metrics, sums, count, provenance, ema);
    }

    private static long whole(JsonNode manifest, String key, long min, long max, Path file) {
        JsonNode v = manifest.path(key);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw new CheckpointException(file + ": corrupt checkpoint (manifest " + key + " is "
                    + (v.isMissingNode() ? "missing" : v.toString()) + "; expected a whole number in [" + min + ", " + max + "])");
        }
        return v.asLong();
    }

    private static long[] sampleShape(JsonNode manifest, Path file) {
        JsonNode s = manifest.path("sample_shape");
        if (!s.isArray() || s.isEmpty() || s.size() > 4) {
            throw new CheckpointException(file + ": corrupt checkpoint (manifest has no valid sample_shape)");
        }
        long[] shape = new long[s.size()];
        double product = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = s.get(i);
            if (!d.isIntegralNumber() || d.asLong() < 1 || d.asLong() > 65536) {
                throw new CheckpointException(file + ": corrupt checkpoint (sample_shape " + s + " is out of range)");
            }
            shape[i] = d.asLong();
            product *= shape[i];
        }
        if (product > Integer.MAX_VALUE) {
            throw new CheckpointException(file + ": corrupt checkpoint (sample_shape " + s + " is too large)");
        }
        return shape;
    }

    /** An entry's bytes, at most {@code limit}, with its CRC checked (ZipFile itself does not check it). */
    private static byte[] entry(ZipFile zip, ZipEntry e, Path file, long limit) throws IOException {
        long size = e.getSize();
        long bound = Math.min(limit, Math.min(Integer.MAX_VALUE - 8, org.gan4j.nn.Memory.available() / 4));
        if (size > bound) {
            throw new CheckpointException(file + ": corrupt checkpoint (" + e.getName() + " claims " + size
                    + " bytes, more than the " + bound + " a checkpoint entry may have)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(0, Math.min(size, 1 << 26)));
        byte[] buf = new byte[1 << 16];
        long total = 0;
        try (InputStream in = zip.getInputStream(e)) {
            for (int r; (r = in.read(buf)) > 0; ) {
                total += r;
                if (total > bound || size >= 0 && total > size) {
                    throw new CheckpointException(file + ": corrupt checkpoint (" + e.getName() + " is longer than it claims)");
                }
                out.write(buf, 0, r);
            }
        } catch (ZipException z) {
            throw new CheckpointException(file + ": corrupt checkpoint (" + e.getName() + ": " + z.getMessage() + ")", z);
        }
        byte[] bytes = out.toByteArray();
        if (size >= 0 && bytes.length != size) {
            throw new CheckpointException(file + ": corrupt checkpoint (" + e.getName() + " is shorter than it claims)");
        }
        if (e.getCrc() != -1) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            if (crc.getValue() != e.getCrc()) {
                throw new CheckpointException(file + ": corrupt checkpoint (" + e.getName() + " fails its CRC check)");
            }
        }
        return bytes;
    }

    private static byte[] verified(ZipFile zip, ZipEntry e, Path file, JsonNode sha, long limit) throws IOException {
        byte[] bytes = entry(zip, e, file, limit);
        if (sha.has(e.getName()) && !sha.get(e.getName()).asText().equals(sha256(bytes))) {
            throw new CheckpointException(file + ": corrupt checkpoint (" + e.getName()
                    + " does not match the hash the manifest recorded)");
        }
        return bytes;
    }

    private static INDArray array(ZipFile zip, ZipEntry e, Path file, JsonNode sha) throws IOException {
        byte[] bytes = verified(zip, e, file, sha, Long.MAX_VALUE);
        INDArray a;
        try {
            a = Npy.read(bytes, Integer.MAX_VALUE - 8L);
        } catch (Npy.Malformed m) {
            throw new CheckpointException(file + ": corrupt checkpoint (" + e.getName() + ": " + m.getMessage() + ")");
        }
        if (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE) {
            String bad = badValue(a);
            if (bad != null) {
                throw new CheckpointException(file + ": not a good checkpoint (" + e.getName() + " holds " + bad + ")");
            }
        }
        return a;
    }

    /** A description of the first non-finite or exploded value, or null when all are fine. */
    static String badValue(INDArray a) {
        INDArray c = a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
        if (c.dataType() != DataType.DOUBLE && c.dataType() != DataType.FLOAT) {
            return null;
        }
        long n = c.length();
        boolean dbl = c.dataType() == DataType.DOUBLE;
        // chunk by chunk: a copy of a whole parameter vector would double the memory of a large checkpoint
        int chunk = 8192;
        double[] d = dbl ? new double[chunk] : null;
        float[] f = dbl ? null : new float[chunk];
        for (long from = 0; from < n; from += chunk) {
            int len = (int) Math.min(chunk, n - from);
            if (dbl) {
                org.gan4j.api.nn.HostData.read(c, from, d, 0, len);
            } else {
                org.gan4j.api.nn.HostData.read(c, from, f, 0, len);
            }
            for (int i = 0; i < len; i++) {
                double v = dbl ? d[i] : f[i];
                long at = from + i;
                if (Double.isNaN(v)) {
                    return "NaN at index " + at;
                }
                if (Double.isInfinite(v)) {
                    return "infinity at index " + at;
                }
                if (Math.abs(v) > EXPLODED) {
                    return "an exploded value (" + v + ") at index " + at;
                }
            }
        }
        return null;
    }
}
