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
public final class RunFiles {
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

    /**
     * Tells whether a run directory's {@code config.yaml} was edited since the checkpoint was written: resume continues
     * the checkpoint's config (and rewrites the file), so an edit would otherwise be lost without a word.
     *
     * @param runDir the run directory
     * @param checkpointYaml the checkpoint's config
     * @return a one-line notice naming the first differing key, or null when the file is absent or agrees
     */
    public static String editedConfig(Path runDir, String checkpointYaml) {
        Path file = runDir.resolve("config.yaml");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode saved;
        com.fasterxml.jackson.databind.JsonNode edited;
        try {
            saved = org.gan4j.engine.config.ConfigLoader.parse(checkpointYaml, "checkpoint");
            edited = org.gan4j.engine.config.ConfigLoader.parse(Files.readString(file), file.toString());
        } catch (IOException | org.gan4j.api.ConfigException e) {
            return file + " is not the run's config any more (" + e.getMessage() + "); resume continues the "
                    + "checkpoint's config and rewrites the file";
        }
        String where = firstDifference(saved, edited, "");
        if (where == null) {
            return null;
        }
        return file + " was edited (" + where + "); resume continues the checkpoint's config and rewrites the file: "
                + "a run's settings cannot change mid-run (gan resume --steps N sets a new total; train a new run "
                + "from the edited file for other settings)";
    }

    /** Keys a resume may change on its command line: their values in the file follow the last session. */
    private static final java.util.Set<String> RESUMABLE = java.util.Set.of("training.workers", "training.threads",
            "device", "compute", "training.steps");

    private static String firstDifference(com.fasterxml.jackson.databind.JsonNode a,
                                          com.fasterxml.jackson.databind.JsonNode b, String path) {
        if (RESUMABLE.contains(path)) {
            return null;
        }
        if (a.isObject() && b.isObject()) {
            java.util.Set<String> keys = new java.util.TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                String p = path.isEmpty() ? k : path + "." + k;
                if (!a.has(k) || !b.has(k)) {
                    if (!RESUMABLE.contains(p)) {
                        return p + (a.has(k) ? " removed" : " added");
                    }
                    continue;
                }
                String d = firstDifference(a.get(k), b.get(k), p);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        boolean same = a.isNumber() && b.isNumber() ? a.asDouble() == b.asDouble() : a.equals(b);
        return same ? null : path + ": " + b + " in the file, " + a + " in the checkpoint";
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
