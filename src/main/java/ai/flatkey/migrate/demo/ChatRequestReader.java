package ai.flatkey.migrate.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a {@code POST /v1/chat/completions} body the way OpenAI does: exact error messages,
 * {@code param} naming the field at fault, unknown arguments refused, unsupported features refused clearly.
 * Tools, {@code tool_choice}, {@code parallel_tool_calls}, tool results, {@code response_format} (text,
 * json_object, json_schema) and image parts (vision models only) are understood.
 */
final class ChatRequestReader {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

    /** Accepted; the demo reply does not depend on them. */
    private static final Set<String> IGNORED = Set.of(
            "temperature", "top_p", "seed", "stop", "presence_penalty", "frequency_penalty", "user", "metadata",
            "store", "logit_bias", "service_tier", "reasoning_effort", "verbosity", "safety_identifier",
            "prompt_cache_key");

    /** Understood but not offered by the demo gateway: refused with 400 {@code unsupported_parameter}. */
    private static final Set<String> UNSUPPORTED = Set.of(
            "functions", "function_call", "audio", "prediction", "web_search_options", "top_logprobs");

    private static final Set<String> HANDLED = Set.of(
            "model", "messages", "stream", "stream_options", "max_tokens", "max_completion_tokens", "n",
            "response_format", "logprobs", "modalities", "tools", "tool_choice", "parallel_tool_calls");

    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private final Catalog catalog;

    ChatRequestReader(Catalog catalog) {
        this.catalog = catalog;
    }

    ChatCall read(String body) throws Rejection {
        JsonObject request = parseObject(body);
        for (Map.Entry<String, JsonElement> field : request.entrySet()) {
            String name = field.getKey();
            if (field.getValue().isJsonNull() || HANDLED.contains(name) || IGNORED.contains(name)) {
                continue;
            }
            if (UNSUPPORTED.contains(name)) {
                throw unsupported(name, "Unsupported parameter: '" + name + "' is not supported by the demo gateway.");
            }
            throw reject("Unrecognized request argument supplied: " + name, name, "unknown_parameter");
        }

        String modelId = modelId(request);
        List<PromptMessage> messages = messages(request);
        Map<String, String> toolNames = checkToolSequence(request);
        boolean stream = bool(request, "stream");
        boolean includeUsage = streamOptions(request, stream);
        OptionalInt maxTokens = maxTokens(request);
        checkNumberRange(request, "temperature", 0, 2);
        checkNumberRange(request, "top_p", 0, 1);
        checkSingleChoice(request);
        checkTextOnly(request);
        List<ToolSpec> tools = tools(request);
        ToolChoice toolChoice = toolChoice(request, tools);
        Boolean parallel = present(request, "parallel_tool_calls") == null ? null : bool(request, "parallel_tool_calls");
        OutputFormat format = responseFormat(request, messages);

        CatalogModel model = catalog.find(modelId).orElseThrow(() -> new Rejection(ApiError.invalidRequest(404,
                "The model `" + modelId + "` does not exist or you do not have access to it.",
                "model", "model_not_found")));
        if (!model.chat()) {
            throw reject("The model `" + modelId + "` is not a chat model and is not supported on"
                    + " v1/chat/completions.", "model", "model_not_supported");
        }
        if (!model.vision() && messages.stream().anyMatch(m -> m.images() > 0)) {
            throw reject("Invalid content type. image_url is only supported by certain models; `" + modelId
                    + "` does not accept images.", "messages", "invalid_value");
        }
        return new ChatCall(model, messages, stream, includeUsage, maxTokens, tools, toolChoice, parallel, format,
                toolNames);
    }

