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
        if (completion.hasToolCalls()) {
            message.add("content", JsonNull.INSTANCE);
            JsonArray calls = new JsonArray();
            for (ToolCall toolCall : completion.toolCalls()) {
                calls.add(toolCall(toolCall));
            }
            message.add("tool_calls", calls);
        } else {
            message.addProperty("content", completion.text());
        }
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

    /** The same answer without {@code usage} (the "no-usage" fault). */
    static JsonObject completionWithoutUsage(String id, long created, ChatCall call, Completion completion) {
        JsonObject root = completion(id, created, call, completion);
        root.remove("usage");
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

    /** A chunk with {@code choices: []} and content-filter results, as some gateways send first. */
    static JsonObject emptyChoicesChunk(String id, long created, ChatCall call) {
        JsonObject root = header(id, "chat.completion.chunk", created, call);
        root.add("choices", new JsonArray());
        JsonObject filter = new JsonObject();
        filter.addProperty("prompt_index", 0);
        JsonObject results = new JsonObject();
        for (String category : new String[] {"hate", "self_harm", "sexual", "violence"}) {
            JsonObject verdict = new JsonObject();
            verdict.addProperty("filtered", false);
            verdict.addProperty("severity", "safe");
            results.add(category, verdict);
        }
        filter.add("content_filter_results", results);
        JsonArray filters = new JsonArray();
        filters.add(filter);
        root.add("prompt_filter_results", filters);
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
        delta.add("refusal", JsonNull.INSTANCE);
        return delta;
    }

    /**
     * The deltas of a tool-call answer, as OpenAI streams them: the first carries the role and the first call's
     * {@code index}, {@code id}, {@code type} and {@code function.name} with empty arguments; each next call starts
     * the same way in its own delta; every other delta carries one arguments fragment and the call's {@code index}.
     * With {@code indexMissing}, no fragment carries {@code index} (a known provider fault).
     */
    static java.util.List<JsonObject> toolCallDeltas(java.util.List<ToolCall> calls, boolean indexMissing) {
        java.util.List<JsonObject> deltas = new java.util.ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            JsonObject start = new JsonObject();
            if (!indexMissing) {
                start.addProperty("index", i);
            }
            start.addProperty("id", call.id());
            start.addProperty("type", "function");
            JsonObject function = new JsonObject();
            function.addProperty("name", call.name());
            function.addProperty("arguments", "");
            start.add("function", function);
            JsonObject delta = new JsonObject();
            if (i == 0) {
                delta.addProperty("role", "assistant");
                delta.add("content", JsonNull.INSTANCE);
            }
            delta.add("tool_calls", single(start));
            if (i == 0) {
                delta.add("refusal", JsonNull.INSTANCE);
            }
            deltas.add(delta);
            for (String fragment : call.fragments()) {
                JsonObject piece = new JsonObject();
                if (!indexMissing) {
                    piece.addProperty("index", i);
                }
                JsonObject arguments = new JsonObject();
                arguments.addProperty("arguments", fragment);
                piece.add("function", arguments);
                JsonObject next = new JsonObject();
                next.add("tool_calls", single(piece));
                deltas.add(next);
            }
        }
        return deltas;
    }

    private static JsonArray single(JsonObject element) {
        JsonArray array = new JsonArray();
        array.add(element);
        return array;
    }

    private static JsonObject toolCall(ToolCall call) {
        JsonObject function = new JsonObject();
        function.addProperty("name", call.name());
        function.addProperty("arguments", call.arguments());
        JsonObject json = new JsonObject();
        json.addProperty("id", call.id());
        json.addProperty("type", "function");
        json.add("function", function);
        return json;
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
