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
}