    /**
     * Tool results must answer the tool calls of the assistant message before them, and every call must be
     * answered before the conversation goes on. Returns each call ID with the function it called.
     */
    private static Map<String, String> checkToolSequence(JsonObject request) throws Rejection {
        JsonArray array = request.getAsJsonArray("messages");
        Map<String, String> names = new HashMap<>();
        Set<String> pending = new LinkedHashSet<>();
        int pendingFrom = -1;
        boolean inToolBlock = false;
        for (int i = 0; i < array.size(); i++) {
            JsonObject message = array.get(i).getAsJsonObject();
            String role = message.get("role").getAsString();
            if (role.equals("tool")) {
                String id = message.get("tool_call_id").getAsString();
                if (!inToolBlock) {
                    throw reject("Invalid parameter: messages with role 'tool' must be a response to a preceeding"
                            + " message with 'tool_calls'.", "messages[" + i + "].role", null);
                }
                if (!pending.remove(id)) {
                    throw reject("Invalid parameter: 'tool_call_id' of '" + id + "' not found in 'tool_calls' of"
                            + " previous message.", "messages[" + i + "].tool_call_id", null);
                }
                continue;
            }
            if (!pending.isEmpty()) {
                throw unanswered(pendingFrom, pending);
            }
            inToolBlock = false;
            JsonElement calls = present(message, "tool_calls");
            if (role.equals("assistant") && calls != null && calls.getAsJsonArray().size() > 0) {
                for (JsonElement call : calls.getAsJsonArray()) {
                    JsonObject object = call.getAsJsonObject();
                    String id = object.get("id").getAsString();
                    pending.add(id);
                    names.put(id, object.getAsJsonObject("function").get("name").getAsString());
                }
                pendingFrom = i;
                inToolBlock = true;
            }
        }
        if (!pending.isEmpty()) {
            throw unanswered(pendingFrom, pending);
        }
        return names;
    }

    private static Rejection unanswered(int index, Set<String> pending) {
        return reject("An assistant message with 'tool_calls' must be followed by tool messages responding to each"
                + " 'tool_call_id'. The following tool_call_ids did not have response messages: "
                + String.join(", ", pending), "messages[" + index + "].role", null);
    }

