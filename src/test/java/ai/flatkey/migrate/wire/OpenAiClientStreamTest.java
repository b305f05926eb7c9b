package ai.flatkey.migrate.wire;

import static ai.flatkey.migrate.wire.Fixtures.KEY;
import static ai.flatkey.migrate.wire.Fixtures.MODEL;
import static ai.flatkey.migrate.wire.Fixtures.chunk;
import static ai.flatkey.migrate.wire.Fixtures.client;
import static ai.flatkey.migrate.wire.Fixtures.config;
import static ai.flatkey.migrate.wire.Fixtures.emptyChoicesChunk;
import static ai.flatkey.migrate.wire.Fixtures.eventStream;
import static ai.flatkey.migrate.wire.Fixtures.json;
import static ai.flatkey.migrate.wire.Fixtures.sse;
import static ai.flatkey.migrate.wire.Fixtures.usageChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiClientStreamTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    /** Gates left closed by a test are opened here so the server threads end. */
    private final List<CountDownLatch> gates = new CopyOnWriteArrayList<>();

    @AfterEach
    void openGates() {
        gates.forEach(CountDownLatch::countDown);
    }

    private CountDownLatch gate() {
        CountDownLatch g = new CountDownLatch(1);
        gates.add(g);
        return g;
    }

    @Test
    void reassemblesAStreamWithUsageAndSendsStreamOptions() throws Exception {
        server.enqueue(eventStream().setHeader("x-request-id", "req-s1").body(sse(
                emptyChoicesChunk(),
                chunk("", null),
                chunk("Hel", null),
                chunk("lo", null),
                chunk(null, "stop"),
                usageChunk(7, 2),
                "[DONE]")).build());
        List<StreamChunk> seen = new CopyOnWriteArrayList<>();

        ChatResult result = client(server, "/v1").streamChat(ChatRequest.simple(MODEL, "hi", true), seen::add,
                new Cancellation());

        assertThat(result.content()).isEqualTo("Hello");
        assertThat(result.finishReason()).isEqualTo("stop");
        assertThat(result.usage()).isEqualTo(new Usage(7, 2, 9));
        assertThat(result.id()).isEqualTo("chatcmpl-abc");
        assertThat(result.model()).isEqualTo(MODEL);
        assertThat(result.requestId()).isEqualTo("req-s1");
        assertThat(result.streamed()).isTrue();
        assertThat(result.sawDone()).isTrue();
        assertThat(result.chunkCount()).isEqualTo(6);
        assertThat(seen).extracting(StreamChunk::contentDelta).containsExactly("", "", "Hel", "lo", "", "");
        assertThat(seen.get(4).finishReason()).isEqualTo("stop");
        assertThat(seen.get(5).usage()).isEqualTo(new Usage(7, 2, 9));
        assertThat(seen.get(0).usage()).isNull();
        Timing t = result.timing();
        assertThat(t.ttftMs()).isNotNull();
        assertThat(t.ttfbMs()).isLessThanOrEqualTo(t.ttftMs());
        assertThat(t.ttftMs()).isLessThanOrEqualTo(t.totalMs());
        assertThat(t.ttftMs()).isEqualTo(seen.get(2).elapsedMs());

        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(recorded.getHeaders().get("Accept")).isEqualTo("text/event-stream");
        JsonObject body = JsonParser.parseString(recorded.getBody().utf8()).getAsJsonObject();
        assertThat(body.get("stream").getAsBoolean()).isTrue();
        assertThat(body.getAsJsonObject("stream_options").get("include_usage").getAsBoolean()).isTrue();
    }

    @Test
    void streamWithoutIncludeUsageSendsNoStreamOptions() throws Exception {
        server.enqueue(eventStream().body(sse(chunk("x", "stop"), "[DONE]")).build());

        client(server, "/v1").streamChat(new ChatRequest(MODEL, List.of(ChatMessage.user("hi")), true, false,
                null, null), null, null);

        JsonObject body = JsonParser.parseString(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8())
                .getAsJsonObject();
        assertThat(body.get("stream").getAsBoolean()).isTrue();
        assertThat(body.has("stream_options")).isFalse();
    }

    @Test
    void toleratesCrlfCommentsEventNamesAndMultiLineData() throws Exception {
        String first = chunk("A", null);
        int split = first.indexOf("\"choices\"");
        String body = ": OPENROUTER PROCESSING\r\n\r\n"
                + ": keep-alive\r\n"
                + "event: message\r\n"
                + "id: 1\r\n"
                + "data: " + first.substring(0, split) + "\r\n"
                + "data: " + first.substring(split) + "\r\n\r\n"
                + "data:" + chunk("B", null) + "\n\n"
                + ": keep-alive\n\n"
                + "retry: 1000\n"
                + "data: " + chunk("C", "stop") + "\r\n\r\n"
                + "data: [DONE]";  // no final blank line: still the end
        server.enqueue(eventStream().body(body).build());

        ChatResult result = client(server, "/v1").streamChat(ChatRequest.simple(MODEL, "hi", true), null, null);

        assertThat(result.content()).isEqualTo("ABC");
        assertThat(result.chunkCount()).isEqualTo(3);
        assertThat(result.sawDone()).isTrue();
        assertThat(result.usage()).isNull();
    }

    @Test
    void deliversChunksBeforeTheStreamEnds() throws Exception {
        CountDownLatch sawFirst = gate();
        Fixtures.GatedBody body = new Fixtures.GatedBody(
                List.of(sse(chunk("first", null)), sse(chunk(" second", "stop"), "[DONE]")), List.of(sawFirst));
        server.enqueue(eventStream().body(body).build());
        AtomicBoolean serverDoneAtFirstChunk = new AtomicBoolean(true);

        ChatResult result = client(server, "/v1").streamChat(ChatRequest.simple(MODEL, "hi", true), c -> {
            if (c.contentDelta().equals("first")) {
                serverDoneAtFirstChunk.set(body.finished.getCount() == 0);
                sawFirst.countDown();  // only now does the server send the rest
            }
        }, null);

        assertThat(serverDoneAtFirstChunk).as("server had finished when chunk 1 arrived").isFalse();
        assertThat(result.content()).isEqualTo("first second");
        assertThat(result.sawDone()).isTrue();
    }

    @Test
    void streamEndingWithoutDoneIsTruncatedAndKeepsWhatArrived() {
        server.enqueue(eventStream().body(sse(chunk("Hel", null), chunk("lo", null))).build());
        List<StreamChunk> seen = new CopyOnWriteArrayList<>();

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client(server, "/v1").streamChat(ChatRequest.simple(MODEL, "hi", true), seen::add, null));

        assertThat(e.kind()).isEqualTo(FailureKind.TRUNCATED_STREAM);
        assertThat(e.getMessage()).contains("[DONE]").contains("2 chunks");
        assertThat(e.partial()).isNotNull();
        assertThat(e.partial().content()).isEqualTo("Hello");
        assertThat(e.partial().chunkCount()).isEqualTo(2);
        assertThat(e.partial().sawDone()).isFalse();
        assertThat(seen).hasSize(2);
    }

    @Test
    void emptyStreamIsTruncated() {
        server.enqueue(eventStream().body("").build());

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client(server, "/v1").streamChat(ChatRequest.simple(MODEL, "hi", true), null, null));

        assertThat(e.kind()).isEqualTo(FailureKind.TRUNCATED_STREAM);
        assertThat(e.partial().chunkCount()).isZero();
    }

    @Test
    void connectionDroppedMidStreamIsTruncatedWithPartial() throws Exception {
        String part = sse(chunk("so far", null));
        // Content-Length promises more than arrives: the connection closes after part one.
        String raw = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: "
                + (part.length() + 100) + "\r\n\r\n" + part;
        List<StreamChunk> seen = new CopyOnWriteArrayList<>();
        try (Fixtures.RawServer raw1 = new Fixtures.RawServer(raw)) {
            OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(),
                    ClientConfig.of(raw1.baseUrl("/v1"), KEY));

            ApiException e = catchThrowableOfType(ApiException.class,
                    () -> client.streamChat(ChatRequest.simple(MODEL, "hi", true), seen::add, null));

            assertThat(e.kind()).isEqualTo(FailureKind.TRUNCATED_STREAM);
            assertThat(e.getMessage()).contains("connection broke after 1 stream chunk");
            assertThat(e.partial().content()).isEqualTo("so far");
            assertThat(e.partial().sawDone()).isFalse();
            assertThat(seen).hasSize(1);
        }
    }

    @Test
    void midStreamErrorObjectFailsWithItsMessage() {
        server.enqueue(eventStream().body(sse(chunk("Par", null),
                "{\"error\":{\"message\":\"upstream overloaded, key " + KEY + "\",\"type\":\"server_error\"}}"))
                .build());

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client(server, "/v1").streamChat(ChatRequest.simple(MODEL, "hi", true), null, null));

        assertThat(e.kind()).isEqualTo(FailureKind.MIDSTREAM_ERROR);
        assertThat(e.getMessage()).contains("upstream overloaded").contains("1 chunk").doesNotContain(KEY);
        assertThat(e.serverMessage()).contains("upstream overloaded").doesNotContain(KEY);
        assertThat(e.partial().content()).isEqualTo("Par");
    }

    @Test
    void aNullErrorFieldIsNotAnError() throws Exception {
        String withNullError = chunk("ok", "stop").replaceFirst("\\{", "{\"error\":null,").replace("\"choices\":[{", "\"x\":[{");
        server.enqueue(eventStream().body(sse(withNullError, "[DONE]")).build());

        ChatResult result = client(server, "/v1").streamChat(ChatRequest.simple(MODEL, "hi", true), null, null);

        assertThat(result.sawDone()).isTrue();
        assertThat(result.chunkCount()).isEqualTo(1);
    }

    @Test
    void namedErrorEventIsAMidStreamError() {
        server.enqueue(eventStream().body("event: error\ndata: {\"message\":\"quota exceeded\"}\n\n").build());

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client(server, "/v1").streamChat(ChatRequest.simple(MODEL, "hi", true), null, null));

        assertThat(e.kind()).isEqualTo(FailureKind.MIDSTREAM_ERROR);
        assertThat(e.serverMessage()).isEqualTo("quota exceeded");
    }

    @Test
    void undecodableEventIsAProtocolFailureWithPartial() {
        server.enqueue(eventStream().body(sse(chunk("ok", null), "not json at all")).build());

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client(server, "/v1").streamChat(ChatRequest.simple(MODEL, "hi", true), null, null));

        assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL);
        assertThat(e.getMessage()).contains("not JSON");
        assertThat(e.partial().content()).isEqualTo("ok");
    }

    @Test
    void oversizedEventIsAProtocolFailure() {
        server.enqueue(eventStream().body(sse(chunk("x".repeat(5000), null), "[DONE]")).build());
        OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(), config(server, "/v1", KEY),
                1 << 20, 1024, 1024);

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client.streamChat(ChatRequest.simple(MODEL, "hi", true), null, null));

        assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL);
        assertThat(e.getMessage()).contains("1024 bytes");
    }

    @Test
    void singleJsonAnswerToAStreamRequestIsNamed() {
        server.enqueue(json(200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}"));

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client(server, "/v1").streamChat(ChatRequest.simple(MODEL, "hi", true), null, null));

        assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL);
        assertThat(e.getMessage()).contains("ignores stream=true");
    }

    @Test
    void htmlPageWithStatus200OnAStreamIsAWrongPath() {
        server.enqueue(new mockwebserver3.MockResponse.Builder().setHeader("Content-Type", "text/html")
                .body("<!doctype html><html><head><title>New API</title></head><body></body></html>").build());
        OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(), config(server, "/", KEY));

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client.streamChat(ChatRequest.simple(MODEL, "hi", true), null, null));

        assertThat(e.kind()).isEqualTo(FailureKind.WRONG_PATH);
        assertThat(e.getMessage()).contains("web page").contains("New API").contains("/v1");
    }

    @Test
    void cancellingMidStreamEndsTheCallQuickly() {
        CountDownLatch never = gate();
        server.enqueue(eventStream().body(new Fixtures.GatedBody(
                List.of(sse(chunk("one", null)), sse("[DONE]")), List.of(never))).build());
        Cancellation cancel = new Cancellation();
        OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(), new ClientConfig(
                server.url("/v1").toString(), KEY, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60)));
        long start = System.nanoTime();

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client.streamChat(ChatRequest.simple(MODEL, "hi", true), c -> cancel.cancel(), cancel));

        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(e.kind()).isEqualTo(FailureKind.CANCELLED);
        assertThat(e.partial().content()).isEqualTo("one");
        assertThat(tookMs).as("well inside the 30 s read timeout").isLessThan(5_000);
    }

    @Test
    void cancellingFromAnotherThreadWhileWaitingForHeaders() throws Exception {
        server.enqueue(eventStream().headersDelay(30, TimeUnit.SECONDS).body(sse("[DONE]")).build());
        Cancellation cancel = new Cancellation();
        OpenAiClient client = client(server, "/v1");
        Thread canceller = new Thread(() -> {
            try {
                server.takeRequest(10, TimeUnit.SECONDS);  // the request has reached the server
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            cancel.cancel();
        });
        canceller.start();

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client.streamChat(ChatRequest.simple(MODEL, "hi", true), null, cancel));

        canceller.join(10_000);
        assertThat(e.kind()).isEqualTo(FailureKind.CANCELLED);
        assertThat(e.getMessage()).contains("before the gateway answered");
    }

    @Test
    void stalledStreamTimesOutNamingTheReadTimeout() {
        CountDownLatch never = gate();
        server.enqueue(eventStream().body(new Fixtures.GatedBody(
                List.of(sse(chunk("one", null)), sse("[DONE]")), List.of(never))).build());
        OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(), new ClientConfig(
                server.url("/v1").toString(), KEY, Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(30)));

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client.streamChat(ChatRequest.simple(MODEL, "hi", true), null, null));

        assertThat(e.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(e.getMessage()).contains("stream stalled").contains("300 ms").contains("read timeout");
        assertThat(e.partial().content()).isEqualTo("one");
    }
}
