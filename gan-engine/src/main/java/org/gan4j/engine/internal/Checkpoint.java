package org.gan4j.engine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.api.CheckpointException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The full training state of a run, as one zip file: the effective config, every network's parameters and buffers,
 * every optimizer's state, the schedule's state, the metric history and the metrics of the interval in progress,
 * and a JSON manifest (written last) with the format version and the SHA-256 of every other entry. Arrays are NumPy
 * {@code .npy}, so a checkpoint can be inspected with NumPy. {@link CheckpointFile} writes and checks the file.
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
 * @param metrics the metrics.jsonl lines of completed intervals up to this step
 * @param pendingSums the sums of the metrics interval in progress, by metric
 * @param pendingCount the steps in the interval in progress
 * @param provenance which provider built each component
 * @param ema the moving averages of the generators' weights by network (empty when {@code training.ema_decay} is 0)
 */
public record Checkpoint(long step, long batchCursor, long seed, long[] sampleShape, int numClasses, String configYaml,
                         Map<String, INDArray> params, Map<String, Map<String, INDArray>> buffers,
                         Map<String, INDArray> optimizerState, Map<String, Long> optimizerIterations,
                         Map<String, INDArray> scheduleState, List<String> metrics, Map<String, Double> pendingSums,
                         int pendingCount, Map<String, Provenance.Entry> provenance, Map<String, INDArray> ema) {
    /**
     * The checkpoint format this build writes; it reads this one, version 2 (no moving averages) and version 1 (no
     * hashes, no pending metrics either).
     */
    public static final int FORMAT_VERSION = 3;
    /** The manifest's {@code format} value. */
    public static final String FORMAT = "gan4j-checkpoint";

    /**
     * Writes the checkpoint atomically: to a temporary file in the same directory, flushed to disk, then renamed, so
     * a crash never leaves a half-written file under the final name.
     *
     * @param target the final path
     * @throws IOException when writing fails (the target is untouched)
     */
    public void write(Path target) throws IOException {
        CheckpointFile.write(this, target);
    }

    /**
     * Reads and checks a checkpoint.
     *
     * @param file the checkpoint file
     * @return its contents
     * @throws CheckpointException when the file is missing, not a gan4j checkpoint, of another format version, corrupt
     *     (a header, size, CRC or hash that does not hold), or not good (a weight or state that is not finite or has
     *     exploded)
     */
    public static Checkpoint read(Path file) {
        return CheckpointFile.read(file);
    }

    /**
     * The newest checkpoint of a run directory that reads and checks, and the newer ones skipped on the way.
     *
     * @param file the checkpoint, or null when none is good
     * @param checkpoint its contents
     * @param skipped one line per skipped file: which and why
     */
    public record Newest(Path file, Checkpoint checkpoint, List<String> skipped) {
    }

    /**
     * Finds the newest good checkpoint of a run.
     *
     * @param runDir the run directory
     * @return the newest good checkpoint (file null when there is none) and what was skipped
     */
    public static Newest newestGood(Path runDir) {
        List<Path> all = list(runDir);
        List<String> skipped = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                return new Newest(all.get(i), read(all.get(i)), skipped);
            } catch (CheckpointException e) {
                skipped.add(e.getMessage());
            }
        }
        return new Newest(null, null, skipped);
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
     * The newest checkpoint file of a run directory, unchecked.
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

    /**
     * A run's newest good checkpoint (newer ones that fail their checks are skipped, each with a line saying why), or
     * the checkpoint file given, which must itself be good.
     *
     * @param runDirOrCheckpoint a run directory or a checkpoint file
     * @return the checkpoint found and what was skipped
     * @throws CheckpointException when there is no good one
     */
    public static Newest find(Path runDirOrCheckpoint) {
        if (!Files.isDirectory(runDirOrCheckpoint)) {
            Path file = file(runDirOrCheckpoint);
            return new Newest(file, read(file), List.of());
        }
        file(runDirOrCheckpoint);
        Newest found = newestGood(runDirOrCheckpoint);
        if (found.file() == null) {
            throw new CheckpointException(runDirOrCheckpoint + ": no good checkpoint (" + String.join("; ",
                    found.skipped()) + ")");
        }
        return found;
    }

    /**
     * Resolves a run directory to its newest checkpoint file, unchecked; a file is returned as is.
     *
     * @param path a run directory or a checkpoint file
     * @return the checkpoint file
     * @throws CheckpointException when there is none
     */
    public static Path file(Path path) {
        if (Files.isDirectory(path)) {
            Path latest = latest(path);
            if (latest == null) {
                throw new CheckpointException(path + ": no checkpoints in " + path.resolve("checkpoints"));
            }
            return latest;
        }
        if (!Files.exists(path)) {
            throw new CheckpointException(path + ": no such checkpoint or run directory");
        }
        return path;
    }
}