    private static List<ToolSpec> tools(JsonObject request) throws Rejection {
        JsonElement value = present(request, "tools");
        if (value == null) {
            return List.of();
        }
        if (!value.isJsonArray()) {
            throw invalidType("tools", "an array of objects", value);
        }
        JsonArray array = value.getAsJsonArray();
        if (array.isEmpty()) {
            throw reject("Invalid 'tools': empty array. Expected an array with minimum length 1, but got an empty"
                    + " array instead.", "tools", "empty_array");
        }
        List<ToolSpec> tools = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String path = "tools[" + i + "]";
            JsonElement element = array.get(i);
            if (!element.isJsonObject()) {
                throw invalidType(path, "an object", element);
            }
            JsonObject tool = element.getAsJsonObject();
            JsonElement type = present(tool, "type");
            if (type == null) {
                throw reject("Missing required parameter: '" + path + ".type'.", path + ".type",
                        "missing_required_parameter");
            }
            if (!isString(type) || !type.getAsString().equals("function")) {
                throw reject("Invalid value: '" + (isString(type) ? type.getAsString() : type.toString())
                        + "'. Supported values are: 'function'.", path + ".type", "invalid_value");
            }
            JsonElement function = present(tool, "function");
            if (function == null) {
                throw reject("Missing required parameter: '" + path + ".function'.", path + ".function",
                        "missing_required_parameter");
            }
            if (!function.isJsonObject()) {
                throw invalidType(path + ".function", "an object", function);
            }
            JsonObject fn = function.getAsJsonObject();
            JsonElement name = present(fn, "name");
            if (name == null) {
                throw reject("Missing required parameter: '" + path + ".function.name'.", path + ".function.name",
                        "missing_required_parameter");
            }
            if (!isString(name)) {
                throw invalidType(path + ".function.name", "a string", name);
            }
            if (!FUNCTION_NAME.matcher(name.getAsString()).matches()) {
                throw reject("Invalid '" + path + ".function.name': string does not match pattern. Expected a string"
                        + " that matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.", path + ".function.name",
                        "invalid_value");
            }
            if (!seen.add(name.getAsString())) {
                throw reject("Invalid 'tools': duplicate function name '" + name.getAsString() + "'.",
                        path + ".function.name", "invalid_value");
            }
            JsonElement description = present(fn, "description");
            if (description != null && !isString(description)) {
                throw invalidType(path + ".function.description", "a string", description);
            }
            JsonElement parameters = present(fn, "parameters");
            if (parameters != null && !parameters.isJsonObject()) {
                throw invalidType(path + ".function.parameters", "an object", parameters);
            }
            tools.add(new ToolSpec(name.getAsString(), description == null ? "" : description.getAsString(),
                    parameters == null ? new JsonObject() : parameters.getAsJsonObject()));
        }
        return tools;
    }

    private static ToolChoice toolChoice(JsonObject request, List<ToolSpec> tools) throws Rejection {
        JsonElement value = present(request, "tool_choice");
        if (value == null) {
            return tools.isEmpty() ? ToolChoice.NONE : ToolChoice.AUTO;
        }
        if (tools.isEmpty()) {
            throw reject("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
                    "tool_choice", null);
        }
        if (isString(value)) {
            return switch (value.getAsString()) {
                case "none" -> ToolChoice.NONE;
                case "auto" -> ToolChoice.AUTO;
                case "required" -> new ToolChoice(ToolChoice.Mode.REQUIRED, "");
                default -> throw reject("Invalid value: '" + value.getAsString() + "'. Supported values are:"
                        + " 'none', 'auto', and 'required'.", "tool_choice", "invalid_value");
            };
        }
        if (!value.isJsonObject()) {
            throw invalidType("tool_choice", "one of a string or object", value);
        }
        JsonObject choice = value.getAsJsonObject();
        JsonElement type = present(choice, "type");
        if (type == null || !isString(type) || !type.getAsString().equals("function")) {
            throw reject("Invalid value: '" + (type == null ? "" : type.getAsString()) + "'. Supported values are:"
                    + " 'function'.", "tool_choice.type", "invalid_value");
        }
        JsonElement function = present(choice, "function");
        JsonElement name = function != null && function.isJsonObject()
                ? present(function.getAsJsonObject(), "name") : null;
        if (name == null || !isString(name)) {
            throw reject("Missing required parameter: 'tool_choice.function.name'.", "tool_choice.function.name",
                    "missing_required_parameter");
        }
        String wanted = name.getAsString();
        if (tools.stream().noneMatch(t -> t.name().equals(wanted))) {
            throw reject("Invalid value for 'tool_choice': function '" + wanted + "' is not one of the functions in"
                    + " 'tools'.", "tool_choice.function.name", "invalid_value");
        }
        return ToolChoice.named(wanted);
    }

    private static OutputFormat responseFormat(JsonObject request, List<PromptMessage> messages) throws Rejection {
        JsonElement format = present(request, "response_format");
        if (format == null) {
            return OutputFormat.TEXT;
        }
        if (!format.isJsonObject()) {
            throw invalidType("response_format", "an object", format);
        }
        return outputFormat(format.getAsJsonObject(), "response_format", messages, true);
    }

    /**
     * Reads a format object ({@code response_format} in chat, where the schema sits under {@code json_schema};
     * {@code text.format} in Responses, where it sits in the object itself).
     */
    static OutputFormat outputFormat(JsonObject format, String path, List<PromptMessage> messages, boolean chat)
            throws Rejection {
        JsonElement type = present(format, "type");
        if (type == null || !isString(type)) {
            throw reject("Missing required parameter: '" + path + ".type'.", path + ".type",
                    "missing_required_parameter");
        }
        switch (type.getAsString()) {
            case "text" -> {
                return OutputFormat.TEXT;
            }
            case "json_object" -> {
                boolean mentionsJson = messages.stream()
                        .anyMatch(m -> m.text().toLowerCase(Locale.ROOT).contains("json"));
                if (!mentionsJson) {
                    throw reject("'messages' must contain the word 'json' in some form, to use '" + path
                            + "' of type 'json_object'.", chat ? "messages" : "input", null);
                }
                return OutputFormat.JSON_OBJECT;
            }
            case "json_schema" -> {
                JsonObject holder = format;
                String holderPath = path;
                if (chat) {
                    JsonElement schema = present(format, "json_schema");
                    if (schema == null) {
                        throw reject("Missing required parameter: '" + path + ".json_schema'.", path + ".json_schema",
                                "missing_required_parameter");
                    }
                    if (!schema.isJsonObject()) {
                        throw invalidType(path + ".json_schema", "an object", schema);
                    }
                    holder = schema.getAsJsonObject();
                    holderPath = path + ".json_schema";
                }
                JsonElement name = present(holder, "name");
                if (name == null) {
                    throw reject("Missing required parameter: '" + holderPath + ".name'.", holderPath + ".name",
                            "missing_required_parameter");
                }
                if (!isString(name) || !FUNCTION_NAME.matcher(name.getAsString()).matches()) {
                    throw reject("Invalid '" + holderPath + ".name': string does not match pattern. Expected a string"
                            + " that matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.", holderPath + ".name",
                            "invalid_value");
                }
                JsonElement schema = present(holder, "schema");
                if (schema != null && !schema.isJsonObject()) {
                    throw invalidType(holderPath + ".schema", "an object", schema);
                }
                return new OutputFormat(OutputFormat.Kind.JSON_SCHEMA, name.getAsString(),
                        schema == null ? new JsonObject() : schema.getAsJsonObject());
            }
            default -> throw reject("Invalid value: '" + type.getAsString() + "'. Supported values are: 'text',"
                    + " 'json_object', and 'json_schema'.", path + ".type", "invalid_value");
        }
    }

    static JsonObject parseObject(String body) throws Rejection {
        JsonElement parsed;
        try {
            parsed = body.isBlank() ? null : Json.parseStrict(body);
        } catch (JsonParseException e) {
            parsed = null;
        }
        if (parsed == null) {
            throw reject("We could not parse the JSON body of your request. (HINT: This likely means you aren't using"
                    + " your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not"
                    + " valid JSON.)", null, null);
        }
        if (!parsed.isJsonObject()) {
            throw reject("Invalid type for request body: expected an object, but got " + typeName(parsed)
                    + " instead.", null, "invalid_type");
        }
        return parsed.getAsJsonObject();
    }

    static String modelId(JsonObject request) throws Rejection {
        JsonElement model = present(request, "model");
        if (model == null) {
            throw reject("Missing required parameter: 'model'.", "model", "missing_required_parameter");
        }
        if (!isString(model)) {
            throw invalidType("model", "a string", model);
        }
        if (model.getAsString().isEmpty()) {
            throw reject("Invalid 'model': empty string. Expected a string with minimum length 1, but got an empty"
                    + " string instead.", "model", "empty_string");
        }
        return model.getAsString();
    }

    private static List<PromptMessage> messages(JsonObject request) throws Rejection {
        JsonElement value = present(request, "messages");
        if (value == null) {
            throw reject("Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
        }
        if (!value.isJsonArray()) {
            throw invalidType("messages", "an array of objects", value);
        }
        JsonArray array = value.getAsJsonArray();
        if (array.isEmpty()) {
            throw reject("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty"
                    + " array instead.", "messages", "empty_array");
        }
        List<PromptMessage> messages = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            messages.add(message(array.get(i), "messages[" + i + "]"));
        }
        return messages;
    }

    static PromptMessage message(JsonElement element, String path) throws Rejection {
        if (!element.isJsonObject()) {
            throw invalidType(path, "an object", element);
        }
        JsonObject message = element.getAsJsonObject();
        JsonElement role = present(message, "role");
        if (role == null) {
            throw reject("Missing required parameter: '" + path + ".role'.", path + ".role",
                    "missing_required_parameter");
        }
        if (!isString(role) || !ROLES.contains(role.getAsString())) {
            throw reject("Invalid value: '" + (isString(role) ? role.getAsString() : role.toString())
                    + "'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.",
                    path + ".role", "invalid_value");
        }
        String roleName = role.getAsString();
        List<String> callIds = roleName.equals("assistant") ? assistantToolCalls(message, path) : List.of();
        String answers = "";
        if (roleName.equals("tool")) {
            JsonElement id = present(message, "tool_call_id");
            if (id == null) {
                throw reject("Missing required parameter: '" + path + ".tool_call_id'.", path + ".tool_call_id",
                        "missing_required_parameter");
            }
            if (!isString(id)) {
                throw invalidType(path + ".tool_call_id", "a string", id);
            }
            answers = id.getAsString();
        }
        JsonElement content = present(message, "content");
        if (content == null) {
            if (roleName.equals("assistant")) {
                return new PromptMessage(roleName, "", 0, callIds, "");
            }
            throw reject("Missing required parameter: '" + path + ".content'.", path + ".content",
                    "missing_required_parameter");
        }
        if (isString(content)) {
            return new PromptMessage(roleName, content.getAsString(), 0, callIds, answers);
        }
        if (!content.isJsonArray()) {
            throw invalidType(path + ".content", "one of a string or array of objects", content);
        }
        Parts parts = parts(content.getAsJsonArray(), path, Set.of("text"), "image_url", (part, partPath) -> {
            JsonElement image = present(part, "image_url");
            JsonElement url = image != null && image.isJsonObject() ? present(image.getAsJsonObject(), "url") : null;
            if (url == null || !isString(url) || url.getAsString().isBlank()) {
                throw reject("Missing required parameter: '" + partPath + ".image_url.url'.",
                        partPath + ".image_url.url", "missing_required_parameter");
            }
        }, "'text' and 'image_url'");
        return new PromptMessage(roleName, String.join(" ", parts.texts()), parts.images(), callIds, answers);
    }

    private static List<String> assistantToolCalls(JsonObject message, String path) throws Rejection {
        JsonElement calls = present(message, "tool_calls");
        if (calls == null) {
            return List.of();
        }
        if (!calls.isJsonArray()) {
            throw invalidType(path + ".tool_calls", "an array of objects", calls);
        }
        List<String> ids = new ArrayList<>();
        JsonArray array = calls.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            String callPath = path + ".tool_calls[" + i + "]";
            JsonElement call = array.get(i);
            if (!call.isJsonObject()) {
                throw invalidType(callPath, "an object", call);
            }
            JsonElement id = present(call.getAsJsonObject(), "id");
            if (id == null || !isString(id)) {
                throw reject("Missing required parameter: '" + callPath + ".id'.", callPath + ".id",
                        "missing_required_parameter");
            }
            JsonElement function = present(call.getAsJsonObject(), "function");
            JsonElement name = function != null && function.isJsonObject()
                    ? present(function.getAsJsonObject(), "name") : null;
            if (name == null || !isString(name)) {
                throw reject("Missing required parameter: '" + callPath + ".function.name'.",
                        callPath + ".function.name", "missing_required_parameter");
            }
            JsonElement arguments = present(function.getAsJsonObject(), "arguments");
            if (arguments == null || !isString(arguments)) {
                throw reject("Missing required parameter: '" + callPath + ".function.arguments'.",
                        callPath + ".function.arguments", "missing_required_parameter");
            }
            ids.add(id.getAsString());
        }
        return ids;
    }

    static boolean bool(JsonObject request, String name) throws Rejection {
        JsonElement value = present(request, name);
        if (value == null) {
            return false;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            throw invalidType(name, "a boolean", value);
        }
        return value.getAsBoolean();
    }

    private static boolean streamOptions(JsonObject request, boolean stream) throws Rejection {
        JsonElement options = present(request, "stream_options");
        if (options == null) {
            return false;
        }
        if (!stream) {
            throw reject("The 'stream_options' parameter is only allowed when 'stream' is enabled.",
                    "stream_options", "invalid_value");
        }
        if (!options.isJsonObject()) {
            throw invalidType("stream_options", "an object", options);
        }
        for (String key : options.getAsJsonObject().keySet()) {
            if (!key.equals("include_usage") && !key.equals("include_obfuscation")) {
                throw reject("Unrecognized request argument supplied: stream_options." + key,
                        "stream_options." + key, "unknown_parameter");
            }
        }
        JsonElement include = present(options.getAsJsonObject(), "include_usage");
        if (include == null) {
            return false;
        }
        if (!include.isJsonPrimitive() || !include.getAsJsonPrimitive().isBoolean()) {
            throw invalidType("stream_options.include_usage", "a boolean", include);
        }
        return include.getAsBoolean();
    }

    private static OptionalInt maxTokens(JsonObject request) throws Rejection {
        OptionalInt completion = positiveInt(request, "max_completion_tokens");
        OptionalInt legacy = positiveInt(request, "max_tokens");
        return completion.isPresent() ? completion : legacy;
    }

    static OptionalInt positiveInt(JsonObject request, String name) throws Rejection {
        JsonElement value = present(request, name);
        if (value == null) {
            return OptionalInt.empty();
        }
        BigDecimal number = number(value);
        if (number == null || number.stripTrailingZeros().scale() > 0) {
            throw invalidType(name, "an integer", value);
        }
        if (number.compareTo(BigDecimal.ONE) < 0) {
            throw reject("Invalid '" + name + "': integer below minimum value. Expected a value >= 1, but got "
                    + number.toPlainString() + " instead.", name, "integer_below_min_value");
        }
        return OptionalInt.of(number.min(BigDecimal.valueOf(Integer.MAX_VALUE)).intValue());
    }

    static void checkNumberRange(JsonObject request, String name, int min, int max) throws Rejection {
        JsonElement value = present(request, name);
        if (value == null) {
            return;
        }
        BigDecimal number = number(value);
        if (number == null) {
            throw invalidType(name, "a number", value);
        }
        if (number.compareTo(BigDecimal.valueOf(min)) < 0) {
            throw reject("Invalid '" + name + "': decimal below minimum value. Expected a value >= " + min
                    + ", but got " + number.toPlainString() + " instead.", name, "decimal_below_min_value");
        }
        if (number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw reject("Invalid '" + name + "': decimal above maximum value. Expected a value <= " + max
                    + ", but got " + number.toPlainString() + " instead.", name, "decimal_above_max_value");
        }
    }

    private static void checkSingleChoice(JsonObject request) throws Rejection {
        JsonElement n = present(request, "n");
        if (n == null) {
            return;
        }
        BigDecimal number = number(n);
        if (number == null || number.stripTrailingZeros().scale() > 0) {
            throw invalidType("n", "an integer", n);
        }
        if (number.compareTo(BigDecimal.ONE) != 0) {
            throw unsupported("n", "Unsupported value: 'n' must be 1 on the demo gateway.");
        }
    }

    private static void checkTextOnly(JsonObject request) throws Rejection {
        JsonElement logprobs = present(request, "logprobs");
        if (logprobs != null) {
            if (!logprobs.isJsonPrimitive() || !logprobs.getAsJsonPrimitive().isBoolean()) {
                throw invalidType("logprobs", "a boolean", logprobs);
            }
            if (logprobs.getAsBoolean()) {
                throw unsupported("logprobs", "Unsupported parameter: 'logprobs' is not supported by the demo"
                        + " gateway.");
            }
        }
        JsonElement modalities = present(request, "modalities");
        if (modalities != null) {
            boolean textOnly = modalities.isJsonArray() && modalities.getAsJsonArray().asList().stream()
                    .allMatch(m -> isString(m) && m.getAsString().equals("text"));
            if (!textOnly) {
                throw unsupported("modalities", "Unsupported value: 'modalities' supports only 'text' on the demo"
                        + " gateway.");
            }
        }
    }

    /** The texts and the number of images of a content-part array. */
    record Parts(List<String> texts, int images) {
    }

    /** Checks one image part in the API's own shape; throws when it is incomplete. */
    @FunctionalInterface
    interface ImagePart {
        void check(JsonObject part, String partPath) throws Rejection;
    }

    /**
     * Reads a content-part array shared by chat ({@code text}, {@code image_url}) and Responses ({@code input_text},
     * {@code output_text}, {@code input_image}) messages: every part an object with a known {@code type}, text parts
     * with a string {@code text}, image parts as {@code image} says.
     *
     * @param supported the supported types, as the error message lists them
     */
    static Parts parts(JsonArray parts, String path, Set<String> textTypes, String imageType, ImagePart image,
                       String supported) throws Rejection {
        List<String> texts = new ArrayList<>();
        int images = 0;
        for (int j = 0; j < parts.size(); j++) {
            String partPath = path + ".content[" + j + "]";
            JsonElement part = parts.get(j);
            if (!part.isJsonObject()) {
                throw invalidType(partPath, "an object", part);
            }
            JsonElement type = present(part.getAsJsonObject(), "type");
            String typeName = type != null && isString(type) ? type.getAsString() : "";
            if (textTypes.contains(typeName)) {
                JsonElement text = present(part.getAsJsonObject(), "text");
                if (text == null || !isString(text)) {
                    throw reject("Missing required parameter: '" + partPath + ".text'.", partPath + ".text",
                            "missing_required_parameter");
                }
                texts.add(text.getAsString());
            } else if (typeName.equals(imageType)) {
                image.check(part.getAsJsonObject(), partPath);
                images++;
            } else {
                throw reject("Invalid value: '" + typeName + "'. Supported values are: " + supported + ".",
                        partPath + ".type", "invalid_value");
            }
        }
        return new Parts(texts, images);
    }

    static JsonElement present(JsonObject object, String name) {
        JsonElement value = object.get(name);
        return value == null || value.isJsonNull() ? null : value;
    }

    static boolean isString(JsonElement element) {
        return element.isJsonPrimitive() && element.getAsJsonPrimitive().isString();
    }

    static BigDecimal number(JsonElement element) {
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
            return null;
        }
        try {
            return element.getAsBigDecimal();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String typeName(JsonElement element) {
        if (element.isJsonArray()) {
            return "an array";
        }
        if (element.isJsonObject()) {
            return "an object";
        }
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        if (primitive.isBoolean()) {
            return "a boolean";
        }
        return primitive.isNumber() ? "a number" : "a string";
    }

    static Rejection invalidType(String param, String expected, JsonElement got) {
        return reject("Invalid type for '" + param + "': expected " + expected + ", but got " + typeName(got)
                + " instead.", param, "invalid_type");
    }

    static Rejection unsupported(String param, String message) {
        return reject(message, param, message.startsWith("Unsupported value") ? "unsupported_value"
                : "unsupported_parameter");
    }

    static Rejection reject(String message, String param, String code) {
        return new Rejection(ApiError.invalidRequest(400, message, param, code));
    }
}
