package ai.flatkey.migrate.wire;

/** The kinds of call the client makes; each may get its own {@link Timeouts}. */
public enum Endpoint {
    MODELS, CHAT, CHAT_STREAM, RESPONSES, RESPONSES_STREAM, EMBEDDINGS,
    /** The gateway's own routes at its origin: usage, quota, request log, prices ({@link OpenAiClient#getJson}). */
    ACCOUNT
}
