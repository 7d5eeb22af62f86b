package org.gan4j.nn;

import java.util.Locale;

/**
 * Which implementation of gan-nn's kernel seam ({@link Ops}) the calling thread uses: {@code host}, Java loops over
 * heap copies (fastest on a CPU), or {@code native}, ND4J/libnd4j ops only (runs wherever ND4J runs: on a GPU the data
 * never leaves the device). The engine sets the mode of every thread that runs a step (the run's, each worker's and
 * their helpers'); other threads use {@link #defaultMode()}.
 */
public final class Compute {
    /** The system property that sets {@link #defaultMode()}: {@code host} or {@code native}. */
    public static final String PROPERTY = "gan4j.compute";

    /** The two implementations. */
    public enum Mode {
        /** Java loops over host copies ({@link Kernels}). */
        HOST(HostOps.INSTANCE),
        /** ND4J ops only ({@link NativeOps}). */
        NATIVE(NativeOps.INSTANCE);

        private final Ops ops;

        Mode(Ops ops) {
            this.ops = ops;
        }

        /**
         * The config word for this mode.
         *
         * @return {@code host} or {@code native}
         */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Parses a config word.
         *
         * @param word {@code host} or {@code native}
         * @return the mode
         * @throws IllegalArgumentException for any other word
         */
        public static Mode of(String word) {
            for (Mode m : values()) {
                if (m.word().equals(word)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("compute: expected host or native, got '" + word + "'");
        }
    }

    private static final ThreadLocal<Mode> CURRENT = ThreadLocal.withInitial(Compute::defaultMode);

    private Compute() {
    }

    /**
     * The mode of threads the engine has not set: the {@value #PROPERTY} system property when it is set (a build runs
     * its whole test suite once with {@code -Dgan4j.compute=native}), else host.
     *
     * @return the default mode
     */
    public static Mode defaultMode() {
        String p = System.getProperty(PROPERTY, "").trim();
        return p.isEmpty() || p.equals("auto") ? Mode.HOST : Mode.of(p);
    }

    /**
     * The calling thread's mode.
     *
     * @return the mode
     */
    public static Mode mode() {
        return CURRENT.get();
    }

    /**
     * Sets the calling thread's mode.
     *
     * @param mode the mode
     */
    public static void use(Mode mode) {
        CURRENT.set(java.util.Objects.requireNonNull(mode, "mode"));
    }

    /**
     * The calling thread's kernels.
     *
     * @return the implementation of the mode
     */
    public static Ops ops() {
        return CURRENT.get().ops;
    }
}
