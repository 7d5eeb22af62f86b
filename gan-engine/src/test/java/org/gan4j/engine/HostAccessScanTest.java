package org.gan4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No class but {@code org.gan4j.api.nn.HostData} touches an array's host buffer: on ND4J's CUDA backend a host write
 * that is not tagged never reaches the device, and on the CPU nothing would show it, so the rule is checked on the
 * sources of every module, main and test, and the examples.
 */
class HostAccessScanTest {
    /** Direct access to a DataBuffer: NIO views, element access, raw pointers, or the type itself. */
    static final Pattern HOST_ACCESS = Pattern.compile(
            "asNio\\w*\\s*\\("
            + "|\\.data\\(\\)\\s*\\.\\s*(as[A-Z]\\w*|put\\w*|get(Float|Double|Int|Long|Number)?|setData|assign"
            + "|copyAtStride|pointer|addressPointer|address)\\s*\\("
            + "|\\baddressPointer\\s*\\("
            + "|\\bDataBuffer\\b");

    @Test
    void theScanCatchesEveryKindOfDirectAccess() {
        for (String bad : List.of("a.data().asNioFloat().put(at, f, 0, n);", "mask.data().setData(m);",
                "float[] v = x.dup('c').data().asFloat();", "b.data().getDouble(3)", "x.data().addressPointer()",
                "DataBuffer buf = x.data();", "x.data()\n    .put(0, 1f);")) {
            assertThat(HOST_ACCESS.matcher(bad).find()).as(bad).isTrue();
        }
        for (String fine : List.of("config.data().settings()", "config.data().type()", "g.data().length()",
                "Nd4j.create(big.data(), shape, strides, 0, 'c')", "HostData.floats(x)", "x.toFloatVector()")) {
            assertThat(HOST_ACCESS.matcher(fine).find()).as(fine).isFalse();
        }
    }

    @Test
    void onlyHostDataTouchesHostBuffers() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("gan-api/src/main/java/org/gan4j/api/nn/HostData.java")).exists();
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (rel.contains("/target/") || rel.startsWith(".") || rel.contains("/.")
                        || rel.endsWith("/HostData.java") || rel.endsWith("/HostAccessScanTest.java")) {
                    continue;
                }
                scanned++;
                String text = Files.readString(f);
                var m = HOST_ACCESS.matcher(text);
                while (m.find()) {
                    int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                    offenders.add(rel + ":" + line + ": " + m.group());
                }
            }
        }
        assertThat(scanned).as("java files scanned").isGreaterThan(150);
        assertThat(offenders).as("host-buffer access outside HostData").isEmpty();
    }
}
