package org.gan4j.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.engine.Gan4j;
import org.gan4j.engine.TrainingHandle;
import org.gan4j.engine.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated config mutations against validation and a short training: every outcome is success or one line
 * {@code gan: error: …} with exit 2 (bad input) or 1 (runtime), within a time bound; a value that breaks its key's
 * type or documented range must fail; and the cases a reliability test found (issue 17) each fail with exit 2.
 */
class ConfigFuzzTest {
    @TempDir
    Path tmp;

    /** The mutated configs are written as JSON, which is YAML too, with the raw YAML value put in its place. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "__MUTATION__";

    static final String RING = """
            name: fuzz-ring
            seed: 1
            data: {type: ring, size: 512}
            networks:
              G: {type: mlp-generator, latent_dim: 4, hidden: [16], output: linear}
              D: {type: mlp-discriminator, hidden: [16]}
            training: {steps: 2, batch_size: 16}
            checkpoints: {every: 0}
            samples: {every: -1, count: 16}
            metrics: {every: 1}
            """;

    static final String IMAGES = """
            name: fuzz-pix2pix
            seed: 2
            data: {type: synthetic, shape: [2, 32, 32], size: 8}
            networks:
              G: {type: unet-generator, in_channels: 1, out_channels: 1, ngf: 4, levels: 5}
              D: {type: patchgan-discriminator, ndf: 4, layers: 2}
            schedule: {type: pix2pix}
            training: {steps: 1, batch_size: 2}
            checkpoints: {every: 0}
            samples: {every: -1}
            """;

    static final String CRITIC = """
            name: fuzz-wgan
            seed: 3
            data: {type: grid, size: 400}
            networks:
              G: {type: mlp-generator, latent_dim: 2, hidden: [8], output: linear}
              D: {type: mlp-discriminator, hidden: [8]}
            loss: {type: wasserstein}
            schedule: {type: wgan, n_critic: 2}
            optimizers: {G: {type: rmsprop}, D: {type: sgd}}
            training: {steps: 1, batch_size: 8}
            checkpoints: {every: 0}
            samples: {every: -1}
            """;

    /** Values every numeric key must refuse, whatever its range. */
    private static final List<String> ALWAYS_BAD = List.of("1e999999", "-1e999999", ".nan", ".inf", "abc", "[1, 2]",
            "{a: 1}", "true", "~", "''");
    /** Values a key may take or refuse, by its range; they must never crash, hang or leak an internal error. */
    private static final List<String> MAYBE = List.of("-1", "0", "1", "0.5", "64.5", "1000000000", "-1000000000",
            "2147483648", "9223372036854775808", "1e-300");

    private record Outcome(int code, String err) {
    }

