package ai.flatkey.migrate.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/** The JSON shapes of chat answers: {@code chat.completion} and {@code chat.completion.chunk}. */
final class ChatResponses {

    private ChatResponses() {
    }

    static JsonObject completion(String id, long created, ChatCall call, Completion completion) {
        JsonObject message = new JsonObject();
        message.addProperty("role", "assistant");
        message.addProperty("content", completion.text());
        message.add("refusal", JsonNull.INSTANCE);
        message.add("annotations", new JsonArray());
        JsonObject choice = new JsonObject();
        choice.addProperty("index", 0);
        choice.add("message", message);
        choice.add("logprobs", JsonNull.INSTANCE);
        choice.addProperty("finish_reason", completion.finishReason());
        JsonArray choices = new JsonArray();
        choices.add(choice);

        JsonObject root = header(id, "chat.completion", created, call);
        root.add("choices", choices);
        root.add("usage", usage(completion));
        return root;
    }

    /** A stream chunk with one choice; {@code usage: null} is written only when the client asked for usage. */
    static JsonObject chunk(String id, long created, ChatCall call, JsonObject delta, String finishReason) {
        JsonObject choice = new JsonObject();
        choice.addProperty("index", 0);
        choice.add("delta", delta);
        choice.add("logprobs", JsonNull.INSTANCE);
        if (finishReason == null) {
            choice.add("finish_reason", JsonNull.INSTANCE);
        } else {
            choice.addProperty("finish_reason", finishReason);
        }
        JsonArray choices = new JsonArray();
        choices.add(choice);
        JsonObject root = header(id, "chat.completion.chunk", created, call);
        root.add("choices", choices);
        if (call.includeUsage()) {
            root.add("usage", JsonNull.INSTANCE);
        }
        return root;
    }

    /** The final chunk of a stream with {@code include_usage}: no choices, only usage. */
    static JsonObject usageChunk(String id, long created, ChatCall call, Completion completion) {
        JsonObject root = header(id, "chat.completion.chunk", created, call);
        root.add("choices", new JsonArray());
        root.add("usage", usage(completion));
        return root;
    }

    static JsonObject roleDelta() {
        JsonObject delta = new JsonObject();
        delta.addProperty("role", "assistant");
        delta.addProperty("content", "");
        return delta;
    }

    static JsonObject contentDelta(String piece) {
        JsonObject delta = new JsonObject();
        delta.addProperty("content", piece);
        return delta;
    }

    private static JsonObject header(String id, String object, long created, ChatCall call) {
        JsonObject root = new JsonObject();
        root.addProperty("id", id);
        root.addProperty("object", object);
        root.addProperty("created", created);
        root.addProperty("model", call.model().id());
        return root;
    }

    private static JsonObject usage(Completion completion) {
        JsonObject usage = new JsonObject();
        usage.addProperty("prompt_tokens", completion.promptTokens());
        usage.addProperty("completion_tokens", completion.completionTokens());
        usage.addProperty("total_tokens", completion.totalTokens());
        JsonObject promptDetails = new JsonObject();
        promptDetails.addProperty("cached_tokens", 0);
        usage.add("prompt_tokens_details", promptDetails);
        JsonObject completionDetails = new JsonObject();
        completionDetails.addProperty("reasoning_tokens", 0);
        usage.add("completion_tokens_details", completionDetails);
        return usage;
    }
}
