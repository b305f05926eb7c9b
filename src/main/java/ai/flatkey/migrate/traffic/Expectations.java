package ai.flatkey.migrate.traffic;

import ai.flatkey.migrate.plan.Assertion;
import ai.flatkey.migrate.plan.RequestCheck;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a replayed call must give, read from its recording: the recorded answer's structure as request-check
 * assertions (never its text: a mapped model words things its own way). A refused call (4xx) expects a refusal, as an
 * OpenAI error object when the recording got one; an
 * answered one expects its {@code finish_reason} (stop or tool_calls; a recorded {@code length} expects nothing, the
 * cut depended on the old model), a call of each function it called with arguments valid against the request's
 * schema, JSON when a response format was asked, usage when the recorded answer had it, {@code [DONE]} when the
 * recorded stream ended with it, as many embeddings of as many dimensions, as many images in the recorded kind
 * (b64_json or url), speech of the recorded content type, and as many moderation results.
 */
public final class Expectations {
    private Expectations() {
    }

    /** The request check a distinct recorded call runs as: its body as recorded, the recorded shape as assertions. */
    public static RequestCheck check(ReplayCalls.Distinct d, String recordingName) {
        RecordedCall c = d.call();
        return new RequestCheck(d.name(), d.api(), c.requestBody().getAsJsonObject(), of(c, d.api()),
                recordingName + ":#" + c.seq());
    }

    /** The assertions the recorded answer of {@code c} implies. */
    public static List<Assertion> of(RecordedCall c, RequestCheck.Api api) {
        List<Assertion> out = new ArrayList<>();
        if (c.status() >= 400) {
            out.add(Assertion.text(Assertion.Kind.STATUS, (c.status() / 100) + "xx"));
            if (openAiError(c.responseBody())) {
                out.add(Assertion.of(Assertion.Kind.ERROR_SHAPE));
            }
            return out;
        }
        JsonObject request = c.requestBody().getAsJsonObject();
        switch (api) {
            case CHAT -> chat(c, request, out);
            case RESPONSES -> {
                if (jsonAsked(request) != null && !c.streamed()) {
                    out.add(Assertion.json(jsonAsked(request)));
                }
            }
            case EMBEDDINGS -> embeddings(c, out);
            case IMAGES -> images(c, out);
            case SPEECH -> speech(c, out);
            case MODERATIONS -> moderations(c, out);
        }
        if (recordedUsage(c) && Assertion.Kind.USAGE.apis().contains(api)) {
            out.add(Assertion.of(Assertion.Kind.USAGE));
        }
        return out;
    }

    private static void chat(RecordedCall c, JsonObject request, List<Assertion> out) {
        Answer a = c.streamed() ? streamed(c) : plain(c);
        if ("stop".equals(a.finishReason) || "tool_calls".equals(a.finishReason)) {
            out.add(Assertion.text(Assertion.Kind.FINISH_REASON, a.finishReason));
        }
        for (String name : a.tools) {
            out.add(Assertion.toolCall(name, null));
        }
        if (!a.tools.isEmpty() && request.has("tools")) {
            out.add(Assertion.of(Assertion.Kind.TOOL_ARGS));
        }
        JsonObject schema = jsonAsked(request);
        if (schema != null && a.tools.isEmpty() && !"length".equals(a.finishReason)) {
            out.add(Assertion.json(schema.size() == 0 ? null : schema));
        }
        if (c.streamed() && a.done) {
            out.add(Assertion.of(Assertion.Kind.DONE));
        }
    }

    /** What a recorded chat answer showed: its finish reason, the functions it called, whether [DONE] ended it. */
    private record Answer(String finishReason, Set<String> tools, boolean done) {
    }

    private static Answer plain(RecordedCall c) {
        Set<String> tools = new LinkedHashSet<>();
        String finish = null;
        JsonObject choice = firstChoice(c.responseBody());
        if (choice != null) {
            finish = text(choice.get("finish_reason"));
            JsonElement message = choice.get("message");
            if (message != null && message.isJsonObject()) {
                toolNames(message.getAsJsonObject().get("tool_calls"), tools);
            }
        }
        return new Answer(finish, tools, false);
    }

    private static Answer streamed(RecordedCall c) {
        Set<String> tools = new LinkedHashSet<>();
        String finish = null;
        boolean done = false;
        for (RecordedCall.SseEvent e : c.events()) {
            String data = e.data() == null ? "" : e.data().strip();
            if (data.equals("[DONE]")) {
                done = true;
                continue;
            }
            JsonObject choice = firstChoice(parse(data));
            if (choice == null) {
                continue;
            }
            String f = text(choice.get("finish_reason"));
            finish = f != null ? f : finish;
            JsonElement delta = choice.get("delta");
            if (delta != null && delta.isJsonObject()) {
                toolNames(delta.getAsJsonObject().get("tool_calls"), tools);
            }
        }
        return new Answer(finish, tools, done);
    }

    private static void embeddings(RecordedCall c, List<Assertion> out) {
        JsonElement data = c.responseBody() != null && c.responseBody().isJsonObject()
                ? c.responseBody().getAsJsonObject().get("data") : null;
        if (data == null || !data.isJsonArray() || data.getAsJsonArray().isEmpty()) {
            return;
        }
        JsonArray items = data.getAsJsonArray();
        out.add(Assertion.number(Assertion.Kind.EMBEDDING_COUNT, items.size()));
        Integer dims = dimensions(items.get(0));
        if (dims != null) {
            out.add(Assertion.number(Assertion.Kind.EMBEDDING_DIMENSIONS, dims));
        }
    }

