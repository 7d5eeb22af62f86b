package org.gan4j.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gan4j.api.registry.ProviderInfo;
import org.gan4j.engine.Gan4j;
import org.junit.jupiter.api.Test;

/**
 * The engine and the CLI know no variant: no source file of gan-engine or app compares a configured type, or any
 * data-source or schedule name, as a string. Behaviour that differs between variants comes through the schedules'
 * and data sources' hooks (for example {@code StepRunner.translation()}), so a plugin variant gets it too.
 */
class VariantNamesScanTest {
    /** A comparison of a config block's type, whatever the name. */
    static final String TYPE_COMPARISON = "\\.type\\(\\)\\s*\\.\\s*(equals|equalsIgnoreCase|startsWith|endsWith|contains"
            + "|matches|compareTo)\\s*\\(|switch\\s*\\(.*\\.type\\(\\)\\s*\\)";

    /** A comparison with one of the names. */
    static Pattern comparisons(List<String> names) {
        String alt = names.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        return Pattern.compile(TYPE_COMPARISON + "|\"(" + alt + ")\"\\s*\\.\\s*equals|equals(IgnoreCase)?\\(\\s*\"(" + alt
                + ")\"\\s*\\)|case\\s+\"(" + alt + ")\"");
    }

    private static List<String> names() {
        return Gan4j.create((Path) null).registry().providers().stream()
                .filter(p -> p.kind().equals("data") || p.kind().equals("schedule")).map(ProviderInfo::name).toList();
    }

    @Test
    void theScanCatchesComparisons() {
        List<String> names = names();
        assertThat(names).contains("paired-images", "unpaired-images", "pix2pix", "cyclegan", "alternating", "mnist");
        Pattern p = comparisons(names);
        for (String bad : List.of("config.data().type().equals(\"paired-images\")", "if (\"cyclegan\".equals(t))",
                "t.equals(\"pix2pix\")", "case \"mnist\" ->", "switch (config.schedule().type()) {",
                "config.schedule().type().startsWith(\"cy\")")) {
            assertThat(p.matcher(bad).find()).as(bad).isTrue();
        }
        for (String fine : List.of("return \"paired-images\";", "registry.require(DataSource.class, \"fashion-mnist\")",
                "config.data().type() + \"' has none\"", "c.equals(\"dcgan64\")")) {
            assertThat(p.matcher(fine).find()).as(fine).isFalse();
        }
    }

    @Test
    void noEngineOrCliSourceComparesVariantNames() throws Exception {
        Pattern p = comparisons(names());
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        for (String module : List.of("gan-engine", "app")) {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
                for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                    scanned++;
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        if (p.matcher(lines.get(i)).find()) {
                            offenders.add(root.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertThat(scanned).as("java files scanned").isGreaterThan(60);
        assertThat(offenders).as("variant names compared in the engine or the CLI").isEmpty();
    }
}
