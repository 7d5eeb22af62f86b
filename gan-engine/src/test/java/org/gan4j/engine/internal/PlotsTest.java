package org.gan4j.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.png and evaluation.png: one panel per metric, reference series on their metric's panel. */
class PlotsTest {

    @Test
    void everyMetricGetsItsOwnPanelAndReferencesJoinTheirMetric(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int step = 100; step <= 500; step += 100) {
            lines.add("{\"step\":" + step + ",\"loss_d\":-0.1,\"loss_g\":" + (-40 + step) + ",\"em_estimate\":"
                    + (1.0 / step) + ",\"step_ms\":12}");
            lines.add("{\"step\":" + step + ",\"eval_fd\":" + (100.0 / step) + ",\"eval_fd_floor\":4.8,\"eval_modes\":8,"
                    + "\"eval_hq_share\":" + (step / 1000.0) + ",\"eval_hq_share_real\":0.99}");
        }
        Path jsonl = Files.write(dir.resolve("metrics.jsonl"), lines);

        Plots.metrics(jsonl, dir.resolve("metrics.png"));

        // loss_d, loss_g, em_estimate: three panels in two columns, two rows; step_ms is timing, not plotted
        BufferedImage metrics = ImageIO.read(dir.resolve("metrics.png").toFile());
        assertThat(metrics.getWidth()).isEqualTo(2 * 520);
        assertThat(metrics.getHeight()).isEqualTo(2 * 280);
        // eval_fd (+ floor) and eval_hq_share (+ real) side by side; the constant eval_modes is left out
        BufferedImage evaluation = ImageIO.read(dir.resolve("evaluation.png").toFile());
        assertThat(evaluation.getWidth()).isEqualTo(2 * 520);
        assertThat(evaluation.getHeight()).isEqualTo(280);
    }

    @Test
    void aRunThatNeverEvaluatedWritesNoEvaluationChart(@TempDir Path dir) throws Exception {
        Path jsonl = Files.write(dir.resolve("metrics.jsonl"),
                List.of("{\"step\":1,\"loss_d\":1.0}", "{\"step\":2,\"loss_d\":0.5}"));
        Plots.metrics(jsonl, dir.resolve("metrics.png"));
        assertThat(ImageIO.read(dir.resolve("metrics.png").toFile()).getWidth()).isEqualTo(520);
        assertThat(dir.resolve("evaluation.png")).doesNotExist();
    }
}
