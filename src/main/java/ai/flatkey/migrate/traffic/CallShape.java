package ai.flatkey.migrate.traffic;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import java.util.ArrayList;
import java.util.List;

/**
 * The structure of an answer that a shadow compares, not its text: status class, finish reasons, tool call names,
 * usage present, and for a stream whether it ended with {@code [DONE]}. Chat completions and the Responses API.
 */
record CallShape(int statusClass, List<String> finishReasons, List<String> toolNames, boolean usage,
                 boolean streamed, boolean done) {

    static CallShape of(int status, JsonElement body, List<RecordedCall.SseEvent> events) {
        List<String> finish = new ArrayList<>();
        List<String> tools = new ArrayList<>();
        if (body != null) {
            read(body, finish, tools);
        }
        boolean done = false;
        for (RecordedCall.SseEvent e : events) {
            String d = e.data() == null ? "" : e.data().strip();
            done = d.equals("[DONE]");
            if (d.startsWith("{")) {
                try {
                    read(RecordingWriter.strict(d), finish, tools);
                } catch (JsonParseException | java.io.IOException | IllegalStateException notJson) {
                    // compared as a missing field
                }
            }
        }
        return new CallShape(status / 100, finish, tools, RequestCapture.usage(body, events) != null,
                !events.isEmpty(), done);
    }

    private static void read(JsonElement e, List<String> finish, List<String> tools) {
        if (!e.isJsonObject()) {
            return;
        }
        JsonObject o = e.getAsJsonObject();
        for (JsonElement c : array(o, "choices")) {
            if (!c.isJsonObject()) {
                continue;
            }
            JsonObject choice = c.getAsJsonObject();
            String reason = string(choice, "finish_reason");
            if (reason != null) {
                finish.add(reason);
            }
            JsonObject m = choice.get("message") instanceof JsonObject msg ? msg
                    : choice.get("delta") instanceof JsonObject delta ? delta : new JsonObject();
            for (JsonElement t : array(m, "tool_calls")) {
                if (t.isJsonObject() && t.getAsJsonObject().get("function") instanceof JsonObject f
                        && string(f, "name") != null) {
                    tools.add(string(f, "name"));
                }
            }
        }
        responses(o, finish, tools);
    }

    /** A Responses API answer or stream event: its final status as the finish reason, its function calls' names. */
    private static void responses(JsonObject o, List<String> finish, List<String> tools) {
        JsonObject response = "response".equals(string(o, "object")) ? o
                : o.get("response") instanceof JsonObject r ? r : null;
        if (response == null) {
            return;
        }
        String status = string(response, "status");
        if (status != null && !status.equals("in_progress") && !status.equals("queued")) {
            finish.add(status);
        }
        for (JsonElement item : array(response, "output")) {
            if (item.isJsonObject() && "function_call".equals(string(item.getAsJsonObject(), "type"))) {
                tools.add(string(item.getAsJsonObject(), "name"));
            }
        }
    }

    private static JsonArray array(JsonObject o, String name) {
        return o.get(name) instanceof JsonArray a ? a : new JsonArray();
    }

    private static String string(JsonObject o, String name) {
        JsonElement v = o.get(name);
        return v != null && v.isJsonPrimitive() ? v.getAsString() : null;
    }

    /** What differs between the app's answer ({@code this}) and the target's, in words; empty when they agree. */
    List<String> differences(CallShape target) {
        List<String> out = new ArrayList<>();
        if (statusClass != target.statusClass) {
            out.add("status " + statusClass + "xx vs " + target.statusClass + "xx");
        }
        if (!finishReasons.equals(target.finishReasons)) {
            out.add("finish_reason " + finishReasons + " vs " + target.finishReasons);
        }
        if (!toolNames.equals(target.toolNames)) {
            out.add("tool calls " + toolNames + " vs " + target.toolNames);
        }
        if (usage != target.usage) {
            out.add("usage " + (usage ? "present" : "missing") + " vs " + (target.usage ? "present" : "missing"));
        }
        if (streamed && done != target.done) {
            out.add("[DONE] " + (done ? "present" : "missing") + " vs " + (target.done ? "present" : "missing"));
        }
        return out;
    }
}
