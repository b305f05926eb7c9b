package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.wire.ChatMessage;
import ai.flatkey.migrate.wire.ChatRequest;
import ai.flatkey.migrate.wire.ContentPart;
import ai.flatkey.migrate.wire.EmbeddingsRequest;
import ai.flatkey.migrate.wire.ResponseFormat;
import ai.flatkey.migrate.wire.ResponsesRequest;
import ai.flatkey.migrate.wire.Tool;
import ai.flatkey.migrate.wire.ToolChoice;

import java.util.Base64;
import java.util.List;

/** The requests the built-in checks send: small, cheap, and each exercising one feature. */
final class Probes {
    static final String PROMPT = "Reply with one sentence confirming this migration smoke test worked.";
    /** A parameter no gateway knows, for the unsupported-parameter check. */
    static final String UNKNOWN_PARAMETER = "flatkey_migrate_probe";
    /** The arguments schema of the weather tool. */
    static final String WEATHER_SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\","
            + "\"description\":\"City name\"}},\"required\":[\"city\"],\"additionalProperties\":false}";
    static final String TIME_SCHEMA = "{\"type\":\"object\",\"properties\":{\"timezone\":{\"type\":\"string\","
            + "\"description\":\"IANA time zone, e.g. Asia/Tokyo\"}},\"required\":[\"timezone\"],\"additionalProperties\":false}";
    /** The schema of the structured-output check. */
    static final String ANSWER_SCHEMA = "{\"type\":\"object\",\"properties\":{\"status\":{\"type\":\"string\"},"
            + "\"checks\":{\"type\":\"integer\"}},\"required\":[\"status\",\"checks\"],\"additionalProperties\":false}";
    /** A 1×1 transparent PNG (67 bytes), sent inline as a data URL. */
    static final byte[] TINY_PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    static final int MAX_TOKENS = 64;

    private Probes() {
    }

    static ChatRequest chat(String model) {
        return ChatRequest.simple(model, PROMPT, false);
    }

    static ChatRequest stream(String model, boolean includeUsage) {
        return ChatRequest.builder(model).user(PROMPT).stream(true).includeUsage(includeUsage).build();
    }

    static Tool weatherTool() {
        return Tool.function("get_weather", "Current weather for a city", WEATHER_SCHEMA);
    }

    static Tool timeTool() {
        return Tool.function("get_time", "Current local time in a time zone", TIME_SCHEMA);
    }

    /** One tool, {@code tool_choice: "required"}. */
    static ChatRequest tools(String model, boolean stream) {
        return ChatRequest.builder(model).user("What is the weather in Paris right now? Use the tool.")
                .tool(weatherTool()).toolChoice(ToolChoice.required()).stream(stream).includeUsage(stream).build();
    }

    /** Two tools that both apply, {@code parallel_tool_calls: true}. */
    static ChatRequest parallelTools(String model, boolean stream) {
        return ChatRequest.builder(model)
                .user("What is the weather in Paris, and what time is it in Tokyo? Call both tools at once.")
                .tool(weatherTool()).tool(timeTool()).toolChoice(ToolChoice.required()).parallelToolCalls(true)
                .stream(stream).includeUsage(stream).build();
    }

    static ChatRequest jsonObject(String model) {
        return ChatRequest.builder(model).system("Answer with a JSON object only.")
                .user("Return a JSON object with a field \"status\" set to \"ok\".")
                .responseFormat(ResponseFormat.jsonObject()).build();
    }

    static ChatRequest jsonSchema(String model) {
        return ChatRequest.builder(model).user("Report the smoke test: status \"ok\" and the number of checks, 1, as JSON.")
                .responseFormat(ResponseFormat.jsonSchema("smoke_report", ANSWER_SCHEMA, true)).build();
    }

    static ChatRequest vision(String model) {
        return ChatRequest.builder(model).message(ChatMessage.user(List.of(
                ContentPart.text("Describe this image in a few words."),
                ContentPart.imageData("image/png", TINY_PNG)))).build();
    }

    static ChatRequest developerRole(String model) {
        return ChatRequest.builder(model).developer("Answer in one short sentence.").user(PROMPT).build();
    }

    static ChatRequest maxTokens(String model) {
        return ChatRequest.builder(model).user(PROMPT).maxTokens(MAX_TOKENS).build();
    }

    static ChatRequest maxCompletionTokens(String model) {
        return ChatRequest.builder(model).user(PROMPT).maxCompletionTokens(MAX_TOKENS).build();
    }

    static ChatRequest unknownParameter(String model) {
        return ChatRequest.builder(model).user(PROMPT).extra(UNKNOWN_PARAMETER, true).build();
    }

    static ResponsesRequest responses(String model, boolean stream) {
        return ResponsesRequest.simple(model, PROMPT, stream);
    }

    static EmbeddingsRequest embeddings(String model, String encoding) {
        return EmbeddingsRequest.of(model, "Flatkey migration smoke test", encoding);
    }
}
