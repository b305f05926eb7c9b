package ai.flatkey.migrate.peer;

import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.ChatMessage;
import ai.flatkey.migrate.wire.ChatRequest;
import ai.flatkey.migrate.wire.ChatResult;
import ai.flatkey.migrate.wire.ClientConfig;
import ai.flatkey.migrate.wire.ModelList;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.ResponseFormat;
import ai.flatkey.migrate.wire.StreamChunk;
import ai.flatkey.migrate.wire.Tool;
import ai.flatkey.migrate.wire.ToolCall;
import ai.flatkey.migrate.wire.ToolCallDelta;
import ai.flatkey.migrate.wire.ToolChoice;
import ai.flatkey.migrate.wire.Transcript;
import ai.flatkey.migrate.wire.Usage;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code wire/} against aimock, a mock gateway nobody here wrote: models, chat, streams, tools, JSON modes. */
@ExtendWith(AimockExtension.class)
class AimockChatTest {
    private static final String WEATHER_SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
            + "\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}},\"required\":[\"city\"]}";
    private static OpenAiClient client;

    @BeforeAll
    static void connect(Aimock aimock) {
        client = new OpenAiClient(OpenAiClient.newHttpClient(), ClientConfig.of(aimock.baseUrl(), Aimock.KEY));
    }

    @Test
    void listsTheModelsItsFixturesName() throws Exception {
        ModelList models = client.listModels(new Cancellation());
        assertThat(models.status()).isEqualTo(200);
        assertThat(models.object()).isEqualTo("list");
        assertThat(models.models()).extracting("id").contains("gpt-missing", "text-embedding-missing");
        assertThat(models.models()).allSatisfy(m -> {
            assertThat(m.ownedBy()).isEqualTo("aimock");
            assertThat(m.object()).isEqualTo("model");
            assertThat(m.created()).isEqualTo(1686935002L);
        });
        assertThat(models.requestId()).startsWith("req-");
        assertThat(models.transcript().responseBody()).contains("\"object\":\"list\"");
    }

    @Test
    void plainChatReadsContentUsageAndShape() throws Exception {
        ChatResult r = client.chat(ChatRequest.builder("gpt-4o-mini").system("Be brief.").user("Please say hello")
                .maxTokens(50).temperature(0.0).build(), new Cancellation());
        assertThat(r.content()).isEqualTo("Hello from aimock, a server nobody on this project wrote.");
        assertThat(r.finishReason()).isEqualTo("stop");
        assertThat(r.usage()).isEqualTo(new Usage(9, 12, 21));
        assertThat(r.model()).isEqualTo("gpt-4o-mini");
        assertThat(r.id()).startsWith("chatcmpl-");
        assertThat(r.shape().object()).isEqualTo("chat.completion");
        assertThat(r.shape().role()).isEqualTo("assistant");
        assertThat(r.shape().choiceCount()).isEqualTo(1);
        assertThat(r.requestId()).startsWith("req-").isEqualTo(r.headers().requestId());
        assertThat(r.streamed()).isFalse();
        Transcript t = r.transcript();
        assertThat(t.method()).isEqualTo("POST");
        assertThat(t.url()).endsWith("/v1/chat/completions");
        assertThat(t.requestBody()).contains("\"max_tokens\":50").contains("\"role\":\"system\"");
        assertThat(t.render()).doesNotContain(Aimock.KEY);
    }

    @Test
    void developerRoleAndMaxCompletionTokensAreAccepted() throws Exception {
        ChatResult r = client.chat(ChatRequest.builder("gpt-4o-mini").developer("Answer in one line.")
                .user("say hello").maxCompletionTokens(40).build(), new Cancellation());
        assertThat(r.content()).startsWith("Hello from aimock");
        assertThat(r.transcript().requestBody()).contains("\"role\":\"developer\"")
                .contains("\"max_completion_tokens\":40");
    }

