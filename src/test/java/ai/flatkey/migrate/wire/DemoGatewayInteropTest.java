package ai.flatkey.migrate.wire;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against the embedded demo gateway: two independent implementations of the same wire rules. */
class DemoGatewayInteropTest {
    private static final int TPS = 20;
    private static DemoGateway gateway;
    private static OpenAiClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(TPS));
        client = new OpenAiClient(OpenAiClient.newHttpClient(), ClientConfig.of(gateway.baseUrl(), DemoGateway.DEMO_KEY));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void firstStreamedEventArrivesBeforeTheServerHasSentTheLast() throws Exception {
        List<StreamChunk> chunks = new CopyOnWriteArrayList<>();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        long t0 = System.nanoTime();
        ChatResult result = client.streamChat(ChatRequest.simple("gpt-5.5", "Say hello to the migration team", true), c -> {
            chunks.add(c);
            arrivals.add((System.nanoTime() - t0) / 1_000_000);
        }, new Cancellation());
        List<StreamChunk> content = chunks.stream().filter(c -> !c.contentDelta().isEmpty()).toList();
        assertThat(content.size()).isGreaterThan(5);
        // The server waits 1000/TPS ms between tokens, so the last token cannot have been sent earlier than
        // (n-1) gaps after the first. Receiving the first that long before the last proves it arrived while the
        // server was still sending.
        int firstIdx = chunks.indexOf(content.get(0));
        int lastIdx = chunks.indexOf(content.get(content.size() - 1));
        long spread = arrivals.get(lastIdx) - arrivals.get(firstIdx);
        long minimumServerTime = (content.size() - 1) * (1000L / TPS);
        assertThat(spread).isGreaterThanOrEqualTo(minimumServerTime / 2);
        assertThat(result.sawDone()).isTrue();
        assertThat(result.timing().ttftMs()).isLessThan(result.timing().totalMs() - minimumServerTime / 2);
        assertThat(result.usage()).isNotNull();
        assertThat(result.requestId()).startsWith("req_");
        assertThat(result.content()).isEqualTo(String.join("", content.stream().map(StreamChunk::contentDelta).toList()));
    }

    @Test
    void nonStreamingAndStreamingAgree() throws Exception {
        ChatResult plain = client.chat(ChatRequest.simple("deepseek-chat", "Compare outputs", false), new Cancellation());
        OpenAiClient fast;
        try (DemoGateway quick = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0))) {
            fast = new OpenAiClient(OpenAiClient.newHttpClient(), ClientConfig.of(quick.baseUrl(), DemoGateway.DEMO_KEY));
            ChatResult streamed = fast.streamChat(ChatRequest.simple("deepseek-chat", "Compare outputs", true), c -> { }, new Cancellation());
            assertThat(streamed.content()).isEqualTo(plain.content());
            assertThat(streamed.usage()).isEqualTo(plain.usage());
        }
        assertThat(plain.finishReason()).isEqualTo("stop");
        assertThat(plain.usage().totalTokens()).isEqualTo(plain.usage().promptTokens() + plain.usage().completionTokens());
    }

    @Test
    void catalogAndErrorsAreClassified() throws Exception {
        ModelList models = client.listModels(new Cancellation());
        assertThat(models.models().size()).isGreaterThanOrEqualTo(8);
        assertThat(models.contains("gpt-5.5")).isTrue();

        assertThatThrownBy(() -> client.chat(ChatRequest.simple("no-such-model", "hi", false), new Cancellation()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.MODEL_NOT_FOUND);
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("no-such-model");
                    assertThat(e.requestId()).startsWith("req_");
                });
        String wrong = "sk-test-wrong-key-0000000000000000";
        OpenAiClient bad = new OpenAiClient(OpenAiClient.newHttpClient(), ClientConfig.of(gateway.baseUrl(), wrong));
        assertThatThrownBy(() -> bad.listModels(new Cancellation()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("401").doesNotContain(wrong);
                    assertThat(e.serverMessage()).doesNotContain(wrong);
                });
        OpenAiClient noV1 = new OpenAiClient(OpenAiClient.newHttpClient(),
                ClientConfig.of(gateway.baseUrl().replace("/v1", ""), DemoGateway.DEMO_KEY));
        assertThatThrownBy(() -> noV1.listModels(new Cancellation()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.WRONG_PATH));
    }
}
