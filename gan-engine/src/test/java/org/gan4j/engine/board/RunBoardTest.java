package org.gan4j.engine.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The board's page from a run directory's files: what it embeds (every metrics row, samples, checkpoints, gan
 * evaluate's files), that a hostile string cannot close its script element, and the plotly.js copy beside it.
 * Rendering in a browser is scripts/check-board.sh's part.
 */
class RunBoardTest {
    @TempDir
    Path run;

    @Test
    void thePageEmbedsTheRunsFilesAndKeepsPlotlyBesideIt() throws Exception {
        Files.writeString(run.resolve("config.yaml"), "name: x\n# </script><script>alert(1)</script>\n");
        Files.writeString(run.resolve("environment.json"), "{\"java\": \"17\"}");
        Files.writeString(run.resolve("metrics.jsonl"), "{\"step\":50,\"loss_g\":0.5}\n{\"step\":100,\"loss_g\":0.25}\n"
                + "{\"step\":100,\"eval_fd\":3.5}\n{\"step\":150,\"loss");
        Files.createDirectories(run.resolve("samples"));
        Files.write(run.resolve("samples/step-00000100.png"), new byte[] {1});
        Files.createDirectories(run.resolve("checkpoints"));
        Files.write(run.resolve("checkpoints/step-00000100.ckpt"), new byte[7]);
        Files.writeString(run.resolve("evaluation-step-00000100.json"), "{\"step\":100,\"seed\":0,\"fd\":3.25,\"checkpoint\":\"c\"}");

        assertThat(RunBoard.write(run, "training")).isNull();
        String page = Files.readString(run.resolve(RunBoard.PAGE));
        assertThat(page).doesNotContain("@DATA@", "@PLOTLY@", "</script><script>alert(1)");
        assertThat(Files.size(run.resolve(RunBoard.PLOTLY))).isGreaterThan(500_000);
        assertThat(Files.readString(run.resolve("board/plotly-LICENSE.txt"))).contains("MIT License");

        String marker = "type=\"application/json\">";
        int from = page.indexOf(marker) + marker.length();
        String json = page.substring(from, page.indexOf("</script>", from)).replace("<\\/", "</");
        JsonNode d = new ObjectMapper().readTree(json);
        assertThat(d.get("status").asText()).isEqualTo("training");
        assertThat(d.get("metrics")).as("the half-written last line is left for the next refresh").hasSize(3);
        assertThat(d.get("step").asLong()).isEqualTo(100);
        assertThat(d.get("config").asText()).contains("</script><script>alert(1)");
        assertThat(d.get("environment").get("java").asText()).isEqualTo("17");
        assertThat(d.get("samples").get(0).get("file").asText()).isEqualTo("samples/step-00000100.png");
        assertThat(d.get("checkpoints").get(0).get("bytes").asLong()).isEqualTo(7);
        JsonNode e = d.get("evaluations").get(0);
        assertThat(e.get("metrics").get("fd").asDouble()).isEqualTo(3.25);
        assertThat(e.get("metrics").has("seed")).isFalse();

        // a later write keeps the status unless told otherwise
        assertThat(RunBoard.write(run, null)).isNull();
        assertThat(RunBoard.data(run).get("status").asText()).isEqualTo("training");
        assertThat(RunBoard.write(run, "finished")).isNull();
        assertThat(RunBoard.data(run).get("status").asText()).isEqualTo("finished");
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsReportedNotThrown() throws Exception {
        Path file = Files.writeString(run.resolve("not-a-dir"), "x");
        assertThat(RunBoard.write(file, "training")).startsWith("run board: could not write");
    }
}
