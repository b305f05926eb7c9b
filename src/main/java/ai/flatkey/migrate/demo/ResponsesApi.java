package ai.flatkey.migrate.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import static ai.flatkey.migrate.demo.ChatRequestReader.invalidType;
import static ai.flatkey.migrate.demo.ChatRequestReader.isString;
import static ai.flatkey.migrate.demo.ChatRequestReader.present;
import static ai.flatkey.migrate.demo.ChatRequestReader.reject;

/**
 * The Responses API ({@code POST /v1/responses}): reads the request, and writes the {@code response} object or its
 * typed event stream ({@code response.created}, {@code response.in_progress}, {@code response.output_item.added},
 * {@code response.content_part.added}, {@code response.output_text.delta} ..., {@code response.output_text.done},
 * {@code response.content_part.done}, {@code response.output_item.done}, {@code response.completed} — or
 * {@code response.incomplete} when cut at {@code max_output_tokens}), every event with a rising
 * {@code sequence_number}. Text answers only: function tools are refused clearly.
 */
final class ResponsesApi {

    private static final Set<String> IGNORED = Set.of("temperature", "top_p", "metadata", "store", "user",
            "parallel_tool_calls", "reasoning", "truncation", "include", "service_tier", "safety_identifier",
            "prompt_cache_key", "stream_options", "tool_choice", "top_logprobs", "background");
    private static final Set<String> HANDLED = Set.of("model", "input", "instructions", "stream",
            "max_output_tokens", "text", "previous_response_id", "tools");
    private static final Set<String> UNSUPPORTED = Set.of("prompt", "conversation");
    private static final Set<String> ROLES = Set.of("user", "assistant", "system", "developer");

    private final Catalog catalog;

    ResponsesApi(Catalog catalog) {
        this.catalog = catalog;
    }

    ResponsesCall read(String body) throws Rejection {
        JsonObject request = ChatRequestReader.parseObject(body);
        for (Map.Entry<String, JsonElement> field : request.entrySet()) {
            String name = field.getKey();
            if (field.getValue().isJsonNull() || HANDLED.contains(name) || IGNORED.contains(name)) {
                continue;
            }
            if (UNSUPPORTED.contains(name)) {
                throw ChatRequestReader.unsupported(name, "Unsupported parameter: '" + name
                        + "' is not supported by the demo gateway.");
            }
            throw reject("Unknown parameter: '" + name + "'.", name, "unknown_parameter");
        }
        String modelId = ChatRequestReader.modelId(request);
        List<PromptMessage> messages = new ArrayList<>();
        String instructions = null;
        JsonElement instructionsValue = present(request, "instructions");
        if (instructionsValue != null) {
            if (!isString(instructionsValue)) {
                throw invalidType("instructions", "a string", instructionsValue);
            }
            instructions = instructionsValue.getAsString();
            messages.add(new PromptMessage("developer", instructions, 0));
        }
        messages.addAll(input(request));
        boolean stream = ChatRequestReader.bool(request, "stream");
        OptionalInt maxOutput = ChatRequestReader.positiveInt(request, "max_output_tokens");
        if (maxOutput.isPresent() && maxOutput.getAsInt() < 16) {
            throw reject("Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got "
                    + maxOutput.getAsInt() + " instead.", "max_output_tokens", "integer_below_min_value");
        }
        ChatRequestReader.checkNumberRange(request, "temperature", 0, 2);
        ChatRequestReader.checkNumberRange(request, "top_p", 0, 1);
        JsonElement tools = present(request, "tools");
        if (tools != null && (!tools.isJsonArray() || !tools.getAsJsonArray().isEmpty())) {
            throw ChatRequestReader.unsupported("tools", "Unsupported parameter: 'tools' is not supported on"
                    + " /v1/responses by the demo gateway; use /v1/chat/completions for tool calls.");
        }
        JsonElement previous = present(request, "previous_response_id");
        if (previous != null) {
            throw reject("Previous response with id '" + (isString(previous) ? previous.getAsString() : previous)
                    + "' not found.", "previous_response_id", "previous_response_not_found");
        }
        OutputFormat format = OutputFormat.TEXT;
        JsonElement text = present(request, "text");
        if (text != null) {
            if (!text.isJsonObject()) {
                throw invalidType("text", "an object", text);
            }
            JsonElement formatValue = present(text.getAsJsonObject(), "format");
            if (formatValue != null) {
                if (!formatValue.isJsonObject()) {
                    throw invalidType("text.format", "an object", formatValue);
                }
                format = ChatRequestReader.outputFormat(formatValue.getAsJsonObject(), "text.format", messages,
                        false);
            }
        }
        CatalogModel model = catalog.find(modelId).orElseThrow(() -> new Rejection(ApiError.invalidRequest(404,
                "The model `" + modelId + "` does not exist or you do not have access to it.",
                "model", "model_not_found")));
        if (!model.chat()) {
            throw reject("The model `" + modelId + "` is not supported on v1/responses.", "model",
                    "model_not_supported");
        }
        if (!model.vision() && messages.stream().anyMatch(m -> m.images() > 0)) {
            throw reject("Invalid content type. input_image is only supported by certain models; `" + modelId
                    + "` does not accept images.", "input", "invalid_value");
        }
        JsonObject echo = new JsonObject();
        for (String name : List.of("temperature", "top_p", "metadata", "user", "store", "parallel_tool_calls",
                "truncation", "service_tier")) {
            JsonElement value = present(request, name);
            if (value != null) {
                echo.add(name, value.deepCopy());
            }
        }
        return new ResponsesCall(model, messages, instructions, stream, maxOutput, format, echo);
    }

