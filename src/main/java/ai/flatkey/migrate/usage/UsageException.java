package ai.flatkey.migrate.usage;

/** A usage, quota or log lookup failed; the message says why in plain words and never holds a key. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