    @Test
    void streamArrivesChunkByChunkWithUsageAndDone() throws Exception {
        List<StreamChunk> chunks = new ArrayList<>();
        ChatResult r = client.streamChat(ChatRequest.builder("gpt-4o-mini").user("say hello").stream(true)
                .includeUsage(true).build(), chunks::add, new Cancellation());
        assertThat(r.streamed()).isTrue();
        assertThat(r.sawDone()).isTrue();
        assertThat(r.content()).isEqualTo("Hello from aimock, a server nobody on this project wrote.");
        assertThat(String.join("", chunks.stream().map(StreamChunk::contentDelta).toList())).isEqualTo(r.content());
        assertThat(chunks.stream().filter(c -> !c.contentDelta().isEmpty()).count()).isGreaterThan(1);
        assertThat(r.usage()).isEqualTo(new Usage(9, 12, 21));
        assertThat(chunks.get(chunks.size() - 1).usage()).isEqualTo(r.usage());
        assertThat(r.finishReason()).isEqualTo("stop");
        assertThat(r.chunkCount()).isEqualTo(chunks.size());
        assertThat(r.trace().sawDone()).isTrue();
        assertThat(r.trace().chunks()).allSatisfy(c -> assertThat(c.object()).isEqualTo("chat.completion.chunk"));
        // The raw events are in the transcript, the last one [DONE].
        List<Transcript.RawEvent> events = r.transcript().events();
        assertThat(events).hasSize(chunks.size() + 1);
        assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
        assertThat(r.transcript().requestBody()).contains("\"stream\":true").contains("\"include_usage\":true");
    }

    @Test
    void streamTimingSeesTheServersFirstTokenDelay() throws Exception {
        // The fixture waits 150 ms before the first chunk, then 10 ms per chunk (100 chunks per second).
        ChatResult r = client.streamChat(ChatRequest.builder("gpt-4o-mini").user("slow first token").stream(true)
                .build(), c -> { }, new Cancellation());
        assertThat(r.timing().ttftMs()).isGreaterThanOrEqualTo(150L);
        assertThat(r.timing().totalMs()).isGreaterThanOrEqualTo(r.timing().ttftMs());
        assertThat(r.timing().gapsMs()).isNotEmpty();
        assertThat(r.timing().gapP50Ms()).isBetween(5L, 100L);
        assertThat(r.content()).isEqualTo("A first token that takes its time, then a steady pace for the rest of the "
                + "answer.");
    }

    @Test
    void toolCallsPlainAreReadInOrder() throws Exception {
        ChatResult r = client.chat(weatherRequest(false), new Cancellation());
        assertThat(r.finishReason()).isEqualTo("tool_calls");
        assertThat(r.toolCalls()).containsExactly(
                new ToolCall(0, "call_paris", "function", "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}", true),
                new ToolCall(1, "call_oslo", "function", "get_weather", "{\"city\":\"Oslo\",\"unit\":\"celsius\"}", true));
        assertThat(r.transcript().requestBody()).contains("\"tool_choice\":\"auto\"").contains("\"get_weather\"");
    }

    @Test
    void streamedToolCallFragmentsAreReassembledByIndex() throws Exception {
        List<ToolCallDelta> deltas = new ArrayList<>();
        ChatResult r = client.streamChat(weatherRequest(true), c -> deltas.addAll(c.toolCallDeltas()),
                new Cancellation());
        // aimock splits each call's arguments over several chunks: only reassembly by index gives valid JSON.
        assertThat(deltas.size()).isGreaterThan(2);
        assertThat(deltas).allSatisfy(d -> assertThat(d.index()).isNotNull());
        assertThat(deltas.stream().filter(d -> d.id() != null).map(ToolCallDelta::id).toList())
                .containsExactly("call_paris", "call_oslo");
        assertThat(r.toolCalls()).containsExactly(
                new ToolCall(0, "call_paris", "function", "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}", true),
                new ToolCall(1, "call_oslo", "function", "get_weather", "{\"city\":\"Oslo\",\"unit\":\"celsius\"}", true));
        for (ToolCall c : r.toolCalls()) {
            assertThat(JsonParser.parseString(c.arguments()).getAsJsonObject().get("unit").getAsString())
                    .isEqualTo("celsius");
        }
        assertThat(r.finishReason()).isEqualTo("tool_calls");
        assertThat(r.sawDone()).isTrue();
        assertThat(r.content()).isEmpty();
    }

