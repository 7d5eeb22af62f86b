package org.gan4j.app;

import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.api.Component;
import org.gan4j.api.registry.ProviderInfo;
import org.gan4j.api.registry.Registry;
import org.gan4j.engine.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gan plugins}. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List every provider found: kind, name, module, version and where it came from.")
public class PluginsCommand implements Callable<Integer> {
    @ParentCommand
    GanCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--describe", paramLabel = "NAME", description = "show one provider's config keys and defaults")
    String describe;

    @Override
    public Integer call() {
        Registry registry = parent.engine().registry();
        var out = spec.commandLine().getOut();
        if (describe != null) {
            return describe(registry, out);
        }
        // columns as wide as their longest entry, so long provider and module names stay aligned
        int nameWidth = registry.providers().stream().mapToInt(p -> p.name().length()).max().orElse(4) + 1;
        int moduleWidth = registry.providers().stream().mapToInt(p -> p.module().length()).max().orElse(6) + 1;
        String row = "%-14s %-" + Math.max(nameWidth, 20) + "s %-" + Math.max(moduleWidth, 24) + "s %-16s %s%n";
        out.printf(row, "KIND", "NAME", "MODULE", "VERSION", "FROM");
        for (ProviderInfo p : registry.providers()) {
            out.printf(row, p.kind(), p.name(), p.module(), p.version(), p.location());
        }
        for (String problem : registry.problems()) {
            out.println("skipped: " + problem);
        }
        return Main.OK;
    }

    private int describe(Registry registry, java.io.PrintWriter out) {
        for (ProviderInfo p : registry.providers()) {
            if (p.name().equals(describe)) {
                Component<?> c = p.provider();
                out.println(p.kind() + " " + p.name() + ": " + c.description());
                print(out, ConfigLoader.keysOf(c.configType()));
                return Main.OK;
            }
        }
        throw new org.gan4j.api.PluginException("no provider named '" + describe + "'; run 'gan plugins' for the list");
    }

    private static void print(java.io.PrintWriter out, Map<String, String[]> keys) {
        if (keys.isEmpty()) {
            out.println("  (no settings)");
        }
        keys.forEach((k, v) -> out.printf("  %-14s %-18s %s%n", k, v[0], v[1]));
    }
}