    private static List<PromptMessage> input(JsonObject request) throws Rejection {
        JsonElement input = present(request, "input");
        if (input == null) {
            throw reject("Missing required parameter: 'input'.", "input", "missing_required_parameter");
        }
        if (isString(input)) {
            return List.of(new PromptMessage("user", input.getAsString(), 0));
        }
        if (!input.isJsonArray()) {
            throw invalidType("input", "one of a string or array of input items", input);
        }
        JsonArray items = input.getAsJsonArray();
        List<PromptMessage> messages = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "input[" + i + "]";
            JsonElement item = items.get(i);
            if (!item.isJsonObject()) {
                throw invalidType(path, "an object", item);
            }
            JsonObject object = item.getAsJsonObject();
            JsonElement type = present(object, "type");
            if (type != null && (!isString(type) || !type.getAsString().equals("message"))) {
                throw reject("Invalid value: '" + (isString(type) ? type.getAsString() : type) + "'. The demo"
                        + " gateway supports input items of type 'message'.", path + ".type", "invalid_value");
            }
            JsonElement role = present(object, "role");
            if (role == null) {
                throw reject("Missing required parameter: '" + path + ".role'.", path + ".role",
                        "missing_required_parameter");
            }
            if (!isString(role) || !ROLES.contains(role.getAsString())) {
                throw reject("Invalid value: '" + (isString(role) ? role.getAsString() : role) + "'. Supported"
                        + " values are: 'user', 'assistant', 'system', and 'developer'.", path + ".role",
                        "invalid_value");
            }
            messages.add(content(object, role.getAsString(), path));
        }
        return messages;
    }

    private static PromptMessage content(JsonObject item, String role, String path) throws Rejection {
        JsonElement content = present(item, "content");
        if (content == null) {
            throw reject("Missing required parameter: '" + path + ".content'.", path + ".content",
                    "missing_required_parameter");
        }
        if (isString(content)) {
            return new PromptMessage(role, content.getAsString(), 0);
        }
        if (!content.isJsonArray()) {
            throw invalidType(path + ".content", "one of a string or array of objects", content);
        }
        ChatRequestReader.Parts parts = ChatRequestReader.parts(content.getAsJsonArray(), path,
                Set.of("input_text", "output_text"), "input_image", (part, partPath) -> {
                    JsonElement url = present(part, "image_url");
                    JsonElement file = present(part, "file_id");
                    if ((url == null || !isString(url)) && (file == null || !isString(file))) {
                        throw reject("Missing required parameter: '" + partPath + ".image_url'.",
                                partPath + ".image_url", "missing_required_parameter");
                    }
                }, "'input_text', 'input_image', and 'output_text'");
        return new PromptMessage(role, String.join(" ", parts.texts()), parts.images());
    }

    /** The answer's pieces, cut at {@code max_output_tokens}; {@code incomplete} when cut. */
    record Answer(List<String> pieces, boolean incomplete, int inputTokens) {

        Answer {
            pieces = List.copyOf(pieces);
        }

        String text() {
            return String.join("", pieces);
        }

        int outputTokens() {
            return pieces.size();
        }
    }

    static Answer answer(ResponsesCall call) {
        List<String> all = ReplyComposer.formatted(call.model().id(), call.messages(), call.format());
        int input = ReplyComposer.promptTokens(call.messages());
        if (call.maxOutputTokens().isPresent() && call.maxOutputTokens().getAsInt() < all.size()) {
            return new Answer(all.subList(0, call.maxOutputTokens().getAsInt()), true, input);
        }
        return new Answer(all, false, input);
    }

    /** The {@code response} object; {@code answer} null while in progress. */
    static JsonObject response(String id, String messageId, long createdAt, ResponsesCall call, Answer answer,
                               boolean withUsage) {
        JsonObject root = new JsonObject();
        root.addProperty("id", id);
        root.addProperty("object", "response");
        root.addProperty("created_at", createdAt);
        String status = answer == null ? "in_progress" : answer.incomplete() ? "incomplete" : "completed";
        root.addProperty("status", status);
        root.addProperty("background", false);
        root.add("error", JsonNull.INSTANCE);
        if (answer != null && answer.incomplete()) {
            JsonObject details = new JsonObject();
            details.addProperty("reason", "max_output_tokens");
            root.add("incomplete_details", details);
        } else {
            root.add("incomplete_details", JsonNull.INSTANCE);
        }
        root.add("instructions", call.instructions() == null ? JsonNull.INSTANCE
                : new com.google.gson.JsonPrimitive(call.instructions()));
        if (call.maxOutputTokens().isPresent()) {
            root.addProperty("max_output_tokens", call.maxOutputTokens().getAsInt());
        } else {
            root.add("max_output_tokens", JsonNull.INSTANCE);
        }
        root.addProperty("model", call.model().id());
        JsonArray output = new JsonArray();
        if (answer != null) {
            output.add(message(messageId, answer.incomplete() ? "incomplete" : "completed", answer.text(), true));
        }
        root.add("output", output);
        root.add("parallel_tool_calls", echo(call, "parallel_tool_calls", new com.google.gson.JsonPrimitive(true)));
        root.add("previous_response_id", JsonNull.INSTANCE);
        JsonObject reasoning = new JsonObject();
        reasoning.add("effort", JsonNull.INSTANCE);
        reasoning.add("summary", JsonNull.INSTANCE);
        root.add("reasoning", reasoning);
        root.add("service_tier", echo(call, "service_tier", new com.google.gson.JsonPrimitive("default")));
        root.add("store", echo(call, "store", new com.google.gson.JsonPrimitive(true)));
        root.add("temperature", echo(call, "temperature", new com.google.gson.JsonPrimitive(1.0)));
        JsonObject text = new JsonObject();
        text.add("format", formatJson(call.format()));
        root.add("text", text);
        root.addProperty("tool_choice", "auto");
        root.add("tools", new JsonArray());
        root.add("top_p", echo(call, "top_p", new com.google.gson.JsonPrimitive(1.0)));
        root.add("truncation", echo(call, "truncation", new com.google.gson.JsonPrimitive("disabled")));
        if (answer != null && withUsage) {
            JsonObject usage = new JsonObject();
            usage.addProperty("input_tokens", answer.inputTokens());
            JsonObject inputDetails = new JsonObject();
            inputDetails.addProperty("cached_tokens", 0);
            inputDetails.addProperty("cache_write_tokens", 0);
            usage.add("input_tokens_details", inputDetails);
            usage.addProperty("output_tokens", answer.outputTokens());
            JsonObject outputDetails = new JsonObject();
            outputDetails.addProperty("reasoning_tokens", 0);
            usage.add("output_tokens_details", outputDetails);
            usage.addProperty("total_tokens", answer.inputTokens() + answer.outputTokens());
            root.add("usage", usage);
        } else {
            root.add("usage", JsonNull.INSTANCE);
        }
        root.add("user", echo(call, "user", JsonNull.INSTANCE));
        root.add("metadata", echo(call, "metadata", new JsonObject()));
        return root;
    }

    private static JsonElement echo(ResponsesCall call, String name, JsonElement fallback) {
        JsonElement value = call.echo().get(name);
        return value == null ? fallback : value.deepCopy();
    }

    private static JsonObject formatJson(OutputFormat format) {
        JsonObject json = new JsonObject();
        switch (format.kind()) {
            case TEXT -> json.addProperty("type", "text");
            case JSON_OBJECT -> json.addProperty("type", "json_object");
            case JSON_SCHEMA -> {
                json.addProperty("type", "json_schema");
                json.addProperty("name", format.name());
                json.add("schema", format.schema().deepCopy());
                json.addProperty("strict", false);
            }
        }
        return json;
    }

    private static JsonObject message(String id, String status, String text, boolean withContent) {
        JsonObject item = new JsonObject();
        item.addProperty("id", id);
        item.addProperty("type", "message");
        item.addProperty("status", status);
        JsonArray content = new JsonArray();
        if (withContent) {
            content.add(outputText(text));
        }
        item.add("content", content);
        item.addProperty("role", "assistant");
        return item;
    }

    private static JsonObject outputText(String text) {
        JsonObject part = new JsonObject();
        part.addProperty("type", "output_text");
        part.add("annotations", new JsonArray());
        part.add("logprobs", new JsonArray());
        part.addProperty("text", text);
        return part;
    }

    /** Writes the typed event stream of one answer. */
    static void stream(Call call, ChatStreamer streamer, ResponsesCall responses, Answer answer, String id,
                       String messageId, long createdAt, Faults faults) {
        List<String> pieces = answer.pieces();
        int planned = pieces.size();
        int cut = faults.stopsHalfway() ? Math.max(planned > 1 ? 1 : 0, planned / 2) : planned;
        int sent = 0;
        StreamOutcome.End end = StreamOutcome.End.COMPLETED;
        Sequence seq = new Sequence();
        try {
            OutputStream out = call.startEventStream(faults.drop() ? ChatStreamer.DROP_DECLARED_LENGTH : 0);
            SseWriter writer = new SseWriter(out, faults);
            Pacer pacer = streamer.pacer(faults);
            JsonObject pending = response(id, messageId, createdAt, responses, null, false);
            writer.event("response.created", seq.event("response.created", e -> e.add("response", pending)));
            writer.event("response.in_progress", seq.event("response.in_progress",
                    e -> e.add("response", pending)));
            writer.event("response.output_item.added", seq.event("response.output_item.added", e -> {
                e.addProperty("output_index", 0);
                e.add("item", message(messageId, "in_progress", "", false));
            }));
            writer.event("response.content_part.added", seq.event("response.content_part.added", e -> {
                e.addProperty("item_id", messageId);
                e.addProperty("output_index", 0);
                e.addProperty("content_index", 0);
                e.add("part", outputText(""));
            }));
            for (int i = 0; i < cut; i++) {
                pacer.awaitToken(i);
                String piece = pieces.get(i);
                writer.event("response.output_text.delta", seq.event("response.output_text.delta", e -> {
                    e.addProperty("item_id", messageId);
                    e.addProperty("output_index", 0);
                    e.addProperty("content_index", 0);
                    e.addProperty("delta", piece);
                    e.add("logprobs", new JsonArray());
                }));
                sent++;
            }
            if (cut < planned) {
                end = StreamOutcome.End.FAULT;
                if (faults.midstreamError()) {
                    writer.event("error", seq.event("error", e -> {
                        e.addProperty("code", "server_error");
                        e.addProperty("message", "The demo gateway failed while generating this answer (fault"
                                + " midstream-error, request " + call.requestId() + ").");
                        e.add("param", JsonNull.INSTANCE);
                    }));
                }
                if (faults.drop()) {
                    call.cut();
                }
            } else {
                String text = answer.text();
                String itemStatus = answer.incomplete() ? "incomplete" : "completed";
                writer.event("response.output_text.done", seq.event("response.output_text.done", e -> {
                    e.addProperty("item_id", messageId);
                    e.addProperty("output_index", 0);
                    e.addProperty("content_index", 0);
                    e.addProperty("text", text);
                    e.add("logprobs", new JsonArray());
                }));
                writer.event("response.content_part.done", seq.event("response.content_part.done", e -> {
                    e.addProperty("item_id", messageId);
                    e.addProperty("output_index", 0);
                    e.addProperty("content_index", 0);
                    e.add("part", outputText(text));
                }));
                writer.event("response.output_item.done", seq.event("response.output_item.done", e -> {
                    e.addProperty("output_index", 0);
                    e.add("item", message(messageId, itemStatus, text, true));
                }));
                if (faults.noDone()) {
                    end = StreamOutcome.End.FAULT;
                } else {
                    String type = answer.incomplete() ? "response.incomplete" : "response.completed";
                    JsonObject done = response(id, messageId, createdAt, responses, answer, !faults.noUsage());
                    writer.event(type, seq.event(type, e -> e.add("response", done)));
                }
            }
        } catch (IOException e) {
            end = faults.drop() && sent == cut ? StreamOutcome.End.FAULT : StreamOutcome.End.CLIENT_GONE;
        } catch (InterruptedException e) {
            end = StreamOutcome.End.INTERRUPTED;
            Thread.currentThread().interrupt();
        }
        streamer.report(new StreamOutcome(call.requestId(), sent, planned, end));
    }

    /** Numbers the events of one stream from 0. */
    private static final class Sequence {
        private int next;

        String event(String type, java.util.function.Consumer<JsonObject> fields) {
            JsonObject event = new JsonObject();
            event.addProperty("type", type);
            event.addProperty("sequence_number", next++);
            fields.accept(event);
            return Json.write(event);
        }
    }
}