    @Test
    void toolResultRoundTripIsSentAsTheSpecSays() throws Exception {
        ChatResult first = client.chat(weatherRequest(false), new Cancellation());
        ToolCall call = first.toolCalls().get(0);
        ChatRequest second = weatherRequest(false).toBuilder()
                .message(ChatMessage.assistant(null, List.of(ToolCall.function(call.id(), call.name(), call.arguments()))))
                .message(ChatMessage.tool(call.id(), "{\"temperature_c\":21}"))
                .build();
        ChatResult r = client.chat(second, new Cancellation());
        // aimock still matches the tool fixture; what matters is that it accepted the tool-result turn.
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.transcript().requestBody()).contains("\"tool_call_id\":\"call_paris\"")
                .contains("\"role\":\"tool\"");
    }

    @Test
    void jsonObjectModeReturnsParseableJson() throws Exception {
        ChatResult r = client.chat(ChatRequest.builder("gpt-4o-mini").user("Weather in Oslo as JSON")
                .responseFormat(ResponseFormat.jsonObject()).build(), new Cancellation());
        JsonObject o = JsonParser.parseString(r.content()).getAsJsonObject();
        assertThat(o.get("city").getAsString()).isEqualTo("Oslo");
        assertThat(o.get("temperature_c").getAsInt()).isEqualTo(9);
        assertThat(r.transcript().requestBody()).contains("\"response_format\":{\"type\":\"json_object\"}");
    }

    @Test
    void jsonSchemaModeStreamedReturnsParseableJson() throws Exception {
        String schema = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"temperature_c\":"
                + "{\"type\":\"number\"},\"conditions\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"
                + "\"required\":[\"city\",\"temperature_c\",\"conditions\"],\"additionalProperties\":false}";
        ChatRequest request = ChatRequest.builder("gpt-4o-mini").user("Weather in Paris")
                .responseFormat(ResponseFormat.jsonSchema("weather", schema, true)).stream(true).build();
        ChatResult streamed = client.streamChat(request, c -> { }, new Cancellation());
        ChatResult plain = client.chat(request, new Cancellation());
        assertThat(streamed.content()).isEqualTo(plain.content());
        JsonObject o = JsonParser.parseString(streamed.content()).getAsJsonObject();
        assertThat(o.get("city").getAsString()).isEqualTo("Paris");
        assertThat(o.getAsJsonArray("conditions")).hasSize(2);
        assertThat(plain.transcript().requestBody()).contains("\"type\":\"json_schema\"").contains("\"name\":\"weather\"")
                .contains("\"strict\":true");
    }

    @Test
    void curlEquivalentNamesTheKeyVariableNotTheKey() {
        String curl = client.curl(ChatRequest.builder("gpt-4o-mini").user("say hello").stream(true).build(),
                "AIMOCK_KEY");
        assertThat(curl).contains("-N").contains("$AIMOCK_KEY").contains("/v1/chat/completions")
                .doesNotContain(Aimock.KEY);
    }

    private static ChatRequest weatherRequest(boolean stream) {
        return ChatRequest.builder("gpt-4o-mini").user("What is the weather in Paris and Oslo?")
                .tool(Tool.function("get_weather", "Current weather for a city", WEATHER_SCHEMA))
                .toolChoice(ToolChoice.auto()).stream(stream).build();
    }
}
