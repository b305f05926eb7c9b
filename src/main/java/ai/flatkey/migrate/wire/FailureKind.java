package ai.flatkey.migrate.wire;

/** What went wrong with an exchange, in the terms a person can act on. */
public enum FailureKind {
    /** 401: the key is missing, wrong or revoked. */
    AUTHENTICATION,
    /** 403: the key is valid but may not use this model or route. */
    PERMISSION,
    /** 404/400 naming the model: the model ID does not exist on this gateway. */
    MODEL_NOT_FOUND,
    /** 404 for the route itself, or an HTML page where the API should be: the base URL path is wrong. */
    WRONG_PATH,
    /** 400/422 other than the above. */
    BAD_REQUEST,
    /** 400 naming an unsupported parameter. */
    UNSUPPORTED_PARAMETER,
    /** 429. */
    RATE_LIMITED,
    /** 5xx. */
    SERVER_ERROR,
    /** DNS failure, connection refused or reset. */
    NETWORK,
    /** Certificate or handshake failure. */
    TLS,
    /** A connect, read or overall timeout. */
    TIMEOUT,
    /** The body was not JSON (an HTML error page, plain text) where JSON or SSE was expected. */
    NON_JSON_BODY,
    /** The stream ended without {@code data: [DONE]}. */
    TRUNCATED_STREAM,
    /** The server sent an {@code error} object inside the stream. */
    MIDSTREAM_ERROR,
    /** JSON that does not have the OpenAI shape. */
    PROTOCOL,
    /** The caller cancelled. */
    CANCELLED,
    /**
     * The gateway says it does not implement the endpoint: HTTP 501 or {@code api_not_implemented} (new-api answers
     * so for {@code /files}, fine-tunes and {@code /images/variations}).
     */
    NOT_IMPLEMENTED
}
