package ai.flatkey.migrate.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the demo gateway's answers: deterministic text derived from the last user message, split into words
 * ("tokens"), and a simple token estimate for the prompt. The same request always gets the same answer.
 */
final class ReplyComposer {

    /** Tokens counted per message for its role and framing, as OpenAI's own estimates do. */
    static final int TOKENS_PER_MESSAGE = 3;
    /** Tokens counted per image part (OpenAI's figure for a low-detail image). */
    static final int TOKENS_PER_IMAGE = 85;
    private static final int QUOTED_WORDS = 10;
    /** JSON answers stream in fragments of this many characters. */
    static final int JSON_FRAGMENT_CHARS = 4;

    private ReplyComposer() {
    }

    static Completion complete(ChatCall call) {
        int prompt = promptTokens(call.messages()) + toolTokens(call.tools());
        List<ToolCall> calls = ToolPlanner.plan(call);
        if (!calls.isEmpty()) {
            return new Completion(List.of(), calls, "tool_calls", prompt);
        }
        List<String> all = formatted(call.model().id(), call.messages(), call.format());
        if (call.maxTokens().isPresent() && call.maxTokens().getAsInt() < all.size()) {
            return new Completion(all.subList(0, call.maxTokens().getAsInt()), "length", prompt);
        }
        return new Completion(all, "stop", prompt);
    }

    /**
     * The answer's pieces in the requested format: words of the reply text; or fragments of a JSON object holding
     * the reply ({@code json_object}); or fragments of a value built from the schema ({@code json_schema}).
     */
    static List<String> formatted(String model, List<PromptMessage> messages, OutputFormat format) {
        String reply = replyText(model, messages);
        return switch (format.kind()) {
            case TEXT -> pieces(reply);
            case JSON_OBJECT -> {
                com.google.gson.JsonObject object = new com.google.gson.JsonObject();
                object.addProperty("model", model);
                object.addProperty("answer", reply);
                yield fragments(Json.write(object), JSON_FRAGMENT_CHARS);
            }
            case JSON_SCHEMA -> fragments(Json.write(SchemaValues.generate(format.schema(),
                    ToolPlanner.lastUserText(messages))), JSON_FRAGMENT_CHARS);
        };
    }

    /** Tools cost prompt tokens too: about one per 4 characters of their JSON definition. */
    static int toolTokens(List<ToolSpec> tools) {
        int total = 0;
        for (ToolSpec tool : tools) {
            int chars = tool.name().length() + tool.description().length() + Json.write(tool.parameters()).length();
            total += (chars + 3) / 4 + TOKENS_PER_MESSAGE;
        }
        return total;
    }

    /** Splits text into pieces of at most {@code size} characters (never inside a surrogate pair). */
    static List<String> fragments(String text, int size) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + size);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }

    /** {@code ceil(words * 4 / 3) + 3} per message, plus 85 per image. */
    static int promptTokens(List<PromptMessage> messages) {
        int total = 0;
        for (PromptMessage message : messages) {
            int words = words(message.text()).size();
            total += (words * 4 + 2) / 3 + TOKENS_PER_MESSAGE + TOKENS_PER_IMAGE * message.images();
        }
        return total;
    }

    static String replyText(String model, List<PromptMessage> messages) {
        StringBuilder text = new StringBuilder("Demo gateway reply from ").append(model).append(": ");
        PromptMessage last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last != null && last.role().equals("tool")) {
            List<String> results = new ArrayList<>();
            for (int i = messages.size() - 1; i >= 0 && messages.get(i).role().equals("tool"); i--) {
                results.add(0, messages.get(i).text());
            }
            text.append("the tools returned ").append(plural(results.size(), "result")).append(", first \"")
                    .append(quote(words(results.get(0)))).append("\".");
        } else {
            PromptMessage lastUser = null;
            for (int i = messages.size() - 1; i >= 0 && lastUser == null; i--) {
                if (messages.get(i).role().equals("user")) {
                    lastUser = messages.get(i);
                }
            }
            if (lastUser == null) {
                text.append("there was no user message to answer.");
            } else {
                List<String> words = words(lastUser.text());
                if (lastUser.images() > 0) {
                    text.append("you sent ").append(plural(lastUser.images(), "image"));
                    text.append(words.isEmpty() ? "." : " and said \"" + quote(words) + "\".");
                } else {
                    text.append(words.isEmpty() ? "your message was empty." : "you said \"" + quote(words) + "\".");
                }
            }
        }
        text.append(" This answer comes from the Flatkey demo gateway on your own machine: free, offline and"
                        + " repeatable.")
                .append(" Your request held ").append(plural(messages.size(), "message"))
                .append(" and about ").append(plural(promptTokens(messages), "prompt token")).append('.')
                .append(" Send the same prompt again and the reply will match, word for word.");
        return text.toString();
    }

    /** Splits text into words; every piece after the first keeps its leading space. */
    static List<String> pieces(String text) {
        List<String> words = words(text);
        List<String> pieces = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            pieces.add(i == 0 ? words.get(i) : " " + words.get(i));
        }
        return pieces;
    }

    private static List<String> words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? List.of() : Arrays.asList(stripped.split("\\s+"));
    }

    private static String quote(List<String> words) {
        if (words.size() <= QUOTED_WORDS) {
            return String.join(" ", words);
        }
        return String.join(" ", words.subList(0, QUOTED_WORDS)) + " ...";
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
