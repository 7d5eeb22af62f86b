package org.gan4j.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gan4j.engine.Gan4j;
import org.gan4j.engine.config.ExperimentConfig;
import org.junit.jupiter.api.Test;

/** Every config in configs/ binds against the installed plugins: no misspelt key or unknown name ships. */
class ShippedConfigsTest {

    @Test
    void everyShippedConfigBinds() throws Exception {
        Path dir = Path.of("..", "configs");
        List<Path> configs;
        try (Stream<Path> s = Files.list(dir)) {
            configs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(configs).hasSizeGreaterThanOrEqualTo(14);
        Gan4j gan = Gan4j.create((Path) null);
        for (Path c : configs) {
            ExperimentConfig config = gan.loadConfig(c, List.of());
            assertThat(config.name()).as(c.toString()).isEqualTo(c.getFileName().toString().replace(".yaml", ""));
        }
    }
}
