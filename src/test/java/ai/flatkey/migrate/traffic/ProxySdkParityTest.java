package ai.flatkey.migrate.traffic;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official openai-java SDK runs the same calls against the demo gateway directly and through the recording proxy,
 * and sees the same answers and events (compared by what they say, ids and timestamps aside). The recording holds
 * every call and not the key.
 */
class ProxySdkParityTest {
    @TempDir
    static Path dir;
    private static DemoGateway gateway;
    private static ProxyFixture fx;
    private static OpenAIClient direct;
    private static OpenAIClient proxied;

    @BeforeAll
    static void start() throws Exception {
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0));
        fx = new ProxyFixture(gateway.baseUrl(), dir.resolve("sdk.jsonl"));
        direct = sdk(gateway.baseUrl());
        proxied = sdk(fx.baseUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        direct.close();
        proxied.close();
        fx.close();
        gateway.close();
    }

    static OpenAIClient sdk(String baseUrl) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(DemoGateway.DEMO_KEY).maxRetries(0)
                .responseValidation(true).timeout(Duration.ofSeconds(20)).build();
    }

    private static void same(Function<OpenAIClient, List<Object>> scenario) throws Exception {
        same(1, scenario);
    }

    /** Runs {@code scenario} (which makes {@code calls} calls) directly, then through the proxy; the same facts. */
    private static void same(int calls, Function<OpenAIClient, List<Object>> scenario) throws Exception {
        List<Object> there = scenario.apply(direct);
        List<Object> through = scenario.apply(proxied);
        assertThat(through).isEqualTo(there);
        fx.awaitRecorded(calls);
    }

    @Test
    void chatCompletion() throws Exception {
        same(c -> {
            ChatCompletion r = c.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                    .addDeveloperMessage("Answer briefly.").addUserMessage("Hello through the proxy").build());
            return List.of(r.choices().get(0).message().content().orElseThrow(), r.choices().get(0).finishReason(),
                    r.usage().orElseThrow().totalTokens(), r.model());
        });
    }

    @Test
    void chatStreamWithUsage() throws Exception {
        same(c -> {
            List<Object> facts = new ArrayList<>();
            try (StreamResponse<ChatCompletionChunk> s = c.chat().completions().createStreaming(
                    ChatCompletionCreateParams.builder().model("claude-haiku-4.5").addUserMessage("Stream this please")
                            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
                s.stream().forEach(chunk -> facts.add(chunk.choices().isEmpty() ? "usage:"
                        + chunk.usage().orElseThrow().totalTokens() : chunk.choices().get(0).delta().content()
                        .orElse("") + "|" + chunk.choices().get(0).finishReason().map(Object::toString).orElse("")));
            }
            return facts;
        });
    }

    @Test
    void streamedToolCalls() throws Exception {
        same(c -> {
            ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
            try (StreamResponse<ChatCompletionChunk> s = c.chat().completions().createStreaming(
                    ChatCompletionCreateParams.builder().model("gpt-4.1-mini")
                            .addUserMessage("What is the weather and the local time in Lisbon?")
                            .addFunctionTool(function("get_weather", "city", "unit"))
                            .addFunctionTool(function("get_local_time", "city", "timezone"))
                            .parallelToolCalls(true).build())) {
                s.stream().forEach(acc::accumulate);
            }
            var choice = acc.chatCompletion().choices().get(0);
            List<Object> facts = new ArrayList<>(List.of(choice.finishReason()));
            choice.message().toolCalls().orElseThrow().forEach(t -> facts.add(t.asFunction().function().name() + " "
                    + t.asFunction().function().arguments()));
            return facts;
        });
    }

    @Test
    void responsesPlainAndStreamed() throws Exception {
        same(2, c -> {
            Response r = c.responses().create(ResponseCreateParams.builder().model("gpt-5.5").instructions("Be brief.")
                    .input("Hello, Responses API").build());
            List<Object> facts = new ArrayList<>(List.of(r.status().orElseThrow(),
                    r.output().get(0).asMessage().content().get(0).asOutputText().text()));
            try (StreamResponse<ResponseStreamEvent> s = c.responses().createStreaming(ResponseCreateParams.builder()
                    .model("gemini-2.5-flash").input("Stream the Responses API").build())) {
                s.stream().forEach(e -> facts.add(e.isOutputTextDelta() ? "delta:" + e.asOutputTextDelta().delta()
                        : e.isCompleted() ? "completed" : e.isCreated() ? "created" : "other"));
            }
            return facts;
        });
    }

    @Test
    void embeddings() throws Exception {
        same(c -> {
            CreateEmbeddingResponse r = c.embeddings().create(EmbeddingCreateParams.builder()
                    .model("text-embedding-3-small").input("the same text").build());
            return List.of(r.data().get(0).embedding(), r.usage().totalTokens());
        });
    }

    @Test
    void theRecordingHoldsTheCallsAndNoKey() throws Exception {
        chatStreamWithUsage();
        String text = Files.readString(fx.file);
        assertThat(text).doesNotContain(DemoGateway.DEMO_KEY);
        RecordedCall stream = fx.recording().calls().stream()
                .filter(c -> "claude-haiku-4.5".equals(c.model())).findFirst().orElseThrow();
        assertThat(stream.events().get(stream.events().size() - 1).data()).isEqualTo("[DONE]");
        assertThat(stream.usage().totalTokens()).isPositive();
        assertThat(stream.timing().firstByteMs()).isNotNull();
        assertThat(stream.requestHeaders()).containsKey("x-stainless-lang").doesNotContainKey("authorization");
    }

    static FunctionDefinition function(String name, String... parameters) {
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        for (String p : parameters) {
            properties.put(p, Map.of("type", "string"));
        }
        return FunctionDefinition.builder().name(name).description("Demo function " + name)
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(properties))
                        .putAdditionalProperty("required", JsonValue.from(List.of(parameters))).build())
                .build();
    }
}
