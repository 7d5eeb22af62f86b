package org.gan4j.api;

/** Bad input: a checkpoint is missing, unreadable, corrupt or of an unsupported format version. */
public class CheckpointException extends GanException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line that says what is wrong and what to do
     */
    public CheckpointException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message one line that says what is wrong and what to do
     * @param cause the underlying error
     */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isBadInput() {
        return true;
    }
}
