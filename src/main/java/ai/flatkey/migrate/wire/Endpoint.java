package ai.flatkey.migrate.wire;

/** The kinds of call the client makes; each may get its own {@link Timeouts}. */
public enum Endpoint {
    MODELS, CHAT, CHAT_STREAM, RESPONSES, RESPONSES_STREAM, EMBEDDINGS,
    /** The gateway's own routes at its origin: usage, quota, request log, prices ({@link OpenAiClient#getJson}). */
    ACCOUNT,
    /** {@code POST /images/generations} and {@code /images/edits}, and the download of an image URL. */
    IMAGES,
    /** {@code POST /audio/transcriptions} and {@code /audio/translations} (multipart upload). */
    AUDIO,
    /** {@code POST /audio/speech} (a binary answer). */
    SPEECH,
    /** {@code POST /moderations}. */
    MODERATIONS,
    /** Video jobs: {@code POST /videos}, {@code GET /videos/{id}} and {@code GET /videos/{id}/content}. */
    VIDEO,
    /** Routes a gateway may not have: {@code /files}, {@code /fine_tuning/jobs}, {@code /batches}. */
    OTHER
}
