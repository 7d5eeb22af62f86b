package org.gan4j.engine.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.api.GanException;
import org.gan4j.engine.config.ExperimentConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a run writes beside its metrics: its environment and its checkpoints (keeping the newest few). */
final class RunFiles {
    private static final Logger LOG = LoggerFactory.getLogger(RunFiles.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunFiles() {
    }

    /**
     * Writes a checkpoint (a temporary file renamed into place), then deletes all but the newest {@code keep}.
     *
     * @param runDir the run directory
     * @param c the checkpoint
     * @param keep how many to keep, at least 1
     * @return the file written
     */
    static Path writeCheckpoint(Path runDir, Checkpoint c, int keep) {
        Path file = runDir.resolve("checkpoints").resolve(Checkpoint.fileName(c.step()));
        try {
            c.write(file);
        } catch (IOException e) {
            throw new GanException(file + ": cannot write checkpoint (earlier checkpoints are intact): " + e.getMessage(), e);
        }
        List<Path> all = Checkpoint.list(runDir);
        for (int i = 0; i < all.size() - Math.max(1, keep); i++) {
            try {
                Files.deleteIfExists(all.get(i));
            } catch (IOException e) {
                LOG.warn("could not delete old checkpoint {}: {}", all.get(i), e.toString());
            }
        }
        return file;
    }

    /**
     * Writes {@code environment.json}: versions, machine, backend, devices, compute, workers.
     *
     * @param runDir the run directory
     * @param config the effective config (compute and workers resolved)
     * @param backend the backend
     * @param providers which provider built each component
     * @throws IOException when writing fails
     */
    /**
     * Creates a run directory's layout and writes its effective config and environment.
     *
     * @param runDir the run directory
     * @param config the effective config
     * @param backend the backend
     * @param providers which provider built each component
     * @throws GanException when the directory cannot be written
     */
    static void prepare(Path runDir, ExperimentConfig config, Backend backend,
                        java.util.Map<String, Provenance.Entry> providers) {
        try {
            Files.createDirectories(runDir.resolve("checkpoints"));
            Files.createDirectories(runDir.resolve("samples"));
            Files.writeString(runDir.resolve("config.yaml"), org.gan4j.engine.config.ConfigLoader.toYaml(config));
            writeEnvironment(runDir, config, backend, providers);
        } catch (IOException e) {
            throw new GanException(runDir + ": cannot write the run directory: " + e.getMessage(), e);
        }
    }

    static void writeEnvironment(Path runDir, ExperimentConfig config, Backend backend,
                                 java.util.Map<String, Provenance.Entry> providers) throws IOException {
        ObjectNode env = JSON.createObjectNode();
        env.put("gan4j_version", org.gan4j.api.GanApi.artifactVersion(RunFiles.class));
        env.put("api_version", org.gan4j.api.GanApi.VERSION);
        env.put("git_commit", Provenance.gitCommit());
        env.put("command_line", Provenance.commandLine());
        env.put("java", System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("backend", backend.summary());
        env.put("device", config.device());
        env.put("devices", backend.devices());
        env.put("compute", config.compute());
        env.put("cudnn", Backend.built("HAVE_CUDNN"));
        env.put("onednn", Backend.built("HAVE_ONEDNN"));
        env.put("omp_num_threads", String.valueOf(System.getenv("OMP_NUM_THREADS")));
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("workers", config.training().workerCount());
        env.put("threads_per_worker", config.training().threadCount());
        env.set("providers", Provenance.toJson(providers));
        Files.writeString(runDir.resolve("environment.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(env));
    }
}
