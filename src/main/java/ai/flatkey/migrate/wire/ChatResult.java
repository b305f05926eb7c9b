package ai.flatkey.migrate.wire;

import java.util.List;

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
 * @param toolCalls    the tool calls of choice 0 (streamed deltas reassembled by {@code index}), in index order
 * @param shape        body facts of a non-streamed answer ({@code object}, {@code created}, role, choices); null
 *                     for streams (see {@code trace})
 * @param trace        per-chunk facts of a stream, for conformance checks; null for non-streamed answers
 * @param headers      typed response headers (rate limits, request ID, processing time, cost)
 * @param transcript   the whole exchange, redacted; null on a partial result inside an {@link ApiException}
 *                     (the exception carries it)
 */
public record ChatResult(String id, String model, String content, String finishReason, Usage usage, String requestId,
                         int status, Timing timing, boolean streamed, int chunkCount, boolean sawDone,
                         List<ToolCall> toolCalls, ChatShape shape, StreamTrace trace, ResponseHeaders headers,
                         Transcript transcript) {
    public ChatResult {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        headers = headers == null ? ResponseHeaders.EMPTY : headers;
    }

    public ChatResult(String id, String model, String content, String finishReason, Usage usage, String requestId,
                      int status, Timing timing, boolean streamed, int chunkCount, boolean sawDone) {
        this(id, model, content, finishReason, usage, requestId, status, timing, streamed, chunkCount, sawDone,
                List.of(), null, null, ResponseHeaders.EMPTY, null);
    }

    ChatResult withTranscript(Transcript t) {
        return new ChatResult(id, model, content, finishReason, usage, requestId, status, timing, streamed, chunkCount,
                sawDone, toolCalls, shape, trace, headers, t);
    }

    /** One line for a transcript: what came back. */
    String summary() {
        StringBuilder sb = new StringBuilder(streamed ? "stream of " + chunkCount + " chunk" + (chunkCount == 1 ? "" : "s")
                + (sawDone ? " ended by [DONE]" : " without [DONE]") : "chat.completion");
        sb.append(", id ").append(id.isEmpty() ? "(none)" : id).append(", model ").append(model.isEmpty() ? "(none)" : model)
                .append(", finish_reason ").append(finishReason == null ? "(none)" : finishReason)
                .append(", ").append(content.length()).append(" characters of content");
        if (!toolCalls.isEmpty()) {
            sb.append(", ").append(toolCalls.size()).append(" tool call").append(toolCalls.size() == 1 ? "" : "s");
            for (ToolCall c : toolCalls) {
                sb.append(" [").append(c.index()).append(' ').append(c.name()).append(' ').append(c.arguments()).append(']');
            }
        }
        sb.append(usage == null ? ", no usage" : ", usage " + usage.promptTokens() + "+" + usage.completionTokens()
                + "=" + usage.totalTokens());
        return sb.toString();
    }
}
