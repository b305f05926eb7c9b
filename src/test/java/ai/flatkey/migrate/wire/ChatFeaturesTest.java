package ai.flatkey.migrate.wire;

import static ai.flatkey.migrate.wire.Fixtures.MODEL;
import static ai.flatkey.migrate.wire.Fixtures.client;
import static ai.flatkey.migrate.wire.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Chat requests with tools, JSON modes, images, roles and extra fields; answers with tool calls. */
class ChatFeaturesTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    private static final String WEATHER_SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
            + "\"required\":[\"city\"]}";

    static final String TOOL_ANSWER = "{\"id\":\"chatcmpl-t\",\"object\":\"chat.completion\",\"created\":1700000000,"
            + "\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
            + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}},{\"id\":\"call_2\",\"type\":\"function\",\"function\":"
            + "{\"name\":\"get_time\",\"arguments\":{\"tz\":\"CET\"}}}]},\"finish_reason\":\"tool_calls\"}],"
            + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":10,\"total_tokens\":30}}";

    private JsonObject sentBody() throws InterruptedException {
        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        return JsonParser.parseString(recorded.getBody().utf8()).getAsJsonObject();
    }

    @Test
    void everyOptionIsSentAsTheSpecSpellsIt() throws Exception {
        server.enqueue(json(200, TOOL_ANSWER));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("a", 1);
        ChatRequest request = ChatRequest.builder(MODEL)
                .developer("Answer with tools.")
                .message(ChatMessage.user(List.of(ContentPart.text("What is in this picture?"),
                        new ContentPart.ImageUrl("https://example.test/cat.png", "low"),
                        ContentPart.imageData("image/png", new byte[] {1, 2, 3}))))
                .maxCompletionTokens(50).seed(42L).temperature(0.0)
                .tool(new Tool("get_weather", "Weather for a city", WEATHER_SCHEMA, true))
                .toolChoice(ToolChoice.function("get_weather")).parallelToolCalls(false)
                .responseFormat(ResponseFormat.jsonSchema("weather", WEATHER_SCHEMA, true))
                .extra("logit_bias_x", nested).extra("user", null)
                .build();

        client(server, "/v1").chat(request, null);

        JsonObject body = sentBody();
        JsonArray messages = body.getAsJsonArray("messages");
        assertThat(messages.get(0).toString()).isEqualTo("{\"role\":\"developer\",\"content\":\"Answer with tools.\"}");
        assertThat(messages.get(1).toString()).isEqualTo("{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"What is in this picture?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.test/cat.png\",\"detail\":\"low\"}},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AQID\"}}]}");
        assertThat(body.get("max_completion_tokens").getAsInt()).isEqualTo(50);
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.get("seed").getAsLong()).isEqualTo(42);
        assertThat(body.get("tools").toString()).isEqualTo("[{\"type\":\"function\",\"function\":{\"name\":"
                + "\"get_weather\",\"description\":\"Weather for a city\",\"parameters\":" + WEATHER_SCHEMA
                + ",\"strict\":true}}]");
        assertThat(body.get("tool_choice").toString())
                .isEqualTo("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}");
        assertThat(body.get("parallel_tool_calls").getAsBoolean()).isFalse();
        assertThat(body.get("response_format").toString()).isEqualTo("{\"type\":\"json_schema\",\"json_schema\":"
                + "{\"name\":\"weather\",\"schema\":" + WEATHER_SCHEMA + ",\"strict\":true}}");
        assertThat(body.get("logit_bias_x").toString()).isEqualTo("{\"a\":1}");
        assertThat(body.get("user").isJsonNull()).as("an extra null is sent as JSON null").isTrue();
    }

    @Test
    void simpleModesAndMaxTokens() throws Exception {
        server.enqueue(json(200, TOOL_ANSWER));
        client(server, "/v1").chat(ChatRequest.builder(MODEL).system("s").user("u").maxTokens(5)
                .toolChoice(ToolChoice.required()).responseFormat(ResponseFormat.jsonObject()).build(), null);

        JsonObject body = sentBody();
        assertThat(body.get("max_tokens").getAsInt()).isEqualTo(5);
        assertThat(body.get("tool_choice").getAsString()).isEqualTo("required");
        assertThat(body.get("response_format").toString()).isEqualTo("{\"type\":\"json_object\"}");
        assertThat(body.getAsJsonArray("messages").get(0).getAsJsonObject().get("role").getAsString())
                .isEqualTo("system");
    }

    @Test
    void extraFieldsOverrideTheStandardOnesForNegativeChecks() throws Exception {
        server.enqueue(json(200, TOOL_ANSWER));
        ChatRequest request = ChatRequest.simple(MODEL, "hi", false).toBuilder().temperature(0.5)
                .extra("temperature", "hot").extra("frobnicate", true).build();

        client(server, "/v1").chat(request, null);

        JsonObject body = sentBody();
        assertThat(body.get("temperature").getAsString()).isEqualTo("hot");
        assertThat(body.get("frobnicate").getAsBoolean()).isTrue();
    }

    @Test
    void aToolRoundTripSendsTheAssistantCallsAndTheToolAnswer() throws Exception {
        server.enqueue(json(200, TOOL_ANSWER));
        ChatRequest request = ChatRequest.builder(MODEL).user("Weather in Paris?")
                .message(ChatMessage.assistant(null, List.of(ToolCall.function("call_1", "get_weather",
                        "{\"city\":\"Paris\"}"))))
                .message(ChatMessage.tool("call_1", "{\"temp_c\":21}"))
                .tool(Tool.function("get_weather", null, WEATHER_SCHEMA)).build();

        client(server, "/v1").chat(request, null);

        JsonArray messages = sentBody().getAsJsonArray("messages");
        assertThat(messages.get(1).toString()).isEqualTo("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":"
                + "[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":"
                + "\"{\\\"city\\\":\\\"Paris\\\"}\"}}]}");
        assertThat(messages.get(2).toString())
                .isEqualTo("{\"role\":\"tool\",\"content\":\"{\\\"temp_c\\\":21}\",\"tool_call_id\":\"call_1\"}");
    }

    @Test
    void toolCallsAndShapeOfANonStreamedAnswer() throws Exception {
        server.enqueue(json(200, TOOL_ANSWER));

        ChatResult r = client(server, "/v1").chat(ChatRequest.simple(MODEL, "hi", false), null);

        assertThat(r.finishReason()).isEqualTo("tool_calls");
        assertThat(r.content()).isEmpty();
        assertThat(r.toolCalls()).containsExactly(
                new ToolCall(0, "call_1", "function", "get_weather", "{\"city\":\"Paris\"}", true),
                new ToolCall(1, "call_2", "function", "get_time", "{\"tz\":\"CET\"}", false));
        assertThat(r.shape()).isEqualTo(new ChatShape("chat.completion", 1_700_000_000L, "assistant", 1, 0, true));
        assertThat(r.trace()).isNull();
    }

    @Test
    void invalidSchemaTextIsRefusedBeforeSending() {
        ChatRequest request = ChatRequest.builder(MODEL).user("x").tool(Tool.function("f", null, "{not json")).build();

        assertThatThrownBy(() -> client(server, "/v1").chat(request, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The parameters of tool \"f\" is not valid JSON");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void curlForEveryEndpointCarriesTheBodyAndNeverTheKey() {
        OpenAiClient client = client(server, "/v1");
        String responses = client.curl(ResponsesRequest.simple(MODEL, "hello", true), "FLATKEY_API_KEY");
        String embeddings = client.curl(EmbeddingsRequest.of("emb-1", "hello", "base64"), "FLATKEY_API_KEY");
        String models = client.curlModels("FLATKEY_API_KEY");

        assertThat(responses).startsWith("curl -sS -N '" + server.url("/v1/responses") + "'")
                .contains("-d '{\"model\":\"gpt-test\",\"input\":\"hello\",\"stream\":true}'")
                .doesNotContain(Fixtures.KEY);
        assertThat(embeddings).contains("-d '{\"model\":\"emb-1\",\"input\":\"hello\",\"encoding_format\":\"base64\"}'");
        assertThat(models).isEqualTo("curl -sS '" + server.url("/v1/models") + "' \\\n"
                + "  -H \"Authorization: Bearer $FLATKEY_API_KEY\" \\\n  -H 'Accept: application/json'");
    }
}
