package ai.flatkey.migrate.wire;

import static ai.flatkey.migrate.wire.Fixtures.KEY;
import static ai.flatkey.migrate.wire.Fixtures.MODEL;
import static ai.flatkey.migrate.wire.Fixtures.config;
import static ai.flatkey.migrate.wire.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Retries (with a recording sleeper: nothing really sleeps), and the transcript every exchange yields. */
class RetryAndTranscriptTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final List<Duration> slept = new CopyOnWriteArrayList<>();
    private final Sleeper recording = (d, c) -> slept.add(d);

    private OpenAiClient client(RetryPolicy policy) {
        return client(policy, config(server, "/v1", KEY));
    }

    private OpenAiClient client(RetryPolicy policy, ClientConfig cfg) {
        return new OpenAiClient(OpenAiClient.newHttpClient(NetworkConfig.direct()), cfg, policy, recording,
                () -> 0.5, Clock.systemUTC(), OpenAiClient.DEFAULT_MAX_BODY_BYTES,
                OpenAiClient.DEFAULT_MAX_ERROR_BYTES, OpenAiClient.DEFAULT_MAX_EVENT_BYTES);
    }

    private static MockResponse rateLimited(String header, String value) {
        return json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}")
                .newBuilder().setHeader(header, value).build();
    }

    private static final String OK = "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"gpt-test\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
            + "\"finish_reason\":\"stop\"}]}";

    @Test
    void offByDefault() {
        server.enqueue(rateLimited("retry-after-ms", "10"));
        OpenAiClient plain = new OpenAiClient(OpenAiClient.newHttpClient(), config(server, "/v1", KEY));

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> plain.chat(ChatRequest.simple(MODEL, "hi", false), null));

        assertThat(plain.retryPolicy()).isEqualTo(RetryPolicy.none());
        assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.headers().retryAfter()).isEqualTo(Duration.ofMillis(10));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void retryAfterMsIsHonouredAndTheRetryIsRecorded() throws Exception {
        server.enqueue(rateLimited("retry-after-ms", "1500"));
        server.enqueue(json(200, OK).newBuilder().setHeader("x-request-id", "req-2").build());

        ChatResult r = client(RetryPolicy.standard()).chat(ChatRequest.simple(MODEL, "hi", false), null);

        assertThat(r.content()).isEqualTo("ok");
        assertThat(slept).containsExactly(Duration.ofMillis(1500));
        Transcript t = r.transcript();
        assertThat(t.attempts()).hasSize(2);
        assertThat(t.attempts().get(0).status()).isEqualTo(429);
        assertThat(t.attempts().get(0).retryDelayMs()).isEqualTo(1500);
        assertThat(t.attempts().get(0).retryNote()).isEqualTo("HTTP 429, waiting as asked by retry-after");
        assertThat(t.attempts().get(0).outcome()).startsWith("RATE_LIMITED: The gateway is rate-limiting this key");
        assertThat(t.attempts().get(1).outcome()).isEqualTo("ok");
        assertThat(t.render()).contains("# retry in 1500 ms (HTTP 429, waiting as asked by retry-after)");
    }

    @Test
    void backoffIsExponentialWithJitterAndBounded() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
        }

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client(RetryPolicy.standard()).chat(ChatRequest.simple(MODEL, "hi", false), null));

        // 500 ms and 1000 ms, each less 25 % × 0.5 jitter.
        assertThat(slept).containsExactly(Duration.ofMillis(438), Duration.ofMillis(875));
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.getMessage()).isEqualTo("The gateway failed with HTTP 503: \"overloaded\". This is a server-side "
                + "problem: retry later, and report it if it persists. (Tried 3 times.)");
        assertThat(e.transcript().attempts()).extracting(Transcript.Attempt::status).containsExactly(503, 503, 503);
        assertThat(e.transcript().attempts().get(2).retryNote()).isEqualTo("gave up after 3 attempts");
    }

    @Test
    void shouldRetryFalseForbidsAndTrueForces() throws Exception {
        server.enqueue(json(500, "{}").newBuilder().setHeader("x-should-retry", "false").build());
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client(RetryPolicy.standard()).chat(ChatRequest.simple(MODEL, "hi", false), null));
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.transcript().attempts().get(0).retryNote()).isEqualTo("the gateway sent x-should-retry: false");

        server.enqueue(json(400, "{\"error\":{\"message\":\"try again\"}}").newBuilder()
                .setHeader("x-should-retry", "true").build());
        server.enqueue(json(200, OK));
        ChatResult r = client(RetryPolicy.standard()).chat(ChatRequest.simple(MODEL, "hi", false), null);
        assertThat(r.transcript().attempts().get(0).retryNote()).isEqualTo("x-should-retry: true");
        assertThat(slept).hasSize(1);
    }

    @Test
    void anHourLongRetryAfterIsNotWaitedButSaid() {
        server.enqueue(rateLimited("retry-after", "3600"));

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client(RetryPolicy.standard()).chat(ChatRequest.simple(MODEL, "hi", false), null));

        assertThat(slept).isEmpty();
        assertThat(e.getMessage()).isEqualTo("The gateway is rate-limiting this key (HTTP 429): \"Rate limit reached\". "
                + "Wait as asked (retry-after: 3600 s) and retry, or raise the key's rate limit. Not retried "
                + "automatically: the gateway asked to wait 1 h, longer than the 1 min limit for automatic retries.");
        assertThat(e.headers().retryAfter()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theTotalBudgetStopsRetries() {
        server.enqueue(rateLimited("retry-after", "20"));
        RetryPolicy tight = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(60), 0);

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client(tight).chat(ChatRequest.simple(MODEL, "hi", false), null));

        assertThat(slept).isEmpty();
        assertThat(e.getMessage()).endsWith("(Tried 1 time; the 10 s retry budget is spent.)");
    }

    @Test
    void aRefusedConnectionIsRetriedAndA400IsNot() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ClientConfig refused = new ClientConfig("http://127.0.0.1:" + port + "/v1", KEY, Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client(RetryPolicy.standard(), refused).listModels(null));
        assertThat(e.kind()).isEqualTo(FailureKind.NETWORK);
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.transcript().attempts().get(0).retryNote()).isEqualTo("connection failed before any answer");
        assertThat(e.transcript().attempts().get(0).status()).isZero();

        server.enqueue(json(400, "{\"error\":{\"message\":\"messages must not be empty\"}}"));
        ApiException bad = catchThrowableOfType(ApiException.class,
                () -> client(RetryPolicy.standard()).chat(ChatRequest.simple(MODEL, "hi", false), null));
        assertThat(bad.attempts()).isEqualTo(1);
    }

    @Test
    void cancelDuringTheWaitEndsTheCall() {
        server.enqueue(rateLimited("retry-after-ms", "5000"));
        Cancellation cancel = new Cancellation();
        OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(), config(server, "/v1", KEY),
                RetryPolicy.standard(), (d, c) -> cancel.cancel());

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client.chat(ChatRequest.simple(MODEL, "hi", false), cancel));

        assertThat(e.kind()).isEqualTo(FailureKind.CANCELLED);
        assertThat(e.getMessage()).isEqualTo("Cancelled while waiting to retry (after 1 attempt).");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void realSleeperWakesOnCancel() throws Exception {
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        long start = System.nanoTime();
        Sleeper.real().sleep(Duration.ofSeconds(30), cancel);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void transcriptOfASuccessHasEverythingAndNoSecret() throws Exception {
        server.enqueue(json(200, OK.replace("\"ok\"", "\"echo " + KEY + "\"")).newBuilder()
                .setHeader("x-request-id", "req-t").setHeader("x-echo", "Bearer " + KEY)
                .setHeader("x-ratelimit-remaining-requests", "9").build());
        OpenAiClient client = client(RetryPolicy.none());

        ChatResult r = client.chat(ChatRequest.simple(MODEL, "my key is " + KEY, false), null);

        Transcript t = r.transcript();
        assertThat(t.method()).isEqualTo("POST");
        assertThat(t.url()).isEqualTo(server.url("/v1/chat/completions").toString());
        assertThat(t.requestBody()).isEqualTo("{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"my key is [REDACTED]\"}]}");
        assertThat(t.attempts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.headers()).contains(new Transcript.Header("x-echo", "Bearer [REDACTED]"),
                    new Transcript.Header("x-request-id", "req-t"));
        });
        assertThat(t.responseBody()).contains("echo [REDACTED]");
        assertThat(t.outcome()).isEqualTo("chat.completion, id c, model gpt-test, finish_reason stop, 29 characters "
                + "of content, no usage");
        assertThat(t.errorKind()).isNull();
        assertThat(t.timing().connectMs()).as("a fresh connection's connect time").isNotNull();
        assertThat(t.render()).doesNotContain(KEY).doesNotContainIgnoringCase("authorization");
        assertThat(r.headers().remainingRequests()).isEqualTo(9);
        assertThat(r.content()).as("the result itself is what the server said").contains(KEY);
    }

    @Test
    void transcriptOfAStreamHasEveryRawEventWithItsTime() throws Exception {
        server.enqueue(Fixtures.eventStream().body(": keep-alive\n\n" + Fixtures.sse(Fixtures.chunk("A", null),
                Fixtures.chunk("B", "stop"))).build());

        ApiException e = catchThrowableOfType(ApiException.class, () -> client(RetryPolicy.standard())
                .streamChat(ChatRequest.simple(MODEL, "hi", true), null, null));

        assertThat(e.kind()).isEqualTo(FailureKind.TRUNCATED_STREAM);
        assertThat(e.attempts()).as("a stream that started is never retried").isEqualTo(1);
        Transcript t = e.transcript();
        assertThat(t.events()).hasSize(2);
        assertThat(t.events().get(0).data()).isEqualTo(Fixtures.chunk("A", null));
        assertThat(t.events().get(1).atMs()).isGreaterThanOrEqualTo(t.events().get(0).atMs());
        assertThat(t.errorKind()).isEqualTo(FailureKind.TRUNCATED_STREAM);
        assertThat(t.outcome()).startsWith("TRUNCATED_STREAM: The stream ended after 2 chunks without data: [DONE]");
        assertThat(t.timing().ttftMs()).isNotNull();
        assertThat(e.partial().trace().commentLines()).isEqualTo(1);
    }
}
