package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.usage.QuotaGuard;
import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.ChatMessage;
import ai.flatkey.migrate.wire.ChatRequest;
import ai.flatkey.migrate.wire.ContentPart;
import ai.flatkey.migrate.wire.EmbeddingsRequest;
import ai.flatkey.migrate.wire.FailureKind;
import ai.flatkey.migrate.wire.ResponseFormat;
import ai.flatkey.migrate.wire.ResponsesRequest;
import ai.flatkey.migrate.wire.Tool;
import ai.flatkey.migrate.wire.ToolChoice;

import java.util.Base64;
import java.util.List;

/**
 * The requests the built-in checks send: small, cheap, and each exercising one feature. Every one is bounded: chat
 * requests carry {@code max_tokens} {@value #MAX_OUTPUT_TOKENS} (the max-tokens checks send their own, smaller value),
 * Responses requests {@code max_output_tokens}; the quota guard prices a suite with that bound.
 */
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
    /** The max-tokens checks' own value (below the probes' bound, so a gateway that honours it is seen to). */
    static final int MAX_TOKENS = 64;
    /** The output bound of every other probe: {@link QuotaGuard#MAX_OUTPUT_TOKENS_PER_CHECK}. */
    static final int MAX_OUTPUT_TOKENS = QuotaGuard.MAX_OUTPUT_TOKENS_PER_CHECK;

    private Probes() {
    }

    static ChatRequest chat(String model) {
        return chat(model, PROMPT);
    }

    static ChatRequest chat(String model, String prompt) {
        return bounded(ChatRequest.builder(model).user(prompt)).build();
    }

    static ChatRequest stream(String model, boolean includeUsage) {
        return bounded(ChatRequest.builder(model).user(PROMPT).stream(true).includeUsage(includeUsage)).build();
    }

    /** {@code b} with the probes' output bound as {@code max_tokens}. */
    static ChatRequest.Builder bounded(ChatRequest.Builder b) {
        return b.maxTokens(MAX_OUTPUT_TOKENS);
    }

    /** {@code r} with the probes' output bound, unless it already sets one of its own. */
    static ChatRequest bounded(ChatRequest r) {
        return r.maxTokens() != null || r.maxCompletionTokens() != null ? r : bounded(r.toBuilder()).build();
    }

    /**
     * The same probe bounded with {@code max_completion_tokens} instead, when the gateway refused the bound's
     * {@code max_tokens} by name (OpenAI's reasoning models do: "Use 'max_completion_tokens' instead"); null when the
     * refusal is about something else or the request was not bounded by the probes' {@code max_tokens}. The
     * max-tokens checks never come here: they test their own parameter.
     */
    static ChatRequest rebound(ChatRequest r, ApiException e) {
        if (r.maxTokens() == null || r.maxTokens() != MAX_OUTPUT_TOKENS || r.maxCompletionTokens() != null
                || (e.kind() != FailureKind.UNSUPPORTED_PARAMETER && e.kind() != FailureKind.BAD_REQUEST)) {
            return null;
        }
        String said = (e.getMessage() + " " + e.serverMessage()).toLowerCase(java.util.Locale.ROOT);
        return said.contains("max_tokens") ? r.toBuilder().maxTokens(null).maxCompletionTokens(MAX_OUTPUT_TOKENS).build() : null;
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
                .tool(weatherTool()).toolChoice(ToolChoice.required()).stream(stream).includeUsage(stream)
                .maxTokens(MAX_OUTPUT_TOKENS).build();
    }

    /** Two tools that both apply, {@code parallel_tool_calls: true}. */
    static ChatRequest parallelTools(String model, boolean stream) {
        return ChatRequest.builder(model)
                .user("What is the weather in Paris, and what time is it in Tokyo? Call both tools at once.")
                .tool(weatherTool()).tool(timeTool()).toolChoice(ToolChoice.required()).parallelToolCalls(true)
                .stream(stream).includeUsage(stream).maxTokens(MAX_OUTPUT_TOKENS).build();
    }

    static ChatRequest jsonObject(String model) {
        return ChatRequest.builder(model).system("Answer with a JSON object only.")
                .user("Return a JSON object with a field \"status\" set to \"ok\".")
                .responseFormat(ResponseFormat.jsonObject()).maxTokens(MAX_OUTPUT_TOKENS).build();
    }

    static ChatRequest jsonSchema(String model) {
        return ChatRequest.builder(model).user("Report the smoke test: status \"ok\" and the number of checks, 1, as JSON.")
                .responseFormat(ResponseFormat.jsonSchema("smoke_report", ANSWER_SCHEMA, true)).maxTokens(MAX_OUTPUT_TOKENS).build();
    }

    static ChatRequest vision(String model) {
        return ChatRequest.builder(model).message(ChatMessage.user(List.of(
                ContentPart.text("Describe this image in a few words."),
                ContentPart.imageData("image/png", TINY_PNG)))).maxTokens(MAX_OUTPUT_TOKENS).build();
    }

    static ChatRequest developerRole(String model) {
        return ChatRequest.builder(model).developer("Answer in one short sentence.").user(PROMPT).maxTokens(MAX_OUTPUT_TOKENS)
                .build();
    }

    static ChatRequest maxTokens(String model) {
        return ChatRequest.builder(model).user(PROMPT).maxTokens(MAX_TOKENS).build();
    }

    static ChatRequest maxCompletionTokens(String model) {
        return ChatRequest.builder(model).user(PROMPT).maxCompletionTokens(MAX_TOKENS).build();
    }

    static ChatRequest unknownParameter(String model) {
        return ChatRequest.builder(model).user(PROMPT).maxTokens(MAX_OUTPUT_TOKENS).extra(UNKNOWN_PARAMETER, true).build();
    }

    static ResponsesRequest responses(String model, boolean stream) {
        return new ResponsesRequest(model, PROMPT, List.of(), null, stream, MAX_OUTPUT_TOKENS, null, java.util.Map.of());
    }

    static EmbeddingsRequest embeddings(String model, String encoding) {
        return EmbeddingsRequest.of(model, "Flatkey migration smoke test", encoding);
    }
}
