package ai.flatkey.migrate.plan;

/** A plan could not be read or written; the message says what is wrong and where, in plain words. */
public final class PlanStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public PlanStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
