package ai.flatkey.migrate.secrets;

/** The keychain could not be read or written; the message says why in plain words. */
public final class KeychainException extends Exception {
    public KeychainException(String message, Throwable cause) {
        super(message, cause);
    }
}
