package ai.flatkey.migrate.wire;

/**
 * A classified failure. {@link #getMessage()} is one plain-language sentence naming the likely cause and the fix;
 * it never contains a key (every server text passes the {@link Redactor}). Exceptions thrown by
 * {@link OpenAiClient} also carry the typed response headers and the redacted transcript of the exchange.
 */
public final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final FailureKind kind;
    private final int status;
    private final String requestId;
    private final String serverMessage;
    private final transient ChatResult partial;
    private transient ResponsesResult partialResponse;
    private transient ResponseHeaders headers = ResponseHeaders.EMPTY;
    private transient Transcript transcript;
    private int attempts = 1;
    private String errorType = "";
    private String errorCode = "";
    private boolean openAiError;

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

    /** What arrived before a chat stream broke (truncated or mid-stream error), or null. */
    public ChatResult partial() {
        return partial;
    }

    /** What arrived before a Responses stream broke or failed, or null. */
    public ResponsesResult partialResponse() {
        return partialResponse;
    }

    /** The typed headers of the failed answer ({@link ResponseHeaders#EMPTY} when none arrived). */
    public ResponseHeaders headers() {
        return headers;
    }

    /** The redacted exchange, or null when the exception did not come from {@link OpenAiClient}. */
    public Transcript transcript() {
        return transcript;
    }

    /**
     * The {@code type} of the server's error object (e.g. {@code invalid_request_error}), redacted; empty when the
     * answer carried none (a transport failure, an HTML page).
     */
    public String errorType() {
        return errorType;
    }

    /** The {@code code} of the server's error object (e.g. {@code model_not_found}), redacted; empty when none. */
    public String errorCode() {
        return errorCode;
    }

    /**
     * Whether the answer's body was the OpenAI error object, {@code {"error": {"message": …}}} with a message (the
     * shape SDKs read their error from), rather than plain text, a web page or other JSON.
     */
    public boolean openAiError() {
        return openAiError;
    }

    /** HTTP attempts made (more than 1 when retried). */
    public int attempts() {
        return attempts;
    }

    /** A copy with another message (same kind, status, IDs, partials, headers and transcript). */
    ApiException withMessage(String message) {
        ApiException e = new ApiException(kind, message, status, requestId, serverMessage, partial, getCause());
        e.partialResponse = partialResponse;
        e.headers = headers;
        e.transcript = transcript;
        e.attempts = attempts;
        e.errorType = errorType;
        e.errorCode = errorCode;
        e.openAiError = openAiError;
        return e;
    }

    ApiException attachError(String type, String code, boolean openAiErrorObject) {
        this.errorType = type == null ? "" : type;
        this.errorCode = code == null ? "" : code;
        this.openAiError = openAiErrorObject;
        return this;
    }

    ApiException attachPartialResponse(ResponsesResult r) {
        this.partialResponse = r;
        return this;
    }

    ApiException attach(ResponseHeaders h, Transcript t, int attemptCount) {
        this.headers = h == null ? ResponseHeaders.EMPTY : h;
        this.transcript = t;
        this.attempts = attemptCount;
        return this;
    }
}
