package ai.flatkey.migrate.demo;

import java.util.List;

/**
 * The answer to a chat call: text as the pieces ("tokens") it streams in, or tool calls.
 *
 * @param pieces       words (or JSON fragments), each word after the first with its leading space; empty when the
 *                     answer is tool calls
 * @param toolCalls    the function calls made (empty for a text answer)
 * @param finishReason {@code stop}, {@code length} when cut at the token limit, or {@code tool_calls}
 * @param promptTokens the prompt's estimated token count
 */
record Completion(List<String> pieces, List<ToolCall> toolCalls, String finishReason, int promptTokens) {

    Completion {
        pieces = List.copyOf(pieces);
        toolCalls = List.copyOf(toolCalls);
    }

    Completion(List<String> pieces, String finishReason, int promptTokens) {
        this(pieces, List.of(), finishReason, promptTokens);
    }

    String text() {
        return String.join("", pieces);
    }

    boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }

    int completionTokens() {
        return pieces.size() + toolCalls.stream().mapToInt(ToolCall::tokens).sum();
    }

    int totalTokens() {
        return promptTokens + completionTokens();
    }
}