    private static Outcome validate(Gan4j gan, String yaml) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
        int code;
        try {
            gan.validate(gan.parseConfig(yaml, List.of()));
            code = 0;
        } catch (Exception e) {
            code = Main.report(e, err);
        }
        return new Outcome(code, buf.toString(StandardCharsets.UTF_8));
    }

    private static void assertOneLineOrSuccess(Outcome o, String what) {
        if (o.code() == 0) {
            return;
        }
        assertThat(o.code()).as(what + ": " + o.err()).isIn(1, 2);
        assertThat(o.err().lines().count()).as(what + ": one line, got " + o.err()).isEqualTo(1);
        assertThat(o.err()).as(what).startsWith("gan: error: ").doesNotContain("internal error")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** Every numeric leaf of a tree, as a path of field names and array indices. */
    private static void numericLeaves(JsonNode node, List<Object> path, List<List<Object>> out) {
        if (node.isNumber()) {
            out.add(List.copyOf(path));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                path.add(e.getKey());
                numericLeaves(e.getValue(), path, out);
                path.remove(path.size() - 1);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                numericLeaves(node.get(i), path, out);
                path.remove(path.size() - 1);
            }
        }
    }

    private static String withMark(JsonNode tree, List<Object> path) throws Exception {
        JsonNode copy = tree.deepCopy();
        JsonNode parent = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = path.get(i) instanceof Integer idx ? parent.get(idx) : parent.get((String) path.get(i));
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer idx) {
            ((ArrayNode) parent).set(idx, TextNode.valueOf(MARK));
        } else {
            ((ObjectNode) parent).set((String) last, TextNode.valueOf(MARK));
        }
        return JSON.writeValueAsString(copy);
    }

    @Test
    void generatedMutationsFailInOneLineOrPassAndBrokenValuesAlwaysFail() throws Exception {
        Gan4j gan = Gan4j.create((Path) null);
        int cases = 0;
        int refused = 0;
        List<String> accepted = new ArrayList<>();
        for (String base : List.of(RING, IMAGES, CRITIC)) {
            // the effective config: every key with its default, so the mutations reach every numeric key
            JsonNode tree = org.gan4j.engine.config.ConfigLoader.parse(gan.toYaml(gan.parseConfig(base, List.of())), "base");
            List<List<Object>> leaves = new ArrayList<>();
            numericLeaves(tree, new ArrayList<>(), leaves);
            for (List<Object> leaf : leaves) {
                String template = withMark(tree, leaf);
                for (String value : ALWAYS_BAD) {
                    String yaml = template.replace("\"" + MARK + "\"", value).replace(MARK, value);
                    Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> validate(gan, yaml));
                    assertOneLineOrSuccess(o, leaf + " = " + value);
                    assertThat(o.code()).as(leaf + " = " + value + " must be refused: " + o.err()).isEqualTo(2);
                    cases++;
                    refused++;
                }
                for (String value : MAYBE) {
                    String yaml = template.replace("\"" + MARK + "\"", value).replace(MARK, value);
                    Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> validate(gan, yaml));
                    assertOneLineOrSuccess(o, leaf + " = " + value);
                    if (o.code() == 0 && accepted.size() < 400) {
                        accepted.add(yaml);
                    }
                    refused += o.code() == 0 ? 0 : 1;
                    cases++;
                }
            }
        }
        assertThat(cases).as("config mutations").isGreaterThanOrEqualTo(500);
        int trained = 0;
        // a sample of what validation accepts trains too, or fails in one line, within a bound per case
        TrainingListener quiet = new TrainingListener() { };
        for (int i = 0; i < accepted.size(); i += Math.max(1, accepted.size() / 25)) {
            String yaml = accepted.get(i);
            Path dir = tmp.resolve("train-" + i);
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int code = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
                try {
                    gan.train(gan.parseConfig(yaml, List.of("training.steps=1")), dir, quiet, new TrainingHandle());
                    return 0;
                } catch (Exception e) {
                    return Main.report(e, new PrintStream(buf, true, StandardCharsets.UTF_8));
                }
            });
            assertOneLineOrSuccess(new Outcome(code, buf.toString(StandardCharsets.UTF_8)), "training " + yaml);
            trained++;
        }
        System.out.printf("config fuzz: %d mutations, %d refused in one line (exit 2), %d accepted; %d of those trained%n",
                cases, refused, cases - refused, trained);
    }

    /** The reliability test's findings, each refused with exit 2 and a message that names the key. */
    @Test
    void theReportedCasesAreRefusedWithTheirKey() {
        Gan4j gan = Gan4j.create((Path) null);
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("optimizers: {G: {type: adam, lr: -1}}", "optimizers.G.lr");
        cases.put("optimizers: {G: {type: adam, lr: 1e999999}}", "optimizers.G.lr");
        cases.put("optimizers: {G: {type: adam, beta1: 2}}", "optimizers.G.beta1");
        cases.put("data: {type: ring, std: -1}", "data.std");
        cases.put("metrics: {every: 0}", "metrics.every");
        cases.put("checkpoints: {keep: -3}", "checkpoints.keep");
        cases.put("networks: {G: {type: mlp-generator, hidden: [64.5], output: linear}, D: {type: mlp-discriminator}}",
                "networks.G.hidden[0]");
        cases.put("networks: {G: {type: mlp-generator, hidden: [0], output: linear}, D: {type: mlp-discriminator}}",
                "networks.G.hidden[0]");
        cases.put("networks: {G: {type: mlp-generator, hidden: [-5], output: linear}, D: {type: mlp-discriminator}}",
                "networks.G.hidden[0]");
        cases.put("networks: {G: {type: mlp-generator, hidden: [1000000000], output: linear}, D: {type: mlp-discriminator}}",
                "networks.G.hidden[0]");
        cases.put("networks: {G: {type: mlp-generator, hidden: [1000000, 1000000], output: linear}, D: {type: mlp-discriminator}}",
                "networks.G");
        cases.put("networks: {G: {type: mlp-generator, output: linear}, D: {type: mlp-generator}}", "networks.D");
        cases.put("networks: {G: {type: mlp-discriminator}, D: {type: mlp-discriminator}}", "networks.G");
        cases.put("name: ../../etc/x", "name");
        cases.put("data: {type: ring, modes: 1000000000}", "data.modes");
        cases.put("data: {type: grid, side: 100000}", "data.side");
        cases.put("data: {type: ring, size: 1000000000}", "data.size");
        cases.put("data: {type: synthetic, size: 100000000, shape: [3, 64, 64]}", "data");
        cases.put("samples: {count: 1000000000}", "samples.count");
        cases.put("schedule: {type: alternating, d_steps: 1000000000}", "schedule.d_steps");
        cases.put("training: {steps: 2, batch_size: 16}\ntraining: {steps: 3}", "training");
        cases.put("seed: 1\n---\nseed: 2", "second YAML document");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String yaml = RING.replaceAll("(?m)^" + c.getKey().substring(0, c.getKey().indexOf(':')) + ":.*\\n"
                    + "(?:  .*\\n)*", "") + c.getKey() + "\n";
            Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> validate(gan, yaml));
            assertOneLineOrSuccess(o, c.getKey());
            assertThat(o.code()).as(c.getKey() + " → " + o.err()).isEqualTo(2);
            assertThat(o.err()).as(c.getKey()).contains(c.getValue()).doesNotContain("null");
        }
    }
}
