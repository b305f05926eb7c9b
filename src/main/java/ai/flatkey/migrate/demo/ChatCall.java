package ai.flatkey.migrate.demo;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A validated chat completion request.
 *
 * @param model             the catalog model asked for
 * @param messages          the conversation
 * @param stream            whether to answer as server-sent events
 * @param includeUsage      {@code stream_options.include_usage}
 * @param maxTokens         {@code max_completion_tokens}, else {@code max_tokens}, when given
 * @param tools             the function tools offered (empty when none)
 * @param toolChoice        {@code tool_choice} ({@code auto} when absent)
 * @param parallelToolCalls {@code parallel_tool_calls}: {@code null} when absent (parallel calls allowed)
 * @param format            {@code response_format}
 * @param toolNames         for each earlier tool call ID in the conversation, the function it called
 */
record ChatCall(CatalogModel model, List<PromptMessage> messages, boolean stream, boolean includeUsage,
                OptionalInt maxTokens, List<ToolSpec> tools, ToolChoice toolChoice, Boolean parallelToolCalls,
                OutputFormat format, Map<String, String> toolNames) {

    ChatCall {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        toolNames = Map.copyOf(toolNames);
    }

    /** A plain text conversation without tools. */
    ChatCall(CatalogModel model, List<PromptMessage> messages, boolean stream, boolean includeUsage,
             OptionalInt maxTokens) {
        this(model, messages, stream, includeUsage, maxTokens, List.of(), ToolChoice.AUTO, null, OutputFormat.TEXT,
                Map.of());
    }
}
