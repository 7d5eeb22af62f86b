package org.gan4j.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.gan4j.api.ConfigException;
import org.gan4j.engine.board.RunBoard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gan board [DIR]}: every run under DIR on a local web page — the list with live status, each run's board
 * following it while it trains, and two or more runs' curves on the same axes. The JDK's own HTTP server
 * ({@code jdk.httpserver}) serves it: a read-only page for one user on localhost needs no framework, and this keeps
 * Micronaut's Netty stack out of every gan4j install.
 */
@Command(name = "board", mixinStandardHelpOptions = true,
        description = "Serve the runs under DIR on localhost: a run list, live curves while runs train, runs side by side.")
public class BoardCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "json",
            "application/json", "js", "text/javascript", "png", "image/png", "yaml", "text/plain; charset=utf-8",
            "jsonl", "text/plain; charset=utf-8", "txt", "text/plain; charset=utf-8");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "runs", paramLabel = "DIR",
            description = "a directory of run directories, or one run directory (default: ${DEFAULT-VALUE})")
    Path root;

    @Option(names = "--port", defaultValue = "8470", description = "port; 0 = any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(root)) {
            throw new ConfigException(root + ": not a directory (gan board DIR serves the run directories in DIR)");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("--port: must be in 0..65535, got " + port);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new ConfigException("--port " + port + ": cannot listen on " + host + " (" + e.getMessage() + ")");
        }
        server.createContext("/", this::handle);
        // a checkpoint download must not hold up the pages' polling
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "gan-board");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        spec.commandLine().getOut().printf("gan board: %d run(s) under %s at http://%s:%d/ (Ctrl-C stops)%n",
                runs().size(), root.toAbsolutePath().normalize(), host, server.getAddress().getPort());
        spec.commandLine().getOut().flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            stop.countDown();
        }));
        stop.await();
        return Main.OK;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                route(ex);
            } catch (IOException | RuntimeException e) {
                // a browser that went away, or a run directory changing under us: this request fails, the board goes on
                try {
                    send(ex, 500, "text/plain", String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
                } catch (IOException | RuntimeException ignored) {
                    // the response had started
                }
            }
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (!localHost(ex.getRequestHeaders().getFirst("Host"))) {
            // a page elsewhere that rebinds its DNS name to 127.0.0.1 must not read the runs
            send(ex, 403, "text/plain", "the board answers only requests addressed to its own host".getBytes(
                    StandardCharsets.UTF_8));
        } else if (!ex.getRequestMethod().equals("GET")) {
            send(ex, 405, "text/plain", "read-only".getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/")) {
            send(ex, 200, TYPES.get("html"), resource("list.html"));
        } else if (path.equals("/plotly-basic.min.js")) {
            send(ex, 200, TYPES.get("js"), RunBoard.resource("plotly-basic.min.js"));
        } else if (path.equals("/api/runs")) {
            send(ex, 200, TYPES.get("json"), JSON.writeValueAsBytes(list()));
        } else if (path.startsWith("/runs/")) {
            run(ex, path.substring("/runs/".length()));
        } else {
            send(ex, 404, "text/plain", ("not found: " + path).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Whether a Host header names this server: localhost, a loopback address, or the address it listens on. */
    private boolean localHost(String header) {
        if (header == null) {
            return false;
        }
        String h = header.replaceFirst(":\\d+$", "").toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]") || h.equals(host.toLowerCase(java.util.Locale.ROOT));
    }

    /** {@code /runs/NAME/} (the board, fresh), {@code /runs/NAME/data.json}, or a file inside the run directory. */
    private void run(HttpExchange ex, String rest) throws IOException {
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        String file = slash < 0 ? "" : rest.substring(slash + 1);
        Path dir = runs().get(name);
        if (dir == null) {
            send(ex, 404, "text/plain", ("no run '" + name + "' under " + root).getBytes(StandardCharsets.UTF_8));
        } else if (slash < 0) {
            ex.getResponseHeaders().add("Location", "/runs/" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)
                    .replace("+", "%20") + "/");
            send(ex, 302, "text/plain", new byte[0]);
        } else if (file.isEmpty() || file.equals(RunBoard.PAGE)) {
            send(ex, 200, TYPES.get("html"), RunBoard.html(RunBoard.data(dir), "/plotly-basic.min.js")
                    .getBytes(StandardCharsets.UTF_8));
        } else if (file.equals("data.json")) {
            send(ex, 200, TYPES.get("json"), JSON.writeValueAsBytes(RunBoard.data(dir)));
        } else {
            Path f = dir.resolve(file).normalize();
            // links inside a run directory must not lead out of it either
            if (!f.startsWith(dir) || !Files.isRegularFile(f) || !f.toRealPath().startsWith(dir.toRealPath())) {
                send(ex, 404, "text/plain", ("not found: " + file).getBytes(StandardCharsets.UTF_8));
                return;
            }
            String ext = f.getFileName().toString().replaceFirst(".*\\.", "");
            ex.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.sendResponseHeaders(200, Files.size(f));
            try (OutputStream os = ex.getResponseBody()) {
                Files.copy(f, os);
            }
        }
    }

    /** The runs by name: DIR itself when it is a run, else its subdirectories that are. */
    private Map<String, Path> runs() throws IOException {
        Path r = root.toAbsolutePath().normalize();
        Map<String, Path> out = new java.util.TreeMap<>();
        if (isRun(r)) {
            out.put(r.getFileName().toString(), r);
            return out;
        }
        try (Stream<Path> s = Files.list(r)) {
            s.filter(Files::isDirectory).filter(BoardCommand::isRun).forEach(p -> out.put(p.getFileName().toString(), p));
        }
        return out;
    }

    private static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve("config.yaml")) || Files.isRegularFile(dir.resolve("metrics.jsonl"));
    }

    private ObjectNode list() throws IOException {
        ObjectNode out = JSON.createObjectNode().put("root", root.toAbsolutePath().normalize().toString());
        ArrayNode arr = out.putArray("runs");
        for (Map.Entry<String, Path> e : runs().entrySet()) {
            ObjectNode d;
            try {
                d = RunBoard.data(e.getValue());
            } catch (IOException | RuntimeException ex) {
                // a run directory deleted or rewritten while we read it: left out of this refresh
                continue;
            }
            ObjectNode row = arr.addObject().put("name", e.getKey()).put("status", d.path("status").asText())
                    .put("step", d.path("step").asLong()).put("updated", d.path("updated").asText());
            ObjectNode last = row.putObject("last");
            // evaluation rows carry no losses: each loss's latest value, wherever it is
            for (var rowNode : d.path("metrics")) {
                rowNode.fields().forEachRemaining(f -> {
                    if (f.getKey().startsWith("loss") && f.getValue().isNumber()) {
                        last.set(f.getKey(), f.getValue());
                    }
                });
            }
        }
        return out;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BoardCommand.class.getResourceAsStream("/org/gan4j/app/board/" + name)) {
            if (in == null) {
                throw new IOException("gan4j is missing its resource " + name);
            }
            return in.readAllBytes();
        }
    }

    private static void send(HttpExchange ex, int code, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }
}
