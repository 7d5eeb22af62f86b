package org.gan4j.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gan4j.api.ConfigException;
import org.gan4j.engine.GanModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gan export --checkpoint CKPT [--network G] --format onnx --out g.onnx}. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a checkpoint's network as an ONNX model (opset 13): input 'input' [N, ...], output "
                + "'output', the inference-mode computation (running statistics, no dropout; the moving average of G "
                + "when the run kept one) with weights named by layer (3.weight, 3.running_mean).")
public class ExportCommand implements Callable<Integer> {
    @ParentCommand
    GanCommand parent;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    CheckpointOption checkpoint;

    @Option(names = "--network", defaultValue = "G", paramLabel = "NAME",
            description = "the network to export, by its name in the run (default: ${DEFAULT-VALUE})")
    String network;

    @Option(names = "--format", defaultValue = "onnx", paramLabel = "onnx", description = "the format (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the model file to write, e.g. g.onnx")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("onnx")) {
            throw new ConfigException("--format: only onnx is supported, got '" + format + "'");
        }
        GanModel model = parent.engine().load(checkpoint.path);
        model.exportOnnx(network, out);
        var net = model.network(network);
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: network %s of %s (step %d), input [N, %s] → output [N, %s], "
                        + "%,d parameters, %,d bytes%n", out, network, model.checkpoint(), model.step(),
                join(net.inputShape()), join(net.outputShape()), net.numParams(), Files.size(out));
        return Main.OK;
    }

    private static String join(long[] shape) {
        return java.util.Arrays.stream(shape).mapToObj(Long::toString).collect(java.util.stream.Collectors.joining(", "));
    }
}
