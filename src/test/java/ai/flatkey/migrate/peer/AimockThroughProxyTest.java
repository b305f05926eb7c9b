package ai.flatkey.migrate.peer;

import ai.flatkey.migrate.traffic.ProxyListener;
import ai.flatkey.migrate.traffic.RecordedCall;
import ai.flatkey.migrate.traffic.RecordingHeader;
import ai.flatkey.migrate.traffic.RecordingProxy;
import ai.flatkey.migrate.traffic.RecordingWriter;
import ai.flatkey.migrate.wire.NetworkConfig;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Transport;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official openai-java SDK against aimock (a server nobody here wrote), directly and through the recording proxy:
 * the same answers, events and errors. Skipped where npm or node is absent.
 */
@ExtendWith(AimockExtension.class)
class AimockThroughProxyTest {
    @TempDir
    static Path dir;
    private static Transport http;
    private static RecordingProxy proxy;
    private static OpenAIClient direct;
    private static OpenAIClient proxied;
    private static final Semaphore recorded = new Semaphore(0);

    @BeforeAll
    static void start(Aimock aimock) throws Exception {
        http = Transport.over(OpenAiClient.newHttpClient(NetworkConfig.direct()));
        RecordingWriter w = RecordingWriter.create(dir.resolve("aimock.jsonl"), new RecordingHeader(
                RecordingHeader.FORMAT, RecordingHeader.VERSION, Instant.now().toString(), aimock.baseUrl(),
                RecordingHeader.FULL, "test"), true);
        proxy = RecordingProxy.start(RecordingProxy.Options.loopback(0), http.relay(aimock.baseUrl(),
                Duration.ofSeconds(5), Duration.ofSeconds(30)), w, null, new ProxyListener() {
                    @Override
                    public void finished(RecordedCall call) {
                        recorded.release();
                    }
                });
        direct = sdk(aimock.baseUrl());
        proxied = sdk(proxy.baseUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            direct.close();
            proxied.close();
            proxy.close();
            http.close();
        }
    }

    private static OpenAIClient sdk(String baseUrl) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(Aimock.KEY).maxRetries(0)
                .timeout(Duration.ofSeconds(20)).build();
    }

    private static void same(int calls, Function<OpenAIClient, List<Object>> scenario) throws Exception {
        List<Object> there = scenario.apply(direct);
        assertThat(scenario.apply(proxied)).isEqualTo(there);
        assertThat(recorded.tryAcquire(calls, 20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void chatPlainAndStreamed() throws Exception {
        same(2, c -> {
            ChatCompletion r = c.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                    .addUserMessage("say hello").build());
            List<Object> facts = new ArrayList<>(List.of(r.choices().get(0).message().content().orElseThrow(),
                    r.choices().get(0).finishReason(), r.usage().orElseThrow().totalTokens()));
            try (StreamResponse<ChatCompletionChunk> s = c.chat().completions().createStreaming(
                    ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                            .addUserMessage("where order A-1042 is").build())) {
                s.stream().forEach(ch -> facts.add(ch.choices().isEmpty() ? "-" : ch.choices().get(0).delta()
                        .content().orElse("") + "|" + ch.choices().get(0).finishReason().map(Object::toString)
                        .orElse("")));
            }
            return facts;
        });
    }

    @Test
    void streamedToolCalls() throws Exception {
        same(1, c -> {
            ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
            try (StreamResponse<ChatCompletionChunk> s = c.chat().completions().createStreaming(
                    ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                            .addUserMessage("What is the weather in Paris right now?")
                            .addFunctionTool(function("get_weather", "city")).build())) {
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
    void responsesAndEmbeddings() throws Exception {
        same(3, c -> {
            Response r = c.responses().create(ResponseCreateParams.builder().model("gpt-4o-mini").input("say hello")
                    .build());
            List<Object> facts = new ArrayList<>(List.of(r.output().get(0).asMessage().content().get(0)
                    .asOutputText().text()));
            try (StreamResponse<ResponseStreamEvent> s = c.responses().createStreaming(ResponseCreateParams.builder()
                    .model("gpt-4o-mini").input("say hello").build())) {
                s.stream().forEach(e -> facts.add(e.isOutputTextDelta() ? "delta:" + e.asOutputTextDelta().delta()
                        : e.isCompleted() ? "completed" : e.isCreated() ? "created" : "other"));
            }
            facts.add(c.embeddings().create(EmbeddingCreateParams.builder().model("text-embedding-3-small")
                    .input("hello world").encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build())
                    .data().get(0).embedding());
            return facts;
        });
    }

    @Test
    void aServerErrorComesThroughAsItIs() throws Exception {
        same(1, c -> {
            try {
                c.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                        .addUserMessage("server error please").build());
                return List.of("no error");
            } catch (InternalServerException e) {
                return List.of(e.statusCode(), String.valueOf(e.getMessage()));
            }
        });
        assertThat(Files.readString(dir.resolve("aimock.jsonl"))).doesNotContain(Aimock.KEY);
    }

    private static FunctionDefinition function(String name, String... parameters) {
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        for (String p : parameters) {
            properties.put(p, Map.of("type", "string"));
        }
        return FunctionDefinition.builder().name(name).parameters(FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(properties)).build()).build();
    }
}
