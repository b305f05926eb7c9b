package ai.flatkey.migrate.wire;

import java.util.List;
import java.util.Objects;

/**
 * One chat message. Plain text in {@code content}, or a list of {@link ContentPart}s (text and images) in
 * {@code parts}; an assistant message may carry {@code toolCalls}; a {@code tool} message answers one call by
 * {@code toolCallId}. Roles: system, developer, user, assistant, tool.
 *
 * @param content    the text, or null (an assistant message with only tool calls; a message with parts)
 * @param parts      content parts; when non-empty they are sent instead of {@code content}
 * @param toolCalls  the calls an assistant message made (sent back for a tool round-trip)
 * @param toolCallId for role {@code tool}: the call this message answers
 * @param name       the optional participant {@code name}
 */
public record ChatMessage(String role, String content, List<ContentPart> parts, List<ToolCall> toolCalls,
                          String toolCallId, String name) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        parts = parts == null ? List.of() : List.copyOf(parts);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** A plain text message. */
    public ChatMessage(String role, String content) {
        this(role, content, List.of(), List.of(), null, null);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    /** A user message made of parts, e.g. a question and an image. */
    public static ChatMessage user(List<ContentPart> parts) {
        return new ChatMessage("user", null, parts, List.of(), null, null);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage developer(String content) {
        return new ChatMessage("developer", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }

    /** The assistant turn that asked for tools, sent back before the {@link #tool tool} answers. */
    public static ChatMessage assistant(String content, List<ToolCall> toolCalls) {
        return new ChatMessage("assistant", content, List.of(), toolCalls, null, null);
    }

    /** A tool's answer to the call {@code toolCallId}. */
    public static ChatMessage tool(String toolCallId, String content) {
        return new ChatMessage("tool", content, List.of(), List.of(), toolCallId, null);
    }
}
