package ai.flatkey.migrate.wire;

/**
 * A classified failure. {@link #getMessage()} is one plain-language sentence naming the likely cause and the fix;
 * it never contains a key (every server text passes the {@link Redactor}).
 */
public final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final FailureKind kind;
    private final int status;
    private final String requestId;
    private final String serverMessage;
    private final transient ChatResult partial;

    /**
     * @param status        HTTP status, or 0 when no response arrived
     * @param requestId     the response's request ID, or empty
     * @param serverMessage the server's own error text (redacted), or empty
     * @param partial       what arrived before a stream broke, or null
     */
    public ApiException(FailureKind kind, String message, int status, String requestId, String serverMessage,
                        ChatResult partial, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.requestId = requestId == null ? "" : requestId;
        this.serverMessage = serverMessage == null ? "" : serverMessage;
        this.partial = partial;
    }

    public FailureKind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    public String requestId() {
        return requestId;
    }

    public String serverMessage() {
        return serverMessage;
    }

    /** What arrived before a stream broke (truncated or mid-stream error), or null. */
    public ChatResult partial() {
        return partial;
    }
}
