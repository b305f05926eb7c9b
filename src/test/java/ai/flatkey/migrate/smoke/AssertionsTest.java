package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.Assertion;
import ai.flatkey.migrate.plan.AssertionResult;
import ai.flatkey.migrate.plan.RequestCheck;
import ai.flatkey.migrate.plan.RuleBreach;
import ai.flatkey.migrate.usage.ModelPrice;
import ai.flatkey.migrate.wire.Embedding;
import ai.flatkey.migrate.wire.ToolCall;
import ai.flatkey.migrate.wire.Usage;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every assertion kind on answers made to hold it and to break it: the outcome, its rule and its evidence; and the
 * verdict a check gets from them (Fail when one fails, Error when one could not be checked, never a pass).
 */
class AssertionsTest {
    static final JsonObject BODY = JsonParser.parseString("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\","
            + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"],\"additionalProperties\":false}}},"
            + "{\"type\":\"function\",\"function\":{\"name\":\"ping\"}}]}").getAsJsonObject();
    static final Optional<ModelPrice> PRICE = Optional.of(new ModelPrice("m", 1.0, 2.0, 0, "typed"));

    /** A chat answer: text, calls, finish reason, usage; streamed with chunk count, [DONE] and TTFT. */
    static Assertions.Seen chat(String text, List<ToolCall> calls, String finish, Usage usage) {
        return new Assertions.Seen(RequestCheck.Api.CHAT, 200, false, true, "", "", "", false, text, calls, finish, usage, false,
                null, null, null, 120L, List.of());
    }

    static Assertions.Seen stream(int chunks, boolean done, Long ttft) {
        return new Assertions.Seen(RequestCheck.Api.CHAT, 200, false, true, "", "", "", false, "Hello there", List.of(), "stop",
                null, true, chunks, done, ttft, 300L, List.of());
    }

    /** A refusal in the OpenAI error object. */
    static Assertions.Seen error(int status, String type, String code, String message) {
        return new Assertions.Seen(RequestCheck.Api.CHAT, status, true, false, "The gateway refused (HTTP " + status + ")",
                type, code, true, message, List.of(), null, null, false, null, null, null, null, List.of());
    }

    /** A refusal whose body is plain text (or a web page, or other JSON): no OpenAI error object. */
    static Assertions.Seen textError(int status, String text) {
        return new Assertions.Seen(RequestCheck.Api.CHAT, status, true, false, "The gateway refused (HTTP " + status + ")",
                "", "", false, text, List.of(), null, null, false, null, null, null, null, List.of());
    }

