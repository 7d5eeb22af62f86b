package org.gan4j.engine;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.gan4j.api.PluginException;
import org.gan4j.api.registry.Registry;
import org.gan4j.nn.LayerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads plugin jars from a directory into a {@link Registry}, without rebuilding gan4j.
 *
 * <p>When gan4j itself runs as named modules, each jar becomes a child {@link ModuleLayer} (its own, so one broken
 * jar cannot stop the others from resolving) and is allowed to read the class path, where ND4J lives. When gan4j
 * runs on the class path, or a jar cannot be resolved as a module, the jar gets a {@link URLClassLoader} and its
 * {@code META-INF/services} entries. A jar that fails both ways is reported and skipped.
 *
 * <p>gan4j's own plugins arrive the same way: the launcher and the app's tests name the directory the build copies
 * them into in the system property {@value #BUILTIN_PROPERTY} (directories separated by the path separator), loaded
 * before the user's directory. So the app depends on no plugin, and a new in-tree plugin is one more jar there.
 * A library user who puts plugins on the class path leaves the property unset.
 */
public final class PluginLoader {
    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);

    /** How a plugin jar was loaded. */
    public enum Mode {
        /** Prefer a module layer when gan4j runs on the module path; otherwise a class loader. */
        AUTO,
        /** Always a class loader (META-INF/services). */
        CLASS_PATH
    }

    /** The system property naming the built-in plugin directories. */
    public static final String BUILTIN_PROPERTY = "gan4j.builtin.plugins";

    private PluginLoader() {
    }

    /**
     * The registry of built-in providers (the class path, the module path, the {@linkplain #builtInDirs built-in
     * directories}) plus the jars in {@code dir}.
     *
     * @param dir the plugins directory; a missing directory adds nothing
     * @return the registry
     * @throws PluginException when two providers of one kind share a name
     */
    public static Registry load(Path dir) {
        return load(dir, Mode.AUTO);
    }

    /**
     * The registry of built-in providers plus the jars in {@code dir}, loaded the given way.
     *
     * @param dir the plugins directory; null or missing adds nothing
     * @param mode how to load jars
     * @return the registry
     * @throws PluginException when two providers of one kind share a name, or {@code dir} is not a directory
     */
    public static Registry load(Path dir, Mode mode) {
        // gan-nn's YAML layers are a kind of their own: a plugin jar adds one like any provider
        Registry.Builder builder = Registry.builder().kind("layer", LayerType.class);
        List<Path> builtIn = builtInDirs();
        for (Path b : builtIn) {
            addJars(builder, b, mode);
        }
        if (dir != null && Files.exists(dir) && !builtIn.contains(dir.toAbsolutePath().normalize())) {
            addJars(builder, dir, mode);
        }
        return builder.build();
    }

    /**
     * The directories named by {@value #BUILTIN_PROPERTY}, absolute; the ones that do not exist are left out.
     *
     * @return the built-in plugin directories, in order
     */
    public static List<Path> builtInDirs() {
        String value = System.getProperty(BUILTIN_PROPERTY, "");
        return Stream.of(value.split(java.io.File.pathSeparator)).filter(v -> !v.isBlank())
                .map(v -> Path.of(v).toAbsolutePath().normalize()).filter(Files::isDirectory).toList();
    }

    private static void addJars(Registry.Builder builder, Path dir, Mode mode) {
        if (!Files.isDirectory(dir)) {
            throw new PluginException(dir + ": plugins path is not a directory");
        }
        List<Path> jars;
        try (Stream<Path> s = Files.list(dir)) {
            jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new PluginException(dir + ": cannot list plugins: " + e.getMessage(), e);
        }
        boolean named = Registry.class.getModule().isNamed() && mode == Mode.AUTO;
        for (Path jar : jars) {
            try (JarFile ignored = new JarFile(jar.toFile())) {
                LOG.debug("plugin jar {}", jar);
            } catch (IOException e) {
                builder.addProblem(jar + ": not a readable jar (" + e.getMessage() + ")");
                continue;
            }
            if (named) {
                try {
                    builder.addLayer(layer(jar));
                    continue;
                } catch (FindException | ResolutionException | LayerInstantiationException e) {
                    LOG.info("{}: not loadable as a module ({}); trying the class path", jar, e.getMessage());
                } catch (RuntimeException e) {
                    LOG.info("{}: not loadable as a module ({}); trying the class path", jar, e.toString());
                }
            }
            try {
                builder.addClassLoader(new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()},
                        Registry.class.getClassLoader()));
            } catch (IOException e) {
                builder.addProblem(jar + ": cannot load (" + e.getMessage() + ")");
            }
        }
    }

    private static ModuleLayer layer(Path jar) {
        ModuleFinder finder = ModuleFinder.of(jar);
        Set<ModuleReference> refs = finder.findAll();
        if (refs.size() != 1) {
            throw new FindException("expected one module in the jar, found " + refs.size());
        }
        String name = refs.iterator().next().descriptor().name();
        ModuleLayer parent = Registry.class.getModule().getLayer();
        Configuration cf = parent.configuration().resolveAndBind(finder, ModuleFinder.of(), Set.of(name));
        ModuleLayer.Controller controller = ModuleLayer.defineModulesWithOneLoader(cf, List.of(parent),
                Registry.class.getClassLoader());
        Module classPath = nd4jModule();
        controller.layer().modules().forEach(m -> controller.addReads(m, classPath));
        return controller.layer();
    }

    private static Module nd4jModule() {
        try {
            return Class.forName("org.nd4j.linalg.factory.Nd4j", false, Registry.class.getClassLoader()).getModule();
        } catch (ClassNotFoundException e) {
            return Registry.class.getClassLoader().getUnnamedModule();
        }
    }
}
