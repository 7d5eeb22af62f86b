package org.gan4j.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.gan4j.engine.Gan4j;
import org.gan4j.engine.RunResult;
import org.gan4j.engine.TrainingHandle;
import org.gan4j.engine.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every run records which provider built each component (module, version, jar), its git commit and command line, in
 * environment.json and in its checkpoints; a resume whose providers differ from the checkpoint's says so.
 */
class ProvenanceTest {
    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String CONFIG = """
            name: provenance
            data: {type: ring, size: 500}
            networks:
              G: {type: mlp-generator, latent_dim: 4, hidden: [16]}
              D: {type: mlp-discriminator, hidden: [16]}
            training: {steps: 2, batch_size: 16, workers: 1}
            checkpoints: {every: 2}
            samples: {every: -1}
            """;

    private static ObjectNode manifest(Path ckpt) throws Exception {
        try (ZipFile z = new ZipFile(ckpt.toFile())) {
            return (ObjectNode) JSON.readTree(z.getInputStream(z.getEntry("manifest.json")));
        }
    }

    /** Rewrites the checkpoint with another manifest (the entries' bytes and hashes unchanged). */
    private static void rewrite(Path ckpt, ObjectNode manifest) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(ckpt.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                entries.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        entries.put("manifest.json", JSON.writeValueAsBytes(manifest));
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(ckpt))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
    }

    @Test
    void runsRecordTheirProvidersAndAResumeNamesWhatChanged() throws Exception {
        Gan4j gan = Gan4j.create((Path) null);
        System.setProperty("gan4j.git.commit", "0123abc");
        System.setProperty("gan4j.command.line", "gan train provenance.yaml");
        try {
            RunResult r = gan.train(gan.parseConfig(CONFIG, List.of()), tmp.resolve("run"), new TrainingListener() { },
                    new TrainingHandle());
            String env = Files.readString(r.runDir().resolve("environment.json"));
            assertThat(env).contains("\"git_commit\" : \"0123abc\"", "\"command_line\" : \"gan train provenance.yaml\"",
                    "\"providers\"", "\"networks.G\"", "\"type\" : \"mlp-generator\"", "\"module\" : \"gan4j.plugin.vanilla\"");
            ObjectNode m = manifest(r.checkpoint());
            assertThat(m.path("provenance").fieldNames()).toIterable()
                    .containsExactly("data", "loss", "schedule", "networks.G", "networks.D");
            assertThat(m.path("provenance").path("networks.D").path("type").asText()).isEqualTo("mlp-discriminator");

            List<String> notices = new ArrayList<>();
            TrainingListener listen = new TrainingListener() {
                @Override
                public void onNotice(String message) {
                    notices.add(message);
                }
            };
            RunResult more = gan.resume(r.runDir(), 3L, listen, new TrainingHandle());
            assertThat(notices).as("same providers: nothing to say").isEmpty();

            // as if another version of G's plugin had written the checkpoint
            ObjectNode changed = manifest(more.checkpoint());
            ((ObjectNode) changed.path("provenance").path("networks.G")).put("version", "0.0.9")
                    .put("location", "/old/plugin-vanilla.jar");
            rewrite(more.checkpoint(), changed);
            gan.resume(r.runDir(), 4L, listen, new TrainingHandle());
            assertThat(notices).hasSize(1);
            assertThat(notices.get(0)).startsWith("networks.G: the checkpoint was written with 'mlp-generator' from "
                    + "gan4j.plugin.vanilla 0.0.9 (/old/plugin-vanilla.jar), this run uses 'mlp-generator' from "
                    + "gan4j.plugin.vanilla").contains("results may differ");
        } finally {
            System.clearProperty("gan4j.git.commit");
            System.clearProperty("gan4j.command.line");
        }
    }
}
