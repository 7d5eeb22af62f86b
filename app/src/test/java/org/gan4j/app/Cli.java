package org.gan4j.app;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Runs the CLI in-process and captures what it prints. */
final class Cli {
    final int code;
    final String out;
    final String err;

    private Cli(int code, String out, String err) {
        this.code = code;
        this.out = out;
        this.err = err;
    }

    static Cli run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- out\n" + out + "\n--- err\n" + err;
    }

    /**
     * Writes a tiny MNIST-format set: n 28×28 training images of blurry bars whose position encodes the label, and
     * n / 2 test images drawn the same way.
     */
    static Path tinyMnist(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        writeIdx(dir, "train", n, 1);
        writeIdx(dir, "t10k", n / 2, 2);
        return dir;
    }

    private static void writeIdx(Path dir, String prefix, int n, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        try (DataOutputStream img = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte")));
             DataOutputStream lab = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte")))) {
            img.writeInt(0x803);
            img.writeInt(n);
            img.writeInt(28);
            img.writeInt(28);
            lab.writeInt(0x801);
            lab.writeInt(n);
            for (int i = 0; i < n; i++) {
                int label = i % 10;
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        boolean on = Math.abs(x - (4 + 2 * label)) < 2 && y > 4 && y < 24;
                        img.writeByte(on ? 200 + r.nextInt(55) : r.nextInt(20));
                    }
                }
                lab.writeByte(label);
            }
        }
    }
}
