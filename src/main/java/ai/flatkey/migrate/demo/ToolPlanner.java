package ai.flatkey.migrate.demo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides, deterministically, whether the demo model answers with tool calls and which:
 * <ul>
 *   <li>{@code tool_choice: "none"} (or no tools): never.</li>
 *   <li>a named function: that function, always.</li>
 *   <li>{@code "auto"} (the default): not when the conversation ends with tool results (the model answers them in
 *       text). Otherwise it calls each tool whose name words (split at {@code _}, {@code -} and case changes,
 *       generic verbs such as {@code get} left out) appear in the last user message, e.g. {@code get_weather} for
 *       "What is the weather in Paris?". When none matches but the message asks for a tool or function, it calls
 *       the first tool; else it answers in text.</li>
 *   <li>{@code "required"}: as {@code auto}, but at least the first tool, even after tool results.</li>
 * </ul>
 * With {@code parallel_tool_calls: false} at most one call is made. When the model falls back to the first tool
 * and the request sets {@code parallel_tool_calls: true} with two or more tools, it calls the first two.
 * Arguments are built from each tool's {@code parameters} schema by {@link SchemaValues}.
 */
final class ToolPlanner {

    private static final Set<String> GENERIC = Set.of("get", "set", "fetch", "list", "find", "create", "make", "run",
            "call", "do", "lookup", "look", "search", "query", "retrieve", "read", "load", "tool", "function", "the",
            "for", "and", "with", "by", "to", "of", "api");
    static final int FRAGMENT_CHARS = 6;

    private ToolPlanner() {
    }

    static List<ToolCall> plan(ChatCall call) {
        List<ToolSpec> tools = call.tools();
        ToolChoice choice = call.toolChoice();
        if (tools.isEmpty() || choice.mode() == ToolChoice.Mode.NONE) {
            return List.of();
        }
        String prompt = lastUserText(call.messages());
        if (choice.mode() == ToolChoice.Mode.NAMED) {
            return tools.stream().filter(t -> t.name().equals(choice.function())).findFirst()
                    .map(t -> List.of(call(t, prompt))).orElse(List.of());
        }
        boolean required = choice.mode() == ToolChoice.Mode.REQUIRED;
        List<PromptMessage> messages = call.messages();
        boolean answeringResults = !messages.isEmpty()
                && messages.get(messages.size() - 1).role().equals("tool");
        if (answeringResults && !required) {
            return List.of();
        }
        String lower = prompt.toLowerCase(Locale.ROOT);
        Set<ToolSpec> chosen = new LinkedHashSet<>();
        for (ToolSpec tool : tools) {
            if (nameWords(tool.name()).stream().anyMatch(lower::contains)) {
                chosen.add(tool);
            }
        }
        if (chosen.isEmpty() && (required || lower.contains("tool") || lower.contains("function"))) {
            chosen.add(tools.get(0));
            if (Boolean.TRUE.equals(call.parallelToolCalls()) && tools.size() >= 2) {
                chosen.add(tools.get(1));
            }
        }
        List<ToolCall> calls = new ArrayList<>();
        for (ToolSpec tool : chosen) {
            calls.add(call(tool, prompt));
            if (Boolean.FALSE.equals(call.parallelToolCalls())) {
                break;
            }
        }
        return calls;
    }

    static ToolCall call(ToolSpec tool, String prompt) {
        String arguments = Json.write(SchemaValues.generate(tool.parameters(), prompt));
        return new ToolCall(Ids.toolCallId(), tool.name(), arguments, ReplyComposer.fragments(arguments,
                FRAGMENT_CHARS));
    }

    /** The distinctive lower-case words of a function name: {@code getCurrentWeather} gives current, weather. */
    static List<String> nameWords(String name) {
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ');
        List<String> words = new ArrayList<>();
        for (String word : spaced.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (word.length() >= 3 && !GENERIC.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    static String lastUserText(List<PromptMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).text();
            }
        }
        return "";
    }
}
