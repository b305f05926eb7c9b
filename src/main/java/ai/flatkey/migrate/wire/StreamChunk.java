package ai.flatkey.migrate.wire;

import java.util.List;

/**
 * One decoded {@code chat.completion.chunk}, delivered to the caller as soon as it arrives.
 *
 * @param contentDelta   the text this chunk adds (empty if none)
 * @param finishReason   non-null on the chunk that ends a choice
 * @param usage          non-null on the usage chunk ({@code include_usage})
 * @param elapsedMs      milliseconds since the request was sent
 * @param toolCallDeltas the tool-call fragments of choice 0 in this chunk
 */
public record StreamChunk(String id, String model, String contentDelta, String finishReason, Usage usage, long elapsedMs,
                          List<ToolCallDelta> toolCallDeltas) {
    public StreamChunk {
        toolCallDeltas = toolCallDeltas == null ? List.of() : List.copyOf(toolCallDeltas);
    }

    public StreamChunk(String id, String model, String contentDelta, String finishReason, Usage usage, long elapsedMs) {
        this(id, model, contentDelta, finishReason, usage, elapsedMs, List.of());
    }
}
