package org.gan4j.engine;

/** How gan-nn's kernels run, the typed form of the config's {@code compute} for {@link ExperimentBuilder#compute}. */
public enum Compute {
    /** Host on a CPU, native on CUDA. */
    AUTO("auto"),
    /** gan-nn's Java loops on host copies (fastest on CPU). */
    HOST("host"),
    /** ND4J ops, where the data lives (what a GPU needs). */
    NATIVE("native");

    private final String word;

    Compute(String word) {
        this.word = word;
    }

    /**
     * The config's word for it.
     *
     * @return such as {@code host}
     */
    public String word() {
        return word;
    }
}
