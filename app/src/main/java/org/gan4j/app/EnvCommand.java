package org.gan4j.app;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gan env}. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Show what gan4j computes with here: ND4J backend, devices, cuDNN/oneDNN, the kernels "
                + "(compute) and the workers that 'auto' resolves to.")
public class EnvCommand implements Callable<Integer> {
    @ParentCommand
    GanCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        Map<String, String> env = parent.engine().environment();
        env.forEach((k, v) -> out.printf("%-16s %s%n", k, v));
        out.flush();
        return Main.OK;
    }
}
