package org.gan4j.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.gan4j.api.GanApi;

/** Builds plugin jars from Java source at test time, outside the reactor, the way a third party would. */
final class PluginJars {
    private PluginJars() {
    }

    /**
     * Compiles sources against gan-api, gan-nn and ND4J and packs them with the given resources.
     *
     * @param work a scratch directory
     * @param jar the jar to write
     * @param sources path (relative, e.g. {@code p/Foo.java} or {@code module-info.java}) → source text
     * @param resources path → text (META-INF/services files)
     * @return the jar
     */
    static Path build(Path work, Path jar, Map<String, String> sources, Map<String, String> resources) throws IOException {
        Path src = Files.createDirectories(work.resolve("src-" + jar.getFileName()));
        Path out = Files.createDirectories(work.resolve("classes-" + jar.getFileName()));
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            files.add(f.toString());
        }
        String modulePath = location(GanApi.class) + java.io.File.pathSeparator + location(org.gan4j.nn.Sequential.class);
        String classPath = System.getProperty("java.class.path");
        String javac = Path.of(System.getProperty("java.home"), "bin", "javac").toString();
        List<String> args = new ArrayList<>(List.of(javac, "-d", out.toString(), "--release", "17", "-proc:none"));
        if (sources.containsKey("module-info.java")) {
            String module = sources.get("module-info.java").replaceAll("(?s).*module\\s+([\\w.]+).*", "$1");
            // gan4j's own modules read ND4J on the class path too (see docs/writing-a-plugin.md)
            args.addAll(List.of("--module-path", modulePath, "--add-reads", module + "=ALL-UNNAMED",
                    "--add-reads", "gan4j.api=ALL-UNNAMED", "--add-reads", "gan4j.nn=ALL-UNNAMED", "-classpath", classPath));
        } else {
            args.addAll(List.of("-classpath", modulePath + java.io.File.pathSeparator + classPath));
        }
        args.addAll(files);
        // a separate javac process, as a third party would build its plugin
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException("javac failed: " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> walk = Files.walk(out)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                j.putNextEntry(new JarEntry(out.relativize(f).toString().replace('\\', '/')));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
            for (Map.Entry<String, String> e : resources.entrySet()) {
                j.putNextEntry(new JarEntry(e.getKey()));
                j.write(e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        return jar;
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
