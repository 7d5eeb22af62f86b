package org.gan4j.app;

import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.gan4j.api.GanException;
import picocli.CommandLine;

/**
 * Entry point of the {@code gan} CLI. Exit codes: 0 success, 1 failure while running, 2 bad input (usage, config,
 * data, checkpoint, plugin name).
 */
public final class Main {
    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for a failure while running. */
    public static final int FAILURE = 1;
    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    private Main() {
    }

    /**
     * Runs the CLI and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the CLI without exiting the JVM (tests call this).
     *
     * @param args the arguments
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        quietLogging();
        // what environment.json records as the run's command line (the engine's Provenance reads it)
        System.setProperty("gan4j.command.line", "gan " + String.join(" ", args));
        try (ApplicationContext ctx = ApplicationContext.builder(GanCommand.class, Environment.CLI).start()) {
            CommandLine cmd = new CommandLine(GanCommand.class, new MicronautFactory(ctx));
            cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
            cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex, err));
            try {
                return cmd.execute(args);
            } catch (OutOfMemoryError e) {
                err.println("gan: error: out of memory (" + e.getMessage() + "); use a smaller batch_size or smaller "
                        + "networks, or give the JVM more with GAN4J_JAVA_OPTS=-Xmx…; checkpoints on disk are intact");
                return FAILURE;
            } catch (StackOverflowError e) {
                err.println("gan: error: stack overflow (a network or config nested too deeply)");
                return FAILURE;
            }
        }
    }

    /** One clear line per error; a stack trace only for bugs (unexpected exceptions), and only with GAN4J_DEBUG. */
    static int report(Exception ex, PrintStream err) {
        Throwable oom = ex;
        while (oom != null && !(oom instanceof OutOfMemoryError)) {
            oom = oom.getCause() == oom ? null : oom.getCause();
        }
        if (oom != null) {
            err.println("gan: error: out of memory (" + oom.getMessage() + "); use a smaller batch_size or smaller "
                    + "networks, or give the JVM more with GAN4J_JAVA_OPTS=-Xmx…; checkpoints on disk are intact");
            return FAILURE;
        }
        Throwable t = ex;
        while (!(t instanceof GanException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof GanException g) {
            // one line, whatever a message quoted from elsewhere holds
            err.println("gan: error: " + String.valueOf(g.getMessage()).replaceAll("\\s*[\\r\\n]+\\s*", "; "));
            return g.isBadInput() ? BAD_INPUT : FAILURE;
        }
        err.println("gan: internal error: " + ex + " (set GAN4J_DEBUG=1 for the stack trace)");
        if (System.getenv("GAN4J_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        return FAILURE;
    }

    private static void quietLogging() {
        // ND4J logs a page of INFO at start-up; the CLI reports what matters itself
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getenv("GAN4J_DEBUG") != null ? "debug" : "warn"));
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    }
}
