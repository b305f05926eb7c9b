package ai.flatkey.migrate.wire;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static ai.flatkey.migrate.wire.Fixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A hostile server that closes a connection the client's pool still holds (what a {@code Keep-Alive: timeout=5}
 * server or a proxy's idle timeout does between two checks): the next request on it fails before any answer, and is
 * sent once more on a new connection. Never a request whose answer had started, nor one that failed on a connection
 * opened for it, nor a timeout.
 */
class StaleConnectionTest {
    private static final String MODELS = "{\"object\":\"list\",\"data\":[{\"id\":\"m\",\"object\":\"model\"}]}";
    private static final String CHAT = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";

    private MockWebServer server;
    private OpenAiClient client;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        client = new OpenAiClient(OpenAiClient.newHttpClient(), Fixtures.config(server, "/v1", KEY));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(body).build();
    }

    /** An answer after which the server closes the connection without saying so (no Connection: close). */
    private static MockResponse thenClosed(String body) {
        return json(body).newBuilder().onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build();
    }

    @Test
    void aGetOnAConnectionTheServerClosedIsSentAgainOnANewOne() throws Exception {
        server.enqueue(thenClosed(MODELS));
        server.enqueue(json(MODELS));
        client.listModels(new Cancellation());

        ModelList second = client.listModels(new Cancellation());

        assertThat(second.models()).hasSize(1);
        assertThat(server.takeRequest().getConnectionIndex()).isZero();
        assertThat(server.takeRequest().getConnectionIndex()).as("sent again on a new connection").isEqualTo(1);
        assertThat(server.getRequestCount()).as("the server saw the request once").isEqualTo(2);
        Transcript t = second.transcript();
        assertThat(t.attempts()).hasSize(2);
        assertThat(t.attempts().get(0).status()).isZero();
        assertThat(t.attempts().get(0).retryNote()).contains("closed this idle pooled connection");
        assertThat(t.attempts().get(1).outcome()).isEqualTo("ok");
        assertThat(t.render()).contains("# attempt 1", "no answer — connection closed:", "# retry in 0 ms");
    }

    @Test
    void aChatPostOnAConnectionTheServerClosedIsSentAgainOnce() throws Exception {
        server.enqueue(thenClosed(CHAT));
        server.enqueue(json(CHAT));
        client.chat(ChatRequest.simple("m", "hello", false), new Cancellation());

        ChatResult second = client.chat(ChatRequest.simple("m", "hello", false), new Cancellation());

        assertThat(second.content()).isEqualTo("hi");
        assertThat(server.getRequestCount()).as("the closed connection never delivered the request").isEqualTo(2);
        assertThat(second.transcript().attempts()).hasSize(2);
    }

    @Test
    void aFailureAfterTheAnswerStartedIsNotSentAgain() throws Exception {
        server.enqueue(json(MODELS));
        server.enqueue(json(CHAT).newBuilder().onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(json(CHAT));
        client.listModels(new Cancellation());

        assertThatThrownBy(() -> client.chat(ChatRequest.simple("m", "hello", false), new Cancellation()))
                .isInstanceOf(ApiException.class);

        assertThat(server.getRequestCount()).as("not sent again").isEqualTo(2);
        assertThat(server.takeRequest().getConnectionIndex()).isZero();
        assertThat(server.takeRequest().getConnectionIndex()).as("it ran on the pooled connection").isZero();
    }

    @Test
    void aRequestOnANewConnectionThatTheServerDropsIsNotSentAgain() throws Exception {
        server.enqueue(json(CHAT).newBuilder().onRequestBody(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(json(CHAT));

        assertThatThrownBy(() -> client.chat(ChatRequest.simple("m", "hello", false), new Cancellation()))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).kind()).isEqualTo(FailureKind.NETWORK));

        // The server records the request on its own thread, possibly after the client saw the failure.
        assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(server.takeRequest(300, TimeUnit.MILLISECONDS)).as("the server may have acted on it: not sent again")
                .isNull();
    }

    @Test
    void aTimeoutOnAPooledConnectionIsNotSentAgain() throws Exception {
        OpenAiClient quick = new OpenAiClient(OpenAiClient.newHttpClient(), new ClientConfig(
                server.url("/v1").toString(), KEY, Duration.ofSeconds(5), Duration.ofMillis(300),
                Duration.ofSeconds(10)));
        server.enqueue(json(MODELS));
        server.enqueue(json(CHAT).newBuilder().headersDelay(2, TimeUnit.SECONDS).build());
        quick.listModels(new Cancellation());

        assertThatThrownBy(() -> quick.chat(ChatRequest.simple("m", "hello", false), new Cancellation()))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).kind()).isEqualTo(FailureKind.TIMEOUT));

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aShortKeepAliveTimeoutTheServerAnnouncedIsHonoured() throws Exception {
        server.enqueue(thenClosed(MODELS).newBuilder().setHeader("Keep-Alive", "timeout=1, max=100").build());
        server.enqueue(json(MODELS));
        client.listModels(new Cancellation());
        // The subject is time passing: the server said it keeps an idle connection 1 s; after 0.6 s idle (1 s less
        // the margin for the close to arrive) the client no longer trusts the pooled connection.
        Thread.sleep(600);

        ModelList second = client.listModels(new Cancellation());

        assertThat(second.transcript().attempts()).as("no failed attempt: the idle connection was dropped first")
                .hasSize(1);
        server.takeRequest();
        RecordedRequest r = server.takeRequest();
        assertThat(r.getConnectionIndex()).isEqualTo(1);
    }
}