    static Assertions.Seen embeddings(int count, int dims) {
        List<Embedding> data = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            data.add(new Embedding(i, new float[dims], "float"));
        }
        return new Assertions.Seen(RequestCheck.Api.EMBEDDINGS, 200, false, true, "", "", "", false, "", List.of(), null,
                new Usage(4, 0, 4), false, null, null, null, 50L, data);
    }

    static final Usage USAGE = new Usage(1000, 500, 1500);
    static final Assertions.Seen TEXT = chat("The capital of France is Paris.", List.of(), "stop", USAGE);

    private record Decided(AssertionResult result, Judgement judgement) {
        AssertionResult.Status status() {
            return result.status();
        }
    }

    private static Decided decide(Assertion a, Assertions.Seen seen) {
        return decide(a, seen, PRICE);
    }

    private static Decided decide(Assertion a, Assertions.Seen seen, Optional<ModelPrice> price) {
        Judgement j = new Judgement();
        RequestCheck check = new RequestCheck("c", seen.api(), BODY, List.of(a), "");
        List<AssertionResult> results = Assertions.decide(check, BODY, seen, price, "m", j);
        assertThat(results).hasSize(1);
        return new Decided(results.get(0), j);
    }

    private static void holds(Assertion a, Assertions.Seen seen) {
        Decided d = decide(a, seen);
        assertThat(d.status()).as(a.describe() + ": " + d.result().evidence()).isEqualTo(AssertionResult.Status.PASS);
        assertThat(d.judgement().findings()).isEmpty();
        assertThat(d.result().evidence()).isNotBlank();
    }

    /** Fails, with its rule as a Fail breach in the check's judgement, and evidence containing {@code evidence}. */
    private static void fails(Assertion a, Assertions.Seen seen, String rule, String evidence) {
        Decided d = decide(a, seen);
        assertThat(d.status()).as(a.describe() + ": " + d.result().evidence()).isEqualTo(AssertionResult.Status.FAIL);
        assertThat(d.result().ruleId()).isEqualTo(rule);
        assertThat(d.result().evidence()).contains(evidence);
        Outcome o = d.judgement().decide(Rule.CHAT_SHAPE, "");
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.ruleId()).isEqualTo(rule);
        assertThat(o.reason()).startsWith(a.describe() + ": ").contains(evidence);
    }

    private static void notChecked(Assertion a, Assertions.Seen seen, Optional<ModelPrice> price, String why) {
        Decided d = decide(a, seen, price);
        assertThat(d.status()).as(a.describe() + ": " + d.result().evidence()).isEqualTo(AssertionResult.Status.NOT_CHECKED);
        assertThat(d.result().evidence()).contains(why);
        Outcome o = d.judgement().decide(Rule.CHAT_SHAPE, "all held");
        assertThat(o).as("an assertion that could not be checked is never a pass").isInstanceOf(Outcome.Error.class);
        assertThat(o.ruleId()).isEqualTo(a.kind().ruleId());
        assertThat(o.reason()).contains("could not be checked", why);
        assertThat(o.breaches()).extracting(RuleBreach::kind).containsExactly(RuleBreach.Kind.ERROR);
    }

    @Test
    void status() {
        holds(Assertion.text(Assertion.Kind.STATUS, "200"), TEXT);
        holds(Assertion.text(Assertion.Kind.STATUS, "4xx"), error(404, "invalid_request_error", "model_not_found", "no"));
        fails(Assertion.text(Assertion.Kind.STATUS, "200"), error(400, "invalid_request_error", "", "bad"), "ASSERT-STATUS",
                "HTTP 400");
        fails(Assertion.text(Assertion.Kind.STATUS, "4xx"), TEXT, "ASSERT-STATUS", "HTTP 200");
    }

    @Test
    void errorType() {
        holds(Assertion.text(Assertion.Kind.ERROR_TYPE, "model_not_found"), error(404, "invalid_request_error", "model_not_found", ""));
        holds(Assertion.text(Assertion.Kind.ERROR_TYPE, "invalid_request_error"), error(404, "invalid_request_error", "x", ""));
        fails(Assertion.text(Assertion.Kind.ERROR_TYPE, "rate_limit_error"), error(400, "invalid_request_error", "bad", ""),
                "ASSERT-ERROR-TYPE", "type \"invalid_request_error\", code \"bad\"");
        fails(Assertion.text(Assertion.Kind.ERROR_TYPE, "rate_limit_error"), TEXT, "ASSERT-ERROR-TYPE", "the request succeeded");
    }

    @Test
    void errorShape() {
        holds(Assertion.of(Assertion.Kind.ERROR_SHAPE), error(400, "invalid_request_error", "", "bad"));
        fails(Assertion.of(Assertion.Kind.ERROR_SHAPE), textError(400, "Bad Request"), "ASSERT-ERROR-SHAPE",
                "the HTTP 400 body is not an OpenAI error object");
        fails(Assertion.of(Assertion.Kind.ERROR_SHAPE), TEXT, "ASSERT-ERROR-SHAPE", "the request succeeded");
    }

    @Test
    void containsWithAndWithoutCase() {
        holds(Assertion.text(Assertion.Kind.CONTAINS, "Paris"), TEXT);
        holds(Assertion.textIgnoringCase(Assertion.Kind.CONTAINS, "PARIS"), TEXT);
        fails(Assertion.text(Assertion.Kind.CONTAINS, "PARIS"), TEXT, "ASSERT-CONTAINS", "does not contain it");
        holds(Assertion.text(Assertion.Kind.CONTAINS, "no such model"), error(404, "", "", "The model: no such model"));
    }

    @Test
    void notContainsWithAndWithoutCase() {
        holds(Assertion.text(Assertion.Kind.NOT_CONTAINS, "paris"), TEXT);
        fails(Assertion.textIgnoringCase(Assertion.Kind.NOT_CONTAINS, "paris"), TEXT, "ASSERT-NOT-CONTAINS",
                "found at character 26");
        fails(Assertion.text(Assertion.Kind.NOT_CONTAINS, "Paris"), TEXT, "ASSERT-NOT-CONTAINS", "France is Paris");
    }

    @Test
    void regex() {
        holds(Assertion.text(Assertion.Kind.REGEX, "(?i)capital\\s+of"), TEXT);
        fails(Assertion.text(Assertion.Kind.REGEX, "^\\d+$"), TEXT, "ASSERT-REGEX", "does not match");
    }

    @Test
    void equalsWithAndWithoutCase() {
        holds(Assertion.text(Assertion.Kind.EQUALS, "4"), chat("  4\n", List.of(), "stop", USAGE));
        holds(Assertion.textIgnoringCase(Assertion.Kind.EQUALS, "yes"), chat("YES", List.of(), "stop", USAGE));
        fails(Assertion.text(Assertion.Kind.EQUALS, "yes"), chat("YES", List.of(), "stop", USAGE), "ASSERT-EQUALS", "\"YES\"");
    }

    @Test
    void notEmptyFailsOnAnEmptyAnswer() {
        holds(Assertion.of(Assertion.Kind.NOT_EMPTY), TEXT);
        fails(Assertion.of(Assertion.Kind.NOT_EMPTY), chat("", List.of(), "stop", USAGE), "ASSERT-NOT-EMPTY",
                "the answer is empty (0 characters)");
        fails(Assertion.of(Assertion.Kind.NOT_EMPTY), chat(" \n ", List.of(), "stop", USAGE), "ASSERT-NOT-EMPTY",
                "the answer is empty (3 characters)");
    }

    @Test
    void isJsonAndValidAgainstASchema() {
        JsonObject schema = JsonParser.parseString("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
                + "\"required\":[\"city\"]}").getAsJsonObject();
        holds(Assertion.json(null), chat("[1, 2]", List.of(), "stop", USAGE));
        holds(Assertion.json(schema), chat("{\"city\":\"Paris\"}", List.of(), "stop", USAGE));
        fails(Assertion.json(null), chat("Sure! {\"a\":1}", List.of(), "stop", USAGE), "ASSERT-JSON", "not JSON");
        fails(Assertion.json(null), chat("hello", List.of(), "stop", USAGE), "ASSERT-JSON", "not JSON");
        fails(Assertion.json(null), chat("{\"a\":1} trailing", List.of(), "stop", USAGE), "ASSERT-JSON", "not JSON");
        fails(Assertion.json(schema), chat("{\"a\":", List.of(), "length", USAGE), "ASSERT-JSON", "cut off at the token limit");
        fails(Assertion.json(schema), chat("{\"town\":\"Paris\"}", List.of(), "stop", USAGE), "ASSERT-JSON-SCHEMA",
                "$: Object does not have some of the required properties [city]");
        fails(Assertion.json(schema), chat("{\"city\":5}", List.of(), "stop", USAGE), "ASSERT-JSON-SCHEMA", "$.city");
    }

    static final ToolCall GOOD_CALL = ToolCall.function("call_1", "get_weather", "{\"city\":\"Paris\"}");

    @Test
    void toolCallByNameAndCount() {
        Assertions.Seen one = chat("", List.of(GOOD_CALL), "tool_calls", USAGE);
        Assertions.Seen two = chat("", List.of(GOOD_CALL, ToolCall.function("call_2", "get_weather", "{\"city\":\"Oslo\"}")),
                "tool_calls", USAGE);
        holds(Assertion.toolCall("get_weather", null), one);
        holds(Assertion.toolCall("", 2), two);
        holds(Assertion.toolCall("ping", 0), one);
        fails(Assertion.toolCall("get_weather", null), TEXT, "ASSERT-TOOL-CALL", "no tool call was made");
        fails(Assertion.toolCall("get_weather", 1), two, "ASSERT-TOOL-CALL", "2 tool calls: get_weather({\"city\":\"Paris\"})");
        fails(Assertion.toolCall("ping", null), one, "ASSERT-TOOL-CALL", "1 tool call: get_weather");
    }

    @Test
    void toolArgsAgainstTheToolsOwnParametersSchema() {
        holds(Assertion.of(Assertion.Kind.TOOL_ARGS), chat("", List.of(GOOD_CALL), "tool_calls", USAGE));
        fails(Assertion.of(Assertion.Kind.TOOL_ARGS), chat("", List.of(ToolCall.function("c", "get_weather",
                "{\"town\":\"Paris\"}")), "tool_calls", USAGE), "ASSERT-TOOL-ARGS", "break its parameters schema");
        fails(Assertion.of(Assertion.Kind.TOOL_ARGS), chat("", List.of(ToolCall.function("c", "get_weather", "{city:")),
                "tool_calls", USAGE), "ASSERT-TOOL-ARGS", "are not JSON");
        fails(Assertion.of(Assertion.Kind.TOOL_ARGS), chat("", List.of(ToolCall.function("c", "delete_all", "{}")),
                "tool_calls", USAGE), "ASSERT-TOOL-ARGS", "calls a function the request does not offer");
        notChecked(Assertion.of(Assertion.Kind.TOOL_ARGS), TEXT, PRICE, "no tool call was made");
        notChecked(Assertion.of(Assertion.Kind.TOOL_ARGS), chat("", List.of(ToolCall.function("c", "ping", "{}")),
                "tool_calls", USAGE), PRICE, "declares no parameters schema for ping");
    }

    @Test
    void finishReason() {
        holds(Assertion.text(Assertion.Kind.FINISH_REASON, "stop"), TEXT);
        fails(Assertion.text(Assertion.Kind.FINISH_REASON, "tool_calls"), TEXT, "ASSERT-FINISH-REASON", "finish_reason \"stop\"");
    }

    @Test
    void usagePresent() {
        holds(Assertion.of(Assertion.Kind.USAGE), TEXT);
        fails(Assertion.of(Assertion.Kind.USAGE), chat("x", List.of(), "stop", null), "ASSERT-USAGE", "carries no usage");
    }

    @Test
    void streamedTtftChunksAndDone() {
        holds(Assertion.number(Assertion.Kind.TTFT, 500), stream(5, true, 120L));
        fails(Assertion.number(Assertion.Kind.TTFT, 100), stream(5, true, 120L), "ASSERT-TTFT", "first token after 120 ms");
        notChecked(Assertion.number(Assertion.Kind.TTFT, 100), stream(5, true, null), PRICE, "no content arrived");
        holds(Assertion.number(Assertion.Kind.CHUNKS, 5), stream(5, true, 10L));
        fails(Assertion.number(Assertion.Kind.CHUNKS, 6), stream(5, true, 10L), "ASSERT-CHUNKS", "5 chunks");
        holds(Assertion.of(Assertion.Kind.DONE), stream(5, true, 10L));
        fails(Assertion.of(Assertion.Kind.DONE), stream(5, false, 10L), "ASSERT-DONE", "without data: [DONE] after 5 chunks");
    }

    @Test
    void latencyTokensAndCost() {
        holds(Assertion.number(Assertion.Kind.LATENCY, 120), TEXT);
        fails(Assertion.number(Assertion.Kind.LATENCY, 119), TEXT, "ASSERT-LATENCY", "answered in 120 ms");
        holds(Assertion.number(Assertion.Kind.TOKENS, 1500), TEXT);
        fails(Assertion.number(Assertion.Kind.TOKENS, 1499), TEXT, "ASSERT-TOKENS", "1500 tokens (1000 prompt + 500 completion)");
        notChecked(Assertion.number(Assertion.Kind.TOKENS, 10), chat("x", List.of(), "stop", null), PRICE, "no usage");
        // 1000 × $1/1M + 500 × $2/1M = $0.002
        holds(Assertion.number(Assertion.Kind.COST, 0.002), TEXT);
        fails(Assertion.number(Assertion.Kind.COST, 0.0019), TEXT, "ASSERT-COST", "$0.002000 for 1500 tokens");
    }

    @Test
    void aCostWithoutPricesIsNeverPassed() {
        notChecked(Assertion.number(Assertion.Kind.COST, 1000), TEXT, Optional.empty(), "the plan has no price for m");
        notChecked(Assertion.number(Assertion.Kind.COST, 1000), chat("x", List.of(), "stop", null), PRICE, "no usage");
    }

    @Test
    void embeddingDimensionsAndCount() {
        holds(Assertion.number(Assertion.Kind.EMBEDDING_DIMENSIONS, 8), embeddings(2, 8));
        fails(Assertion.number(Assertion.Kind.EMBEDDING_DIMENSIONS, 1536), embeddings(2, 8), "ASSERT-EMB-DIMENSIONS",
                "vectors of 8 dimensions");
        fails(Assertion.number(Assertion.Kind.EMBEDDING_DIMENSIONS, 8), embeddings(0, 8), "ASSERT-EMB-DIMENSIONS", "no embedding");
        holds(Assertion.number(Assertion.Kind.EMBEDDING_COUNT, 2), embeddings(2, 8));
        fails(Assertion.number(Assertion.Kind.EMBEDDING_COUNT, 3), embeddings(2, 8), "ASSERT-EMB-COUNT", "2 embeddings");
    }

    /** A family answer: images in these formats, a speech content type, moderation results flagged so. */
    static Assertions.Seen family(RequestCheck.Api api, List<String> images, String contentType, List<Boolean> flagged) {
        return new Assertions.Seen(api, 200, false, true, "", "", "", false, "", List.of(), null, null, false, null,
                null, null, 80L, List.of(), new Assertions.Media(images, contentType, flagged));
    }

    @Test
    void imageCountAndFormat() {
        Assertions.Seen two = family(RequestCheck.Api.IMAGES, List.of("b64_json", "b64_json"), null, null);
        holds(Assertion.number(Assertion.Kind.IMAGE_COUNT, 2), two);
        fails(Assertion.number(Assertion.Kind.IMAGE_COUNT, 3), two, "ASSERT-IMG-COUNT", "2 images in data[]");
        holds(Assertion.text(Assertion.Kind.IMAGE_FORMAT, "b64_json"), two);
        fails(Assertion.text(Assertion.Kind.IMAGE_FORMAT, "url"), family(RequestCheck.Api.IMAGES,
                List.of("url", "b64_json"), null, null), "ASSERT-IMG-FORMAT", "the images came as url, b64_json");
        fails(Assertion.text(Assertion.Kind.IMAGE_FORMAT, "url"), family(RequestCheck.Api.IMAGES, List.of(), null,
                null), "ASSERT-IMG-FORMAT", "data[] holds no image");
        notChecked(Assertion.number(Assertion.Kind.IMAGE_COUNT, 1), TEXT, PRICE, "not an images answer");
    }

    @Test
    void speechContentType() {
        Assertions.Seen wav = family(RequestCheck.Api.SPEECH, null, "audio/wav; charset=binary", null);
        holds(Assertion.text(Assertion.Kind.CONTENT_TYPE, "audio/wav"), wav);
        fails(Assertion.text(Assertion.Kind.CONTENT_TYPE, "audio/mpeg"), wav, "ASSERT-CONTENT-TYPE",
                "content type \"audio/wav; charset=binary\"");
        fails(Assertion.text(Assertion.Kind.CONTENT_TYPE, "audio/mpeg"), family(RequestCheck.Api.SPEECH, null, "", null),
                "ASSERT-CONTENT-TYPE", "the answer has no content type");
    }

    @Test
    void moderationCountAndFlagged() {
        Assertions.Seen calm = family(RequestCheck.Api.MODERATIONS, null, null, List.of(false, false));
        holds(Assertion.number(Assertion.Kind.MODERATION_COUNT, 2), calm);
        fails(Assertion.number(Assertion.Kind.MODERATION_COUNT, 1), calm, "ASSERT-MOD-COUNT", "2 results");
        holds(Assertion.text(Assertion.Kind.FLAGGED, "false"), calm);
        fails(Assertion.text(Assertion.Kind.FLAGGED, "true"), calm, "ASSERT-FLAGGED", "flagged [false, false]");
        notChecked(Assertion.text(Assertion.Kind.FLAGGED, "true"), family(RequestCheck.Api.MODERATIONS, null, null,
                java.util.Arrays.asList(true, null)), PRICE, "a result has no boolean flagged");
    }

    @Test
    void aPricePerRequestNeedsNoUsage() {
        Assertions.Seen speech = family(RequestCheck.Api.SPEECH, null, "audio/mpeg", null);
        Optional<ModelPrice> perRequest = Optional.of(new ModelPrice("m", 0, 0, 0.04, "typed"));
        Decided d = decide(Assertion.number(Assertion.Kind.COST, 0.05), speech, perRequest);
        assertThat(d.status()).isEqualTo(AssertionResult.Status.PASS);
        assertThat(d.result().evidence()).isEqualTo("$0.040000 a request at typed prices");
        notChecked(Assertion.number(Assertion.Kind.COST, 1), speech, PRICE, "no usage");
    }

    @Test
    void aFailedRequestLeavesAnswerAssertionsUncheckedAndAFailDecidesOverThem() {
        Judgement j = new Judgement();
        RequestCheck check = new RequestCheck("c", RequestCheck.Api.CHAT, BODY, List.of(
                Assertion.text(Assertion.Kind.STATUS, "200"), Assertion.of(Assertion.Kind.USAGE)), "");
        List<AssertionResult> results = Assertions.decide(check, BODY, error(503, "server_error", "", "down"), PRICE, "m", j);
        assertThat(results).extracting(AssertionResult::status)
                .containsExactly(AssertionResult.Status.FAIL, AssertionResult.Status.NOT_CHECKED);
        assertThat(results.get(1).evidence()).contains("the request failed (HTTP 503)");
        Outcome o = j.decide(Rule.CHAT_SHAPE, "");
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.ruleId()).isEqualTo("ASSERT-STATUS");
        assertThat(o.breaches()).extracting(RuleBreach::ruleId, RuleBreach::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ASSERT-STATUS", RuleBreach.Kind.FAIL),
                org.assertj.core.groups.Tuple.tuple("ASSERT-USAGE", RuleBreach.Kind.ERROR));
    }

    @Test
    void everyKindHasItsRuleInTheCatalogAndATestHere() throws Exception {
        String source = java.nio.file.Files.readString(java.nio.file.Path.of(
                "src/test/java/ai/flatkey/migrate/smoke/AssertionsTest.java"));
        for (Assertion.Kind k : Assertion.Kind.values()) {
            assertThat(Rule.byId(k.ruleId())).as(k + " has its rule").isPresent();
            assertThat(source).as(k + " is made to fail here").contains("fails(" + call(k));
        }
    }

    private static String call(Assertion.Kind k) {
        return switch (k.arg()) {
            case NONE -> "Assertion.of(Assertion.Kind." + k.name() + ")";
            case SCHEMA -> "Assertion.json(";
            case TOOL -> "Assertion.toolCall(";
            case NUMBER, WHOLE_NUMBER -> "Assertion.number(Assertion.Kind." + k.name();
            case TEXT -> "Assertion.text(Assertion.Kind." + k.name();
        };
    }
}
