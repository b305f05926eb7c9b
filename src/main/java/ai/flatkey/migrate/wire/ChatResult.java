package ai.flatkey.migrate.wire;

/**
 * A finished chat exchange (non-streaming, or a stream reassembled).
 *
 * @param id           the completion ID from the body
 * @param model        the model the server says answered
 * @param content      the assistant text
 * @param finishReason the finish reason of choice 0
 * @param usage        usage if the server sent it, else null
 * @param requestId    the {@code x-request-id} header (or the gateway's own request ID header), else empty
 * @param status       the HTTP status
 * @param chunkCount   number of chunks (streams), 0 otherwise
 * @param sawDone      whether the stream ended with {@code data: [DONE]} (true for non-streaming)
 */
public record ChatResult(String id, String model, String content, String finishReason, Usage usage, String requestId,
                         int status, Timing timing, boolean streamed, int chunkCount, boolean sawDone) {
}
