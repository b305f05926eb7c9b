package ai.flatkey.migrate.wire;

import java.util.List;

/**
 * A chat-completions request. Null numbers are left out of the JSON body.
 *
 * @param includeUsage with {@code stream}, sends {@code stream_options: {include_usage: true}}
 */
public record ChatRequest(String model, List<ChatMessage> messages, boolean stream, boolean includeUsage,
                          Double temperature, Integer maxTokens) {
    public ChatRequest {
        messages = List.copyOf(messages);
    }

    public static ChatRequest simple(String model, String prompt, boolean stream) {
        return new ChatRequest(model, List.of(ChatMessage.user(prompt)), stream, stream, null, null);
    }
}
