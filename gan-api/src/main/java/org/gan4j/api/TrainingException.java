package org.gan4j.api;

/** A failure while training, such as a loss that became NaN; the last good checkpoint is kept. */
public class TrainingException extends GanException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line that says what happened
     */
    public TrainingException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message one line that says what happened
     * @param cause the underlying failure
     * @since API 1.2
     */
    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
