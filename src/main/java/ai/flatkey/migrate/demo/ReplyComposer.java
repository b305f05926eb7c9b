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

    private ReplyComposer() {
    }

    static Completion complete(ChatCall call) {
        List<String> all = pieces(replyText(call.model().id(), call.messages()));
        int prompt = promptTokens(call.messages());
        if (call.maxTokens().isPresent() && call.maxTokens().getAsInt() < all.size()) {
            return new Completion(all.subList(0, call.maxTokens().getAsInt()), "length", prompt);
        }
        return new Completion(all, "stop", prompt);
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
        PromptMessage lastUser = null;
        for (int i = messages.size() - 1; i >= 0 && lastUser == null; i--) {
            if (messages.get(i).role().equals("user")) {
                lastUser = messages.get(i);
            }
        }
        StringBuilder text = new StringBuilder("Demo gateway reply from ").append(model).append(": ");
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
