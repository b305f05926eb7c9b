package ai.flatkey.migrate.wire;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.Map;

/** The JSON bodies the client sends: only the options that are set, extra fields last. */
final class RequestBodies {
    static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private RequestBodies() {
    }

    static String chat(ChatRequest request, boolean stream) {
        JsonObject body = new JsonObject();
        body.addProperty("model", request.model());
        JsonArray messages = new JsonArray();
        for (ChatMessage m : request.messages()) {
            messages.add(message(m));
        }
        body.add("messages", messages);
        if (stream) {
            body.addProperty("stream", true);
            if (request.includeUsage()) {
                JsonObject options = new JsonObject();
                options.addProperty("include_usage", true);
                body.add("stream_options", options);
            }
        }
        if (request.temperature() != null) {
            body.addProperty("temperature", request.temperature());
        }
        if (request.maxTokens() != null) {
            body.addProperty("max_tokens", request.maxTokens());
        }
        if (request.maxCompletionTokens() != null) {
            body.addProperty("max_completion_tokens", request.maxCompletionTokens());
        }
        if (request.seed() != null) {
            body.addProperty("seed", request.seed());
        }
        if (!request.tools().isEmpty()) {
            JsonArray tools = new JsonArray();
            for (Tool t : request.tools()) {
                tools.add(tool(t));
            }
            body.add("tools", tools);
        }
        if (request.toolChoice() != null) {
            body.add("tool_choice", toolChoice(request.toolChoice()));
        }
        if (request.parallelToolCalls() != null) {
            body.addProperty("parallel_tool_calls", request.parallelToolCalls());
        }
        if (request.responseFormat() != null) {
            body.add("response_format", responseFormat(request.responseFormat()));
        }
        extra(body, request.extra());
        return GSON.toJson(body);
    }

    /** {@code {"type":"function","function":{name, description, parameters, strict}}}, only what is set. */
    private static JsonObject tool(Tool t) {
        JsonObject fn = new JsonObject();
        fn.addProperty("name", t.name());
        if (t.description() != null) {
            fn.addProperty("description", t.description());
        }
        if (t.parametersJson() != null) {
            fn.add("parameters", parse(t.parametersJson(), "The parameters of tool \"" + t.name() + "\""));
        }
        if (t.strict() != null) {
            fn.addProperty("strict", t.strict());
        }
        JsonObject tool = new JsonObject();
        tool.addProperty("type", "function");
        tool.add("function", fn);
        return tool;
    }

    /** A mode string ({@code auto}, {@code none}, {@code required}) or a named function. */
    private static JsonElement toolChoice(ToolChoice choice) {
        if (!choice.mode().equals("function")) {
            return new JsonPrimitive(choice.mode());
        }
        JsonObject fn = new JsonObject();
        fn.addProperty("name", choice.functionName());
        JsonObject o = new JsonObject();
        o.addProperty("type", "function");
        o.add("function", fn);
        return o;
    }

    /** {@code {"type": …}}, with the named schema for {@code json_schema}. */
    private static JsonObject responseFormat(ResponseFormat format) {
        JsonObject f = new JsonObject();
        f.addProperty("type", format.type());
        if (format.type().equals("json_schema")) {
            JsonObject js = new JsonObject();
            js.addProperty("name", format.schemaName());
            js.add("schema", parse(format.schemaJson(), "The json_schema \"" + format.schemaName() + "\""));
            if (format.strict() != null) {
                js.addProperty("strict", format.strict());
            }
            f.add("json_schema", js);
        }
        return f;
    }

    private static JsonObject message(ChatMessage m) {
        JsonObject o = new JsonObject();
        o.addProperty("role", m.role());
        if (!m.parts().isEmpty()) {
            JsonArray parts = new JsonArray();
            for (ContentPart p : m.parts()) {
                JsonObject part = new JsonObject();
                if (p instanceof ContentPart.Text t) {
                    part.addProperty("type", "text");
                    part.addProperty("text", t.text());
                } else if (p instanceof ContentPart.ImageUrl img) {
                    part.addProperty("type", "image_url");
                    JsonObject url = new JsonObject();
                    url.addProperty("url", img.url());
                    if (img.detail() != null) {
                        url.addProperty("detail", img.detail());
                    }
                    part.add("image_url", url);
                }
                parts.add(part);
            }
            o.add("content", parts);
        } else if (m.content() != null) {
            o.addProperty("content", m.content());
        } else {
            o.add("content", m.toolCalls().isEmpty() ? new JsonPrimitive("") : JsonNull.INSTANCE);
        }
        if (m.name() != null) {
            o.addProperty("name", m.name());
        }
        if (!m.toolCalls().isEmpty()) {
            JsonArray calls = new JsonArray();
            for (ToolCall c : m.toolCalls()) {
                JsonObject fn = new JsonObject();
                fn.addProperty("name", c.name());
                fn.addProperty("arguments", c.arguments());
                JsonObject call = new JsonObject();
                call.addProperty("id", c.id());
                call.addProperty("type", c.type().isEmpty() ? "function" : c.type());
                call.add("function", fn);
                calls.add(call);
            }
            o.add("tool_calls", calls);
        }
        if (m.toolCallId() != null) {
            o.addProperty("tool_call_id", m.toolCallId());
        }
        return o;
    }

    static String responses(ResponsesRequest r, boolean stream) {
        JsonObject body = new JsonObject();
        body.addProperty("model", r.model());
        if (r.input() != null) {
            body.addProperty("input", r.input());
        } else {
            JsonArray input = new JsonArray();
            for (ChatMessage m : r.messages()) {
                JsonObject o = new JsonObject();
                o.addProperty("role", m.role());
                o.addProperty("content", m.content() == null ? "" : m.content());
                input.add(o);
            }
            body.add("input", input);
        }
        if (r.instructions() != null) {
            body.addProperty("instructions", r.instructions());
        }
        if (stream) {
            body.addProperty("stream", true);
        }
        if (r.maxOutputTokens() != null) {
            body.addProperty("max_output_tokens", r.maxOutputTokens());
        }
        if (r.temperature() != null) {
            body.addProperty("temperature", r.temperature());
        }
        extra(body, r.extra());
        return GSON.toJson(body);
    }

    static String embeddings(EmbeddingsRequest r) {
        JsonObject body = new JsonObject();
        body.addProperty("model", r.model());
        List<String> input = r.input();
        if (input.size() == 1) {
            body.addProperty("input", input.get(0));
        } else {
            JsonArray a = new JsonArray();
            input.forEach(a::add);
            body.add("input", a);
        }
        if (r.encodingFormat() != null) {
            body.addProperty("encoding_format", r.encodingFormat());
        }
        if (r.dimensions() != null) {
            body.addProperty("dimensions", r.dimensions());
        }
        extra(body, r.extra());
        return GSON.toJson(body);
    }

    private static void extra(JsonObject body, Map<String, Object> extra) {
        extra.forEach((name, value) -> body.add(name, value == null ? JsonNull.INSTANCE
                : value instanceof JsonElement e ? e : GSON.toJsonTree(value)));
    }

    private static JsonElement parse(String json, String what) {
        try {
            return JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
