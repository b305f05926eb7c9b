package ai.flatkey.migrate.wire;

/** One chat message with plain text content (role: system, developer, user, assistant). */
public record ChatMessage(String role, String content) {
    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }
}
