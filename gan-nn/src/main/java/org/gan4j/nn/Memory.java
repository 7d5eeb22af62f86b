package org.gan4j.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses allocations that cannot fit, before they are attempted: an array of a billion floats would otherwise end
 * in an {@link OutOfMemoryError} deep inside ND4J, or in the kernel's OOM killer, long after the config that asked
 * for it was accepted.
 */
public final class Memory {
    private static final long AVAILABLE = detect();

    private Memory() {
    }

    private static long detect() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall back to a multiple of the heap limit below
        }
        return Runtime.getRuntime().maxMemory() * 2;
    }

    /**
     * The memory this process can hope to use: the machine's physical memory.
     *
     * @return bytes
     */
    public static long available() {
        return AVAILABLE;
    }

    /**
     * Checks that an allocation can fit.
     *
     * @param what what needs the memory, for the message (for example {@code "a network of 2e9 parameters"})
     * @param bytes how many bytes it needs (a double, so that overflowing products still compare)
     * @throws IllegalArgumentException with the estimate when it exceeds the machine's memory
     */
    public static void require(String what, double bytes) {
        if (!(bytes <= AVAILABLE)) {
            throw new IllegalArgumentException(what + " needs about " + gigabytes(bytes) + " GB, more than this machine's "
                    + gigabytes(AVAILABLE) + " GB");
        }
    }

    private static String gigabytes(double bytes) {
        return bytes >= 1e15 ? String.format(java.util.Locale.ROOT, "%.3g", bytes / 1e9)
                : String.format(java.util.Locale.ROOT, "%.1f", bytes / 1e9);
    }
}
