package org.gan4j.app;

import java.nio.file.Path;
import org.gan4j.engine.Gan4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code gan} command: global options and the list of subcommands. */
@Command(name = "gan", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "gan4j: train, resume and sample GANs from YAML configs.",
        subcommands = {TrainCommand.class, ResumeCommand.class, GenerateCommand.class, PluginsCommand.class,
                       ValidateCommand.class, BenchCommand.class, EvaluateCommand.class, TranslateCommand.class, PrepareCommand.class,
                       EnvCommand.class, ExportCommand.class, BoardCommand.class, CompletionCommand.class, RepeatCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failure while running, 2 bad input."})
public class GanCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--plugins-dir", defaultValue = "./plugins", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "directory of plugin jars loaded at run time (default: ${DEFAULT-VALUE})")
    Path pluginsDir;

    private Gan4j engine;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The engine with the built-ins and the plugins directory, created once per invocation.
     *
     * @return the engine
     */
    Gan4j engine() {
        if (engine == null) {
            // the default ./plugins may well not exist; a directory the user named must
            if (!pluginsDir.equals(Path.of("./plugins")) && !java.nio.file.Files.isDirectory(pluginsDir)) {
                throw new org.gan4j.api.PluginException("--plugins-dir " + pluginsDir + ": no such directory");
            }
            engine = Gan4j.create(pluginsDir);
        }
        return engine;
    }
}
