package ai.flatkey.migrate.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads and validates a {@code POST /v1/chat/completions} body the way OpenAI does: exact error messages,
 * {@code param} naming the field at fault, unknown arguments refused, unsupported features refused clearly.
 */
final class ChatRequestReader {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

    /** Accepted; the demo reply does not depend on them. */
    private static final Set<String> IGNORED = Set.of(
            "temperature", "top_p", "seed", "stop", "presence_penalty", "frequency_penalty", "user", "metadata",
            "store", "logit_bias", "service_tier", "parallel_tool_calls", "reasoning_effort", "verbosity",
            "safety_identifier", "prompt_cache_key");

    /** Understood but not offered by the demo gateway: refused with 400 {@code unsupported_parameter}. */
    private static final Set<String> UNSUPPORTED = Set.of(
            "tools", "tool_choice", "functions", "function_call", "audio", "prediction", "web_search_options",
            "top_logprobs");

    private static final Set<String> HANDLED = Set.of(
            "model", "messages", "stream", "stream_options", "max_tokens", "max_completion_tokens", "n",
            "response_format", "logprobs", "modalities");

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
        boolean stream = bool(request, "stream");
        boolean includeUsage = streamOptions(request, stream);
        OptionalInt maxTokens = maxTokens(request);
        checkNumberRange(request, "temperature", 0, 2);
        checkNumberRange(request, "top_p", 0, 1);
        checkSingleChoice(request);
        checkTextOnly(request);

        CatalogModel model = catalog.find(modelId).orElseThrow(() -> new Rejection(ApiError.invalidRequest(404,
                "The model `" + modelId + "` does not exist or you do not have access to it.",
                "model", "model_not_found")));
        if (!model.chat()) {
            throw reject("The model `" + modelId + "` is not a chat model and is not supported on"
                    + " v1/chat/completions.", "model", "model_not_supported");
        }
        if (!model.vision()) {
            for (int i = 0; i < messages.size(); i++) {
                if (messages.get(i).images() > 0) {
                    throw reject("Invalid content type. image_url is only supported by certain models; `" + modelId
                            + "` does not accept images.", "messages[" + i + "].content", "invalid_value");
                }
            }
        }
        return new ChatCall(model, messages, stream, includeUsage, maxTokens);
    }

    private static JsonObject parseObject(String body) throws Rejection {
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

    private static String modelId(JsonObject request) throws Rejection {
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

    private static PromptMessage message(JsonElement element, String path) throws Rejection {
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
        JsonElement content = present(message, "content");
        if (content == null) {
            if (roleName.equals("assistant")) {
                return new PromptMessage(roleName, "", 0);
            }
            throw reject("Missing required parameter: '" + path + ".content'.", path + ".content",
                    "missing_required_parameter");
        }
        if (isString(content)) {
            return new PromptMessage(roleName, content.getAsString(), 0);
        }
        if (!content.isJsonArray()) {
            throw invalidType(path + ".content", "one of a string or array of objects", content);
        }
        List<String> texts = new ArrayList<>();
        int images = 0;
        JsonArray parts = content.getAsJsonArray();
        for (int j = 0; j < parts.size(); j++) {
            String partPath = path + ".content[" + j + "]";
            JsonElement part = parts.get(j);
            if (!part.isJsonObject()) {
                throw invalidType(partPath, "an object", part);
            }
            JsonElement type = present(part.getAsJsonObject(), "type");
            String typeName = type != null && isString(type) ? type.getAsString() : "";
            switch (typeName) {
                case "text" -> {
                    JsonElement text = present(part.getAsJsonObject(), "text");
                    if (text == null || !isString(text)) {
                        throw reject("Missing required parameter: '" + partPath + ".text'.", partPath + ".text",
                                "missing_required_parameter");
                    }
                    texts.add(text.getAsString());
                }
                case "image_url" -> {
                    JsonElement image = present(part.getAsJsonObject(), "image_url");
                    JsonElement url = image != null && image.isJsonObject()
                            ? present(image.getAsJsonObject(), "url") : null;
                    if (url == null || !isString(url) || url.getAsString().isBlank()) {
                        throw reject("Missing required parameter: '" + partPath + ".image_url.url'.",
                                partPath + ".image_url.url", "missing_required_parameter");
                    }
                    images++;
                }
                default -> throw reject("Invalid value: '" + typeName + "'. Supported values are: 'text' and"
                        + " 'image_url'.", partPath + ".type", "invalid_value");
            }
        }
        return new PromptMessage(roleName, String.join(" ", texts), images);
    }

    private static boolean bool(JsonObject request, String name) throws Rejection {
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

    private static OptionalInt positiveInt(JsonObject request, String name) throws Rejection {
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

    private static void checkNumberRange(JsonObject request, String name, int min, int max) throws Rejection {
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
        JsonElement format = present(request, "response_format");
        if (format != null) {
            JsonElement type = format.isJsonObject() ? present(format.getAsJsonObject(), "type") : null;
            if (type == null || !isString(type)) {
                throw reject("Missing required parameter: 'response_format.type'.", "response_format.type",
                        "missing_required_parameter");
            }
            if (!type.getAsString().equals("text")) {
                throw unsupported("response_format", "Unsupported value: 'response_format.type' does not support '"
                        + type.getAsString() + "' on the demo gateway. Supported values are: 'text'.");
            }
        }
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

    private static JsonElement present(JsonObject object, String name) {
        JsonElement value = object.get(name);
        return value == null || value.isJsonNull() ? null : value;
    }

    private static boolean isString(JsonElement element) {
        return element.isJsonPrimitive() && element.getAsJsonPrimitive().isString();
    }

    private static BigDecimal number(JsonElement element) {
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

    private static Rejection invalidType(String param, String expected, JsonElement got) {
        return reject("Invalid type for '" + param + "': expected " + expected + ", but got " + typeName(got)
                + " instead.", param, "invalid_type");
    }

    private static Rejection unsupported(String param, String message) {
        return reject(message, param, message.startsWith("Unsupported value") ? "unsupported_value"
                : "unsupported_parameter");
    }

    private static Rejection reject(String message, String param, String code) {
        return new Rejection(ApiError.invalidRequest(400, message, param, code));
    }
}
