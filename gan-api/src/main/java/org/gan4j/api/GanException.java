package org.gan4j.api;

/**
 * The root of gan4j's documented exceptions. {@link #isBadInput()} separates problems in what the user gave (a
 * config, a dataset, a checkpoint, a plugin name) from failures while running; the CLI maps them to exit codes 2 and
 * 1.
 */
public class GanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message one line that says what is wrong and, where possible, what to do
     */
    public GanException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param message one line that says what is wrong and, where possible, what to do
     * @param cause the underlying error
     */
    public GanException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Tells whether the user's input caused this.
     *
     * @return true for bad input (exit code 2), false for a failure while running (exit code 1)
     */
    public boolean isBadInput() {
        return false;
    }
}
