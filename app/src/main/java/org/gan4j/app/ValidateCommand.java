package org.gan4j.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gan4j.engine.Gan4j;
import org.gan4j.engine.config.ExperimentConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gan validate CONFIG.yaml}. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a config without training: names, keys, values, data, networks. Prints the effective "
                + "config with every default filled in.")
public class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    GanCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG.yaml")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config key")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        Gan4j gan = parent.engine();
        ExperimentConfig cfg = gan.loadConfig(config, overrides);
        String summary = gan.validate(cfg);
        var out = spec.commandLine().getOut();
        out.print(gan.toYaml(cfg));
        out.println("# ok: " + summary);
        return Main.OK;
    }
}
