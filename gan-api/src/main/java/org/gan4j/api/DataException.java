package org.gan4j.api;

/** Bad input: a dataset is missing or malformed. */
public class DataException extends GanException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line that says what is wrong and what to do
     */
    public DataException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message one line that says what is wrong and what to do
     * @param cause the underlying error
     */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isBadInput() {
        return true;
    }
}
