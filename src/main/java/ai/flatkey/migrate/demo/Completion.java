package ai.flatkey.migrate.demo;

import java.util.List;

/**
 * The answer to a chat call, as the pieces ("tokens") it streams in.
 *
 * @param pieces       words, each after the first with its leading space
 * @param finishReason {@code stop}, or {@code length} when cut at the token limit
 * @param promptTokens the prompt's estimated token count
 */
record Completion(List<String> pieces, String finishReason, int promptTokens) {

    Completion {
        pieces = List.copyOf(pieces);
    }

    String text() {
        return String.join("", pieces);
    }

    int completionTokens() {
        return pieces.size();
    }

    int totalTokens() {
        return promptTokens + completionTokens();
    }
}
