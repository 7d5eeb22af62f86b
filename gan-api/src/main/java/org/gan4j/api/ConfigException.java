package org.gan4j.api;

/** Bad input: a config file or value is malformed, unknown or inconsistent. */
public class ConfigException extends GanException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line that says what is wrong and what to do
     */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message one line that says what is wrong and what to do
     * @param cause the underlying error
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isBadInput() {
        return true;
    }
}
