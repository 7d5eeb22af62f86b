package org.gan4j.engine;

/** Where a run computes, the typed form of the config's {@code device} for {@link ExperimentBuilder#device}. */
public enum Device {
    /** CUDA when ND4J's CUDA backend is on the class path and sees a GPU, else the CPU. */
    AUTO("auto"),
    /** The CPU. */
    CPU("cpu"),
    /** The first GPU ({@code cuda:N} through {@link ExperimentBuilder#set} for another). */
    CUDA("cuda");

    private final String word;

    Device(String word) {
        this.word = word;
    }

    /**
     * The config's word for it.
     *
     * @return such as {@code cuda}
     */
    public String word() {
        return word;
    }
}
