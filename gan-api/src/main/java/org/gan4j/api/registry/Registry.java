package org.gan4j.api.registry;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.gan4j.api.Component;
import org.gan4j.api.DataSource;
import org.gan4j.api.Discriminator;
import org.gan4j.api.GanApi;
import org.gan4j.api.Generator;
import org.gan4j.api.Loss;
import org.gan4j.api.Metric;
import org.gan4j.api.PluginException;
import org.gan4j.api.TrainingSchedule;
import org.gan4j.api.UpdateRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All providers of the seven service kinds, found with {@link ServiceLoader}, looked up by kind and name.
 *
 * <p>A provider that fails to load, has a malformed name or was built for an incompatible API version is reported in
 * {@link #problems()} and skipped; the others still load. Two providers of one kind with the same name make the
 * registry unusable, since a config could not say which it means: {@link Builder#build()} throws.
 */
public final class Registry {
    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);
    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** The service kinds by their short name. */
    public static final Map<String, Class<?>> KINDS = coreKinds();

    private final Map<String, Class<?>> kinds;
    private final Map<String, Map<String, ProviderInfo>> byKind;
    private final List<String> problems;

    private Registry(Map<String, Class<?>> kinds, Map<String, Map<String, ProviderInfo>> byKind, List<String> problems) {
        this.kinds = Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
        this.byKind = byKind;
        this.problems = List.copyOf(problems);
    }

    /**
     * The service kinds of this registry: {@link #KINDS} and those its builder added ({@link Builder#kind}).
     *
     * @return short name → service interface
     */
    public Map<String, Class<?>> kinds() {
        return kinds;
    }

    /**
     * The providers of one kind.
     *
     * @param kind the service interface
     * @param <T> its type
     * @return the providers by name, sorted; empty when the kind is not one of this registry's
     * @since API 1.4
     */
    public <T> Map<String, T> all(Class<T> kind) {
        Map<String, T> out = new java.util.TreeMap<>();
        for (Map.Entry<String, Class<?>> e : kinds.entrySet()) {
            if (e.getValue() == kind) {
                byKind.get(e.getKey()).forEach((name, info) -> out.put(name, kind.cast(info.provider())));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private String kindOf(Class<?> kind) {
        for (Map.Entry<String, Class<?>> e : kinds.entrySet()) {
            if (e.getValue() == kind) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("not a service of this registry: " + kind.getName());
    }

    private static Map<String, Class<?>> coreKinds() {
        Map<String, Class<?>> kinds = new LinkedHashMap<>();
        kinds.put("generator", Generator.class);
        kinds.put("discriminator", Discriminator.class);
        kinds.put("loss", Loss.class);
        kinds.put("schedule", TrainingSchedule.class);
        kinds.put("data", DataSource.class);
        kinds.put("optimizer", UpdateRule.class);
        kinds.put("metric", Metric.class);
        return Collections.unmodifiableMap(kinds);
    }

    /**
     * A registry of the providers visible to gan4j's own class loader and module layer (no plugin directory).
     *
     * @return the registry
     * @throws PluginException when two providers of one kind share a name
     */
    public static Registry standard() {
        return builder().build();
    }

    /**
     * Starts a registry that includes the standard providers.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Looks up a provider.
     *
     * @param kind the service interface, such as {@code Generator.class}
     * @param name the provider's name
     * @param <T> the service type
     * @return the provider
     * @throws PluginException when no provider of that kind has that name; the message lists the known names
     */
    public <T> T require(Class<T> kind, String name) {
        String kindName = kindOf(kind);
        ProviderInfo info = byKind.get(kindName).get(name);
        if (info == null) {
            throw new PluginException("unknown " + kindName + " '" + name + "'; known: " + String.join(", ", names(kind)));
        }
        return kind.cast(info.provider());
    }

    /**
     * Looks up a provider if present.
     *
     * @param kind the service interface
     * @param name the provider's name
     * @return the provider's info, or null
     */
    public ProviderInfo find(Class<?> kind, String name) {
        return byKind.get(kindOf(kind)).get(name);
    }

    /**
     * The names of all providers of one kind, sorted.
     *
     * @param kind the service interface
     * @return the names
     */
    public List<String> names(Class<?> kind) {
        return List.copyOf(new TreeSet<>(byKind.get(kindOf(kind)).keySet()));
    }

    /**
     * Every provider found, grouped by kind in the order of {@link #KINDS}, sorted by name within a kind.
     *
     * @return the providers
     */
    public List<ProviderInfo> providers() {
        List<ProviderInfo> all = new ArrayList<>();
        for (Map<String, ProviderInfo> m : byKind.values()) {
            m.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(all::add);
        }
        return all;
    }

    /**
     * Providers that were skipped, and why, one line each.
     *
     * @return the problems, empty when all loaded
     */
    public List<String> problems() {
        return problems;
    }

    /**
     * The short kind name of a service interface.
     *
     * @param kind the service interface
     * @return generator, discriminator, loss, schedule, data, optimizer or metric
     */
    public static String kindName(Class<?> kind) {
        for (Map.Entry<String, Class<?>> e : KINDS.entrySet()) {
            if (e.getValue() == kind) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("not a gan4j service: " + kind.getName());
    }

    /** Collects providers from the standard loader, plugin module layers and plugin class loaders. */
    public static final class Builder {
        private final List<ModuleLayer> layers = new ArrayList<>();
        private final List<ClassLoader> loaders = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private final Map<String, Class<?>> kinds = new LinkedHashMap<>(KINDS);

        private Builder() {
        }

        /**
         * Adds a service kind beyond {@link #KINDS}, defined in a module above gan-api (gan-nn's YAML layers):
         * its providers are found and checked like those of the built-in kinds.
         *
         * @param name the kind's short name, such as {@code layer}
         * @param service its service interface, a {@link Component}
         * @return this builder
         * @since API 1.4
         */
        public Builder kind(String name, Class<?> service) {
            if (!Component.class.isAssignableFrom(service)) {
                throw new IllegalArgumentException(service.getName() + " is not a Component");
            }
            kinds.putIfAbsent(name, service);
            return this;
        }

        /**
         * Adds the providers defined in a plugin module layer (not those of its parents).
         *
         * @param layer the layer
         * @return this builder
         */
        public Builder addLayer(ModuleLayer layer) {
            layers.add(layer);
            return this;
        }

        /**
         * Adds the providers defined by a plugin class loader itself (not those of its parents), found through
         * {@code META-INF/services}.
         *
         * @param loader the loader
         * @return this builder
         */
        public Builder addClassLoader(ClassLoader loader) {
            loaders.add(loader);
            return this;
        }

        /**
         * Records a problem found before service loading (for example an unreadable plugin jar).
         *
         * @param problem one line
         * @return this builder
         */
        public Builder addProblem(String problem) {
            problems.add(problem);
            return this;
        }

        /**
         * Loads every provider.
         *
         * @return the registry
         * @throws PluginException when two providers of one kind share a name
         */
        public Registry build() {
            Map<String, Map<String, ProviderInfo>> byKind = new LinkedHashMap<>();
            List<String> duplicates = new ArrayList<>();
            ClassLoader own = Registry.class.getClassLoader();
            for (Map.Entry<String, Class<?>> kind : kinds.entrySet()) {
                if (!KINDS.containsKey(kind.getKey()) && Registry.class.getModule().isNamed()) {
                    // ServiceLoader refuses a service its caller's module does not declare it uses
                    Registry.class.getModule().addUses(kind.getValue());
                }
                Map<String, ProviderInfo> found = new LinkedHashMap<>();
                byKind.put(kind.getKey(), found);
                collect(kind, ServiceLoader.load(kind.getValue(), own), c -> true, found, duplicates);
                for (ModuleLayer layer : layers) {
                    collect(kind, ServiceLoader.load(layer, kind.getValue()),
                            c -> c.getModule().getLayer() == layer, found, duplicates);
                }
                for (ClassLoader loader : loaders) {
                    collect(kind, ServiceLoader.load(kind.getValue(), loader),
                            c -> c.getClassLoader() == loader, found, duplicates);
                }
            }
            problems.forEach(p -> LOG.warn("plugin skipped: {}", p));
            if (!duplicates.isEmpty()) {
                throw new PluginException(String.join("; ", duplicates) + " (remove one of the jars)");
            }
            return new Registry(kinds, byKind, problems);
        }

        private void collect(Map.Entry<String, Class<?>> kind, ServiceLoader<?> loader, Predicate<Class<?>> own,
                             Map<String, ProviderInfo> found, List<String> duplicates) {
            Iterator<?> it = loader.iterator();
            while (true) {
                Object provider;
                try {
                    if (!it.hasNext()) {
                        return;
                    }
                    provider = it.next();
                } catch (ServiceConfigurationError | LinkageError e) {
                    problems.add(kind.getKey() + " provider failed to load: " + rootMessage(e));
                    continue;
                }
                if (!own.test(provider.getClass())) {
                    continue;
                }
                add(kind.getKey(), (Component<?>) provider, found, duplicates);
            }
        }

        private void add(String kind, Component<?> provider, Map<String, ProviderInfo> found, List<String> duplicates) {
            String cls = provider.getClass().getName();
            String name;
            String version;
            try {
                name = provider.name();
                version = provider.apiVersion();
                provider.configType();
            } catch (RuntimeException | LinkageError e) {
                problems.add(kind + " " + cls + " is broken: " + rootMessage(e));
                return;
            }
            if (name == null || !KEBAB.matcher(name).matches()) {
                problems.add(kind + " " + cls + " has name '" + name + "', which is not kebab-case");
                return;
            }
            if (version == null || !GanApi.isCompatible(version)) {
                problems.add(kind + " '" + name + "' (" + cls + ") was built for gan4j API " + version
                        + ", this is API " + GanApi.VERSION);
                return;
            }
            ProviderInfo info = describe(kind, name, provider);
            ProviderInfo previous = found.get(name);
            if (previous != null) {
                if (previous.provider().getClass() != provider.getClass()) {
                    duplicates.add("two " + kind + " providers are named '" + name + "': "
                            + previous.provider().getClass().getName() + " in " + previous.location() + " and "
                            + cls + " in " + info.location());
                }
                return;
            }
            found.put(name, info);
        }

        private static ProviderInfo describe(String kind, String name, Component<?> provider) {
            Class<?> c = provider.getClass();
            Module m = c.getModule();
            String module = m.isNamed() ? m.getName() : "(class path)";
            if (!m.isNamed()) {
                // on the class path the jar's own module name still tells the reader what it is
                module = moduleNameOf(c).map(n -> n + " (class path)").orElse(module);
            }
            String version = GanApi.artifactVersion(c);
            String location = "?";
            CodeSource cs = c.getProtectionDomain() == null ? null : c.getProtectionDomain().getCodeSource();
            URL url = cs == null ? null : cs.getLocation();
            if (url != null) {
                location = url.toString().replaceFirst("^file:", "");
            } else if (m.isNamed() && m.getLayer() != null) {
                location = m.getLayer().configuration().findModule(m.getName())
                        .flatMap(r -> r.reference().location()).map(Object::toString).orElse("?");
            }
            return new ProviderInfo(kind, name, module, version, location, provider);
        }

        private static java.util.Optional<String> moduleNameOf(Class<?> c) {
            try {
                CodeSource cs = c.getProtectionDomain().getCodeSource();
                if (cs == null || cs.getLocation() == null) {
                    return java.util.Optional.empty();
                }
                java.nio.file.Path p = java.nio.file.Path.of(cs.getLocation().toURI());
                return java.lang.module.ModuleFinder.of(p).findAll().stream().findFirst().map(r -> r.descriptor().name());
            } catch (RuntimeException | java.net.URISyntaxException e) {
                return java.util.Optional.empty();
            }
        }

        private static String rootMessage(Throwable e) {
            Throwable t = e;
            List<String> parts = new ArrayList<>();
            while (t != null) {
                parts.add(t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
                t = t.getCause() == t ? null : t.getCause();
            }
            return parts.stream().distinct().collect(Collectors.joining(" <- "));
        }
    }
}
