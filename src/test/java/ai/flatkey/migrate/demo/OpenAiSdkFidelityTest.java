package ai.flatkey.migrate.demo;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.StructuredChatCompletion;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fidelity of the demo gateway, judged by a client nobody here wrote: the official openai-java SDK, with its
 * response validation on (every required field present and typed as the OpenAI spec says) and its own stream
 * accumulators.
 */
class OpenAiSdkFidelityTest {

    private static DemoGateway gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0));
        client = sdk(DemoGateway.DEMO_KEY);
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
    }

    private static OpenAIClient sdk(String key) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(gateway.baseUrl())
                .apiKey(key)
                .maxRetries(0)
                .responseValidation(true)
                .timeout(Duration.ofSeconds(20))
                .build();
    }

    @Test
    void listsModels() {
        List<String> ids = new ArrayList<>();
        for (Model model : client.models().list().autoPager()) {
            ids.add(model.id());
            assertThat(model.ownedBy()).isNotBlank();
            assertThat(model.created()).isPositive();
        }
        assertThat(ids).containsExactlyElementsOf(gateway.modelIds());
        assertThat(client.models().retrieve("gpt-4o-mini").id()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void answersAChatCompletion() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addDeveloperMessage("Answer briefly.")
                .addUserMessage("Hello from the official SDK")
                .temperature(0.2).seed(7).maxCompletionTokens(200L)
                .build());

        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(text ->
                assertThat(text).contains("you said \"Hello from the official SDK\""));
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        var usage = completion.usage().orElseThrow();
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    }

    @Test
    void streamsWithUsageAndTheSdkAccumulatesIt() {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder()
                        .model("claude-haiku-4.5")
                        .addUserMessage("Stream this please")
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                        .build())) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                accumulator.accumulate(chunk);
            });
        }

        ChatCompletion whole = accumulator.chatCompletion();
        assertThat(chunks.size()).isGreaterThan(5);
        assertThat(chunks.get(chunks.size() - 1).choices()).isEmpty();
        assertThat(chunks.get(chunks.size() - 1).usage()).isPresent();
        assertThat(whole.choices().get(0).message().content().orElseThrow())
                .startsWith("Demo gateway reply from claude-haiku-4.5: you said \"Stream this please\"");
        assertThat(whole.usage().orElseThrow().completionTokens()).isEqualTo(chunks.size() - 3);
    }

    @Test
    void streamsParallelToolCallsTheSdkReassembles() {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder()
                        .model("gpt-4.1-mini")
                        .addUserMessage("What is the weather and the local time in Lisbon?")
                        .addFunctionTool(function("get_weather", "city", "unit"))
                        .addFunctionTool(function("get_local_time", "city", "timezone"))
                        .parallelToolCalls(true)
                        .build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        ChatCompletion whole = accumulator.chatCompletion();
        assertThat(whole.choices().get(0).finishReason())
                .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        List<ChatCompletionMessageFunctionToolCall> calls = whole.choices().get(0).message().toolCalls()
                .orElseThrow().stream().map(call -> call.asFunction()).toList();
        assertThat(calls).extracting(call -> call.function().name()).containsExactly("get_weather",
                "get_local_time");
        assertThat(calls).extracting(ChatCompletionMessageFunctionToolCall::id).allMatch(id -> id.startsWith("call_"))
                .doesNotHaveDuplicates();
        JsonObject arguments = JsonParser.parseString(calls.get(0).function().arguments()).getAsJsonObject();
        assertThat(arguments.get("city").getAsString()).isEqualTo("Lisbon");
        assertThat(arguments.has("unit")).isTrue();
    }

    @Test
    void answersAToolResultFollowUpInText() {
        ChatCompletion first = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addUserMessage("What is the weather in Oslo?")
                .addFunctionTool(function("get_weather", "city", "unit"))
                .build());
        var message = first.choices().get(0).message();
        String callId = message.toolCalls().orElseThrow().get(0).asFunction().id();

        ChatCompletion second = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addUserMessage("What is the weather in Oslo?")
                .addFunctionTool(function("get_weather", "city", "unit"))
                .addMessage(message)
                .addMessage(com.openai.models.chat.completions.ChatCompletionToolMessageParam.builder()
                        .toolCallId(callId).content("{\"temperature\": 4, \"sky\": \"snow\"}").build())
                .build());

        assertThat(second.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(second.choices().get(0).message().content().orElseThrow()).contains("the tools returned 1 result");
    }

    /** A class the SDK turns into a strict json_schema and parses the answer back into. */
    public static class Forecast {
        @JsonPropertyDescription("the city the forecast is for")
        public String city;
        public double temperature;
        public long humidity;
        public boolean sunny;
        public List<String> warnings;
    }

    @Test
    void honoursJsonSchemaThroughTheSdksStructuredOutputs() {
        StructuredChatCompletion<Forecast> completion = client.chat().completions().create(
                ChatCompletionCreateParams.builder()
                        .model("gpt-5.5")
                        .addUserMessage("Give me the forecast for Madrid")
                        .responseFormat(Forecast.class)
                        .build());

        Forecast forecast = completion.choices().get(0).message().content().orElseThrow();
        assertThat(forecast.city).isEqualTo("Madrid");
        assertThat(forecast.warnings).hasSize(1);
    }

    @Test
    void honoursJsonObject() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addUserMessage("Reply in JSON, please")
                .responseFormat(ResponseFormatJsonObject.builder().build())
                .build());

        String content = completion.choices().get(0).message().content().orElseThrow();
        assertThat(JsonParser.parseString(content).isJsonObject()).isTrue();
    }

    @Test
    void answersTheResponsesApi() {
        Response response = client.responses().create(ResponseCreateParams.builder()
                .model("gpt-5.5")
                .instructions("Be brief.")
                .input("Hello, Responses API")
                .build());

        assertThat(response.status()).hasValue(ResponseStatus.COMPLETED);
        String text = response.output().get(0).asMessage().content().get(0).asOutputText().text();
        assertThat(text).contains("you said \"Hello, Responses API\"");
        var usage = response.usage().orElseThrow();
        assertThat(usage.totalTokens()).isEqualTo(usage.inputTokens() + usage.outputTokens());
    }

    @Test
    void streamsTheResponsesApiTheSdkAccumulates() {
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
                ResponseCreateParams.builder().model("gemini-2.5-flash").input("Stream the Responses API").build())) {
            stream.stream().forEach(event -> {
                events.add(event);
                accumulator.accumulate(event);
            });
        }

        assertThat(events.get(0).isCreated()).isTrue();
        assertThat(events.get(events.size() - 1).isCompleted()).isTrue();
        StringBuilder deltas = new StringBuilder();
        long previous = -1;
        for (ResponseStreamEvent event : events) {
            if (event.isOutputTextDelta()) {
                assertThat(event.asOutputTextDelta().sequenceNumber()).isGreaterThan(previous);
                previous = event.asOutputTextDelta().sequenceNumber();
                deltas.append(event.asOutputTextDelta().delta());
            }
        }
        Response whole = accumulator.response();
        String text = whole.output().get(0).asMessage().content().get(0).asOutputText().text();
        assertThat(text).isEqualTo(deltas.toString()).contains("you said \"Stream the Responses API\"");
        assertThat(whole.usage().orElseThrow().outputTokens()).isEqualTo(events.stream()
                .filter(ResponseStreamEvent::isOutputTextDelta).count());
    }

    @Test
    void embedsAsFloatsAndAsTheSdksDefaultBase64() {
        CreateEmbeddingResponse floats = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("the same text")
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());
        CreateEmbeddingResponse base64 = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("the same text").build());

        List<Float> fromFloats = floats.data().get(0).embedding();
        List<Float> fromBase64 = base64.data().get(0).embedding();
        assertThat(fromFloats).hasSize(EmbeddingsApi.DIMENSIONS);
        assertThat(fromBase64).isEqualTo(fromFloats);
        double norm = Math.sqrt(fromFloats.stream().mapToDouble(v -> v * v).sum());
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(floats.usage().promptTokens()).isPositive();
    }

    @Test
    void raisesTheSdksTypedErrors() {
        OpenAIClient wrongKey = sdk(TestHttp.FAKE_WRONG_KEY);
        try {
            assertThatThrownBy(() -> wrongKey.models().list())
                    .isInstanceOf(UnauthorizedException.class)
                    .hasMessageContaining("Incorrect API key provided");
        } finally {
            wrongKey.close();
        }
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("no-such-model").addUserMessage("hi").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("no-such-model");
                });
        assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder()
                .model("gpt-4o-mini").input("x").build()))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("demo-429").addUserMessage("hi").build()))
                .isInstanceOf(RateLimitException.class);
    }

    private static FunctionDefinition function(String name, String... stringParameters) {
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        for (String parameter : stringParameters) {
            properties.put(parameter, Map.of("type", "string"));
        }
        return FunctionDefinition.builder()
                .name(name)
                .description("Demo function " + name)
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(properties))
                        .putAdditionalProperty("required", JsonValue.from(List.of(stringParameters)))
                        .build())
                .build();
    }
}
