package ai.flatkey.migrate.demo;

import java.util.List;
import java.util.OptionalInt;

/**
 * A validated chat completion request.
 *
 * @param model        the catalog model asked for
 * @param messages     the conversation
 * @param stream       whether to answer as server-sent events
 * @param includeUsage {@code stream_options.include_usage}
 * @param maxTokens    {@code max_completion_tokens}, else {@code max_tokens}, when given
 */
record ChatCall(CatalogModel model, List<PromptMessage> messages, boolean stream, boolean includeUsage,
                OptionalInt maxTokens) {

    ChatCall {
        messages = List.copyOf(messages);
    }
}
