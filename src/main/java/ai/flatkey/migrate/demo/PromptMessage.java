package ai.flatkey.migrate.demo;

import java.util.List;

/**
 * One message of a chat request (or one input item of a Responses request), reduced to what the demo gateway reads.
 *
 * @param role        {@code system}, {@code developer}, {@code user}, {@code assistant}, {@code tool} or
 *                    {@code function}
 * @param text        its text parts joined by a space ("" when none)
 * @param images      how many image parts it carries
 * @param toolCallIds for an assistant message, the IDs of the tool calls it made
 * @param toolCallId  for a tool message, the call it answers ("" otherwise)
 */
record PromptMessage(String role, String text, int images, List<String> toolCallIds, String toolCallId) {

    PromptMessage {
        toolCallIds = List.copyOf(toolCallIds);
    }

    PromptMessage(String role, String text, int images) {
        this(role, text, images, List.of(), "");
    }
}
