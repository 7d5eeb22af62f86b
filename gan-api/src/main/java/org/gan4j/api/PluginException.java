package org.gan4j.api;

/** Bad input: a plugin name is unknown, duplicated or a plugin could not be loaded. */
public class PluginException extends GanException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line that says what is wrong and what to do
     */
    public PluginException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message one line that says what is wrong and what to do
     * @param cause the underlying error
     */
    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isBadInput() {
        return true;
    }
}