    /** As many images as recorded, each in the recorded kind (b64_json or url) when they all came alike. */
    private static void images(RecordedCall c, List<Assertion> out) {
        JsonElement data = c.responseBody() != null && c.responseBody().isJsonObject()
                ? c.responseBody().getAsJsonObject().get("data") : null;
        if (data == null || !data.isJsonArray() || data.getAsJsonArray().isEmpty()) {
            return;
        }
        out.add(Assertion.number(Assertion.Kind.IMAGE_COUNT, data.getAsJsonArray().size()));
        Set<String> kinds = new LinkedHashSet<>();
        for (JsonElement item : data.getAsJsonArray()) {
            JsonObject o = item.isJsonObject() ? item.getAsJsonObject() : new JsonObject();
            boolean b64 = o.has("b64_json") && !o.get("b64_json").isJsonNull();
            boolean url = o.has("url") && !o.get("url").isJsonNull();
            kinds.add(b64 && !url ? "b64_json" : url && !b64 ? "url" : "other");
        }
        if (kinds.size() == 1 && !kinds.contains("other")) {
            out.add(Assertion.text(Assertion.Kind.IMAGE_FORMAT, kinds.iterator().next()));
        }
    }

    /** Audio of the recorded content type (its media type, without parameters). */
    private static void speech(RecordedCall c, List<Assertion> out) {
        String type = c.responseBodyRef() != null && !c.responseBodyRef().contentType().isBlank()
                ? c.responseBodyRef().contentType() : c.responseHeaders().getOrDefault("content-type", "");
        type = type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (type.matches("[a-z0-9.+-]+/[a-z0-9.+*-]+")) {
            out.add(Assertion.text(Assertion.Kind.CONTENT_TYPE, type));
        }
    }

    /** As many moderation results as recorded. */
    private static void moderations(RecordedCall c, List<Assertion> out) {
        JsonElement results = c.responseBody() != null && c.responseBody().isJsonObject()
                ? c.responseBody().getAsJsonObject().get("results") : null;
        if (results != null && results.isJsonArray()) {
            out.add(Assertion.number(Assertion.Kind.MODERATION_COUNT, results.getAsJsonArray().size()));
        }
    }

    /** The dimensions of one recorded embedding: its floats, or its base64 bytes / 4. */
    private static Integer dimensions(JsonElement item) {
        JsonElement v = item.isJsonObject() ? item.getAsJsonObject().get("embedding") : null;
        if (v == null) {
            return null;
        }
        if (v.isJsonArray()) {
            return v.getAsJsonArray().size();
        }
        try {
            return Base64.getDecoder().decode(v.getAsString()).length / 4;
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            return null; // a shapes-only recording keeps no vector
        }
    }

    /**
     * The JSON Schema a request's response format asks for: {@code {"type":"object"}} for json_object, the schema of
     * json_schema (an empty object when it gives none), or null when no JSON was asked.
     */
    static JsonObject jsonAsked(JsonObject request) {
        JsonElement format = request.get("response_format");
        if (format == null && request.get("text") instanceof JsonObject text) {
            format = text.get("format"); // the Responses API
        }
        if (format == null || !format.isJsonObject()) {
            return null;
        }
        JsonObject f = format.getAsJsonObject();
        String type = text(f.get("type"));
        if ("json_object".equals(type)) {
            JsonObject schema = new JsonObject();
            schema.addProperty("type", "object");
            return schema;
        }
        if (!"json_schema".equals(type)) {
            return null;
        }
        JsonElement holder = f.has("json_schema") ? f.get("json_schema") : f;
        JsonElement schema = holder.isJsonObject() ? holder.getAsJsonObject().get("schema") : null;
        return schema != null && schema.isJsonObject() ? schema.getAsJsonObject() : new JsonObject();
    }

    /**
     * Whether a recorded refusal was the OpenAI error object, {@code {"error": {"message": …}}} with a message: the
     * shape the app's SDK reads its error from. Its {@code type} and {@code code} are not compared (gateways name them
     * their own way); a shapes-only recording keeps the message (it is not one of the texts it leaves out).
     */
    static boolean openAiError(JsonElement body) {
        JsonElement error = body != null && body.isJsonObject() ? body.getAsJsonObject().get("error") : null;
        JsonElement message = error != null && error.isJsonObject() ? error.getAsJsonObject().get("message") : null;
        return message != null && message.isJsonPrimitive() && message.getAsJsonPrimitive().isString();
    }

    static boolean recordedUsage(RecordedCall c) {
        if (c.usage() != null && c.usage().totalTokens() != null) {
            return true;
        }
        JsonElement u = c.responseBody() != null && c.responseBody().isJsonObject()
                ? c.responseBody().getAsJsonObject().get("usage") : null;
        return u != null && u.isJsonObject();
    }

    private static void toolNames(JsonElement calls, Set<String> into) {
        if (calls == null || !calls.isJsonArray()) {
            return;
        }
        for (JsonElement call : calls.getAsJsonArray()) {
            JsonElement fn = call.isJsonObject() ? call.getAsJsonObject().get("function") : null;
            String name = fn != null && fn.isJsonObject() ? text(fn.getAsJsonObject().get("name")) : null;
            if (name != null && !name.isBlank()) {
                into.add(name);
            }
        }
    }

    static JsonObject firstChoice(JsonElement body) {
        if (body == null || !body.isJsonObject()) {
            return null;
        }
        JsonElement choices = body.getAsJsonObject().get("choices");
        if (choices == null || !choices.isJsonArray() || choices.getAsJsonArray().isEmpty()) {
            return null;
        }
        JsonElement first = choices.getAsJsonArray().get(0);
        return first.isJsonObject() ? first.getAsJsonObject() : null;
    }

    static JsonElement parse(String data) {
        try {
            return RecordingWriter.strict(data);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    static String text(JsonElement e) {
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }
}
