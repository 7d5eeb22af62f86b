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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.gan4j.api.CheckpointException;
import org.gan4j.api.GanApi;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The full training state of a run, as one zip file: a JSON manifest with the format version, the effective config,
 * every network's parameters and buffers, every optimizer's state, the schedule's state and the metric history.
 * Arrays are stored as NumPy {@code .npy}, so a checkpoint can be inspected with NumPy.
 *
 * @param step training iterations completed
 * @param batchCursor batches drawn from the data stream
 * @param seed the run seed
 * @param sampleShape one data sample's shape, so sampling needs no dataset
 * @param numClasses the data's label count
 * @param configYaml the effective config
 * @param params parameters by network
 * @param buffers non-trainable buffers by network, then by buffer name
 * @param optimizerState optimizer state by network (absent when stateless)
 * @param optimizerIterations optimizer update counts by network
 * @param scheduleState the schedule's state by name
 * @param metrics the metrics.jsonl lines written up to this step
 */
public record Checkpoint(long step, long batchCursor, long seed, long[] sampleShape, int numClasses, String configYaml, Map<String, INDArray> params,
                         Map<String, Map<String, INDArray>> buffers, Map<String, INDArray> optimizerState,
                         Map<String, Long> optimizerIterations, Map<String, INDArray> scheduleState,
                         List<String> metrics) {
    /** The checkpoint format this build writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The manifest's {@code format} value. */
    public static final String FORMAT = "gan4j-checkpoint";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Writes the checkpoint atomically: to a temporary file in the same directory, flushed to disk, then renamed, so
     * a crash never leaves a half-written file under the final name.
     *
     * @param target the final path
     * @throws IOException when writing fails (the target is untouched)
     */
    public void write(Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream raw = Files.newOutputStream(tmp);
             ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(raw, 1 << 20))) {
            zip.setLevel(1);
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("format", FORMAT);
            manifest.put("format_version", FORMAT_VERSION);
            manifest.put("api_version", GanApi.VERSION);
            manifest.put("step", step);
            manifest.put("batch_cursor", batchCursor);
            manifest.put("seed", seed);
            manifest.set("sample_shape", JSON.valueToTree(sampleShape));
            manifest.put("num_classes", numClasses);
            manifest.put("created", java.time.Instant.now().toString());
            ObjectNode its = manifest.putObject("optimizer_iterations");
            optimizerIterations.forEach(its::put);
            put(zip, "manifest.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            put(zip, "config.yaml", configYaml.getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, INDArray> e : params.entrySet()) {
                put(zip, "networks/" + e.getKey() + "/params.npy", Nd4j.toNpyByteArray(e.getValue()));
            }
            for (Map.Entry<String, Map<String, INDArray>> e : buffers.entrySet()) {
                for (Map.Entry<String, INDArray> b : e.getValue().entrySet()) {
                    put(zip, "networks/" + e.getKey() + "/buffers/" + b.getKey() + ".npy", Nd4j.toNpyByteArray(b.getValue()));
                }
            }
            for (Map.Entry<String, INDArray> e : optimizerState.entrySet()) {
                put(zip, "optimizers/" + e.getKey() + ".npy", Nd4j.toNpyByteArray(e.getValue()));
            }
            for (Map.Entry<String, INDArray> e : scheduleState.entrySet()) {
                put(zip, "schedule/" + e.getKey() + ".npy", Nd4j.toNpyByteArray(e.getValue()));
            }
            put(zip, "metrics.jsonl", String.join("", metrics.stream().map(l -> l + "\n").toList())
                    .getBytes(StandardCharsets.UTF_8));
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * Reads a checkpoint.
     *
     * @param file the checkpoint file
     * @return its contents
     * @throws CheckpointException when the file is missing, not a gan4j checkpoint, corrupt, or of another format
     *     version
     */
    public static Checkpoint read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file + ": no such checkpoint file");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry m = zip.getEntry("manifest.json");
            if (m == null) {
                throw new CheckpointException(file + ": not a gan4j checkpoint (no manifest.json)");
            }
            JsonNode manifest = JSON.readTree(bytes(zip, m));
            if (!FORMAT.equals(manifest.path("format").asText())) {
                throw new CheckpointException(file + ": not a gan4j checkpoint (format '" + manifest.path("format").asText() + "')");
            }
            int version = manifest.path("format_version").asInt(-1);
            if (version != FORMAT_VERSION) {
                throw new CheckpointException(file + ": checkpoint format version " + version
                        + " is not supported by this gan4j (it reads version " + FORMAT_VERSION + ")");
            }
            Map<String, INDArray> params = new LinkedHashMap<>();
            Map<String, Map<String, INDArray>> buffers = new LinkedHashMap<>();
            Map<String, INDArray> optimizers = new LinkedHashMap<>();
            Map<String, INDArray> schedule = new LinkedHashMap<>();
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                String n = e.getName();
                if (n.startsWith("networks/") && n.endsWith("/params.npy")) {
                    params.put(n.substring(9, n.length() - 11), npy(zip, e, file));
                } else if (n.startsWith("networks/") && n.contains("/buffers/")) {
                    String net = n.substring(9, n.indexOf("/buffers/"));
                    String buf = n.substring(n.indexOf("/buffers/") + 9, n.length() - 4);
                    buffers.computeIfAbsent(net, k -> new TreeMap<>()).put(buf, npy(zip, e, file));
                } else if (n.startsWith("optimizers/")) {
                    optimizers.put(n.substring(11, n.length() - 4), npy(zip, e, file));
                } else if (n.startsWith("schedule/")) {
                    schedule.put(n.substring(9, n.length() - 4), npy(zip, e, file));
                }
            }
            ZipEntry c = zip.getEntry("config.yaml");
            if (c == null || params.isEmpty()) {
                throw new CheckpointException(file + ": corrupt checkpoint (config or parameters missing)");
            }
            Map<String, Long> its = new LinkedHashMap<>();
            manifest.path("optimizer_iterations").fields().forEachRemaining(f -> its.put(f.getKey(), f.getValue().asLong()));
            ZipEntry me = zip.getEntry("metrics.jsonl");
            List<String> metrics = new ArrayList<>();
            if (me != null) {
                new String(bytes(zip, me), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).forEach(metrics::add);
            }
            long[] shape = JSON.convertValue(manifest.path("sample_shape"), long[].class);
            if (shape == null || shape.length == 0) {
                throw new CheckpointException(file + ": corrupt checkpoint (manifest has no sample_shape)");
            }
            return new Checkpoint(manifest.path("step").asLong(), manifest.path("batch_cursor").asLong(),
                    manifest.path("seed").asLong(), shape, manifest.path("num_classes").asInt(), new String(bytes(zip, c), StandardCharsets.UTF_8), params, buffers,
                    optimizers, its, schedule, metrics);
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

    private static byte[] bytes(ZipFile zip, ZipEntry e) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    private static INDArray npy(ZipFile zip, ZipEntry e, Path file) throws IOException {
        byte[] b = bytes(zip, e);
        if (b.length < 10 || b[0] != (byte) 0x93 || b[1] != 'N' || b[2] != 'U') {
            throw new CheckpointException(file + ": corrupt checkpoint (" + e.getName() + " is not a .npy array)");
        }
        return Nd4j.createNpyFromByteArray(b);
    }

    /**
     * The checkpoint files of a run directory, oldest first ({@code checkpoints/step-*.ckpt}).
     *
     * @param runDir the run directory
     * @return the files sorted by step
     */
    public static List<Path> list(Path runDir) {
        Path dir = runDir.resolve("checkpoints");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("step-\\d+\\.ckpt")).sorted().toList();
        } catch (IOException e) {
            throw new CheckpointException(dir + ": cannot list checkpoints: " + e.getMessage(), e);
        }
    }

    /**
     * The newest checkpoint of a run directory.
     *
     * @param runDir the run directory
     * @return the checkpoint with the highest step, or null when there is none
     */
    public static Path latest(Path runDir) {
        List<Path> all = list(runDir);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /**
     * The file name of the checkpoint at a step.
     *
     * @param step the step
     * @return for example {@code step-00001000.ckpt}
     */
    public static String fileName(long step) {
        return String.format("step-%08d.ckpt", step);
    }
}
