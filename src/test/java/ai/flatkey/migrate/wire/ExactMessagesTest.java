package ai.flatkey.migrate.wire;

import static ai.flatkey.migrate.wire.Fixtures.KEY;
import static ai.flatkey.migrate.wire.Fixtures.MODEL;
import static ai.flatkey.migrate.wire.Fixtures.chunk;
import static ai.flatkey.migrate.wire.Fixtures.client;
import static ai.flatkey.migrate.wire.Fixtures.eventStream;
import static ai.flatkey.migrate.wire.Fixtures.json;
import static ai.flatkey.migrate.wire.Fixtures.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The exact message a person sees for each hostile answer: base-URL mistakes, non-OpenAI bodies, broken streams and
 * per-endpoint timeouts.
 */
class ExactMessagesTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final List<CountDownLatch> gates = new CopyOnWriteArrayList<>();

    @AfterEach
    void openGates() {
        gates.forEach(CountDownLatch::countDown);
    }

    private ApiException chat(String path) {
        return catchThrowableOfType(ApiException.class,
                () -> client(server, path).chat(ChatRequest.simple(MODEL, "hi", false), null));
    }

    private ApiException stream(String path) {
        return catchThrowableOfType(ApiException.class,
                () -> client(server, path).streamChat(ChatRequest.simple(MODEL, "hi", true), null, null));
    }

    private String base() {
        return server.url("/").toString().replaceAll("/$", "");
    }

    @Test
    void missingV1AnsweredWithA404() {
        server.enqueue(json(404, "{\"error\":{\"message\":\"Invalid URL (POST /chat/completions)\"}}"));

        ApiException e = chat("/");

        assertThat(e.kind()).isEqualTo(FailureKind.WRONG_PATH);
        assertThat(e.getMessage()).isEqualTo("Nothing answers at /chat/completions (HTTP 404): \"Invalid URL (POST "
                + "/chat/completions)\". The base URL probably lacks the /v1 prefix: try " + base() + "/v1.");
    }

    @Test
    void missingV1AnsweredWithTheWebAppAndStatus200() {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html; charset=utf-8")
                .body("<!doctype html><html><head><title>New API</title></head><body>app</body></html>").build());

        ApiException e = chat("/");

        assertThat(e.kind()).isEqualTo(FailureKind.WRONG_PATH);
        assertThat(e.getMessage()).isEqualTo("/chat/completions answered with a web page (\"New API\", HTTP 200), "
                + "not the API: the base URL probably lacks the /v1 prefix: try " + base() + "/v1.");
    }

    @Test
    void doubledPath() {
        server.enqueue(new MockResponse.Builder().code(404).body("404 page not found").build());

        ApiException e = chat("/v1/chat/completions");

        assertThat(e.kind()).isEqualTo(FailureKind.WRONG_PATH);
        assertThat(e.getMessage()).isEqualTo("Nothing answers at /v1/chat/completions/chat/completions (HTTP 404): "
                + "\"404 page not found\". The base URL already ends in an endpoint path, so the path is doubled "
                + "(…/chat/completions/…): cut the base URL right after the API prefix, e.g. "
                + "https://router.flatkey.ai/v1.");
    }

    @Test
    void topLevelMessageBodyIsReadLikeAnOpenAiError() {
        server.enqueue(json(401, "{\"success\":false,\"message\":\"无效的令牌 (invalid token)\"}"));

        ApiException e = chat("/v1");

        assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(e.getMessage()).isEqualTo("The gateway rejected the key (HTTP 401): \"无效的令牌 (invalid token)\". "
                + "Check that the key is for this gateway and not revoked.");
    }

    @Test
    void htmlErrorPageFromAProxy() {
        server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
                .body("<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>").build());

        ApiException e = chat("/v1");

        assertThat(e.kind()).isEqualTo(FailureKind.NON_JSON_BODY);
        assertThat(e.getMessage()).isEqualTo("The gateway answered HTTP 502 with an HTML page (\"502 Bad Gateway\") "
                + "instead of a JSON error: something in front of the API (often a proxy, load balancer or firewall) answered. Retry "
                + "later, and check the base URL and proxy settings if it persists.");
    }

    @Test
    void unsupportedParameter() {
        server.enqueue(json(400, "{\"error\":{\"message\":\"Unsupported parameter: 'max_tokens' is not supported "
                + "with this model. Use 'max_completion_tokens' instead.\",\"type\":\"invalid_request_error\","
                + "\"param\":\"max_tokens\",\"code\":\"unsupported_parameter\"}}"));

        ApiException e = chat("/v1");

        assertThat(e.kind()).isEqualTo(FailureKind.UNSUPPORTED_PARAMETER);
        assertThat(e.getMessage()).isEqualTo("The gateway does not support the parameter \"max_tokens\" for this "
                + "model (HTTP 400): \"Unsupported parameter: 'max_tokens' is not supported with this model. Use "
                + "'max_completion_tokens' instead.\" Leave it out, or pick a model that supports it.");
    }

    @Test
    void truncatedStream() {
        server.enqueue(eventStream().body(sse(chunk("Hel", null), chunk("lo", null))).build());

        ApiException e = stream("/v1");

        assertThat(e.getMessage()).isEqualTo("The stream ended after 2 chunks without data: [DONE], so the answer may "
                + "be cut short: the gateway or a proxy closed it early. Retry; if it repeats, report it with the "
                + "request ID.");
        assertThat(e.partial().content()).isEqualTo("Hello");
    }

    @Test
    void midStreamErrorObject() {
        server.enqueue(eventStream().body(sse(chunk("Par", null),
                "{\"error\":{\"message\":\"upstream overloaded\",\"type\":\"server_error\"}}")).build());

        ApiException e = stream("/v1");

        assertThat(e.kind()).isEqualTo(FailureKind.MIDSTREAM_ERROR);
        assertThat(e.getMessage()).isEqualTo("The gateway reported an error inside the stream after 1 chunk: "
                + "\"upstream overloaded\". The answer is incomplete; retry, or try another model if it repeats.");
    }

    @Test
    void streamThatIsNotJson() {
        server.enqueue(eventStream().body(sse(chunk("ok", null), "<b>oops</b>")).build());

        ApiException e = stream("/v1");

        assertThat(e.getMessage()).isEqualTo("The stream sent an event that is not JSON after 1 chunk (\"<b>oops</b>\"): "
                + "the gateway or a proxy broke the SSE framing.");
    }

    @Test
    void emptyStream() {
        server.enqueue(eventStream().body("").build());

        ApiException e = stream("/v1");

        assertThat(e.getMessage()).isEqualTo("The stream ended before any event arrived (empty body, no data: [DONE]): "
                + "the gateway or a proxy cut it. Retry; if it repeats, try without streaming to see the gateway's "
                + "error.");
    }

    @Test
    void streamIgnoredByTheGateway() {
        server.enqueue(json(200, "{\"id\":\"c\",\"choices\":[]}"));

        ApiException e = stream("/v1");

        assertThat(e.getMessage()).isEqualTo("Asked for a stream, the gateway answered with a single JSON body "
                + "(application/json): it ignores stream=true. Use non-streaming calls with this gateway, or ask its "
                + "operator to enable streaming.");
    }

    @Test
    void rateLimitedWithRetryAfter() {
        server.enqueue(json(429, "{\"error\":{\"message\":\"Rate limit reached for requests\"}}").newBuilder()
                .setHeader("retry-after", "20").build());

        ApiException e = chat("/v1");

        assertThat(e.getMessage()).isEqualTo("The gateway is rate-limiting this key (HTTP 429): \"Rate limit reached "
                + "for requests\". Wait as asked (retry-after: 20 s) and retry, or raise the key's rate limit.");
        assertThat(e.headers().retryAfter()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void idleTimeoutPerEndpointNamesItsBudget() {
        CountDownLatch never = new CountDownLatch(1);
        gates.add(never);
        server.enqueue(eventStream().body(new Fixtures.GatedBody(List.of(sse(chunk("one", null)), sse("[DONE]")),
                List.of(never))).build());
        ClientConfig cfg = Fixtures.config(server, "/v1", KEY).withTimeouts(Endpoint.CHAT_STREAM,
                new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(300),
                        Duration.ofSeconds(20)));

        ApiException e = catchThrowableOfType(ApiException.class, () -> new OpenAiClient(OpenAiClient.newHttpClient(),
                cfg).streamChat(ChatRequest.simple(MODEL, "hi", true), null, null));

        assertThat(e.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(e.getMessage()).isEqualTo("The stream stalled: nothing arrived for 300 ms (the read timeout between "
                + "events) after 1 stream chunk. Retry, or raise the read timeout if the model is slow.");
        assertThat(e.partial().content()).isEqualTo("one");
    }

    @Test
    void firstByteTimeoutPerEndpointLeavesOtherEndpointsAlone() throws Exception {
        server.enqueue(json(200, "{\"object\":\"list\",\"data\":[]}").newBuilder()
                .headersDelay(3, TimeUnit.SECONDS).build());
        ClientConfig cfg = Fixtures.config(server, "/v1", KEY).withTimeouts(Endpoint.MODELS,
                new Timeouts(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(5),
                        Duration.ofSeconds(20)));

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> new OpenAiClient(OpenAiClient.newHttpClient(), cfg).listModels(null));

        assertThat(e.getMessage()).isEqualTo("The gateway sent no answer within the 200 ms read timeout: the model may "
                + "be slow or overloaded. Retry, or raise the read timeout.");
        assertThat(cfg.timeouts(Endpoint.CHAT)).isEqualTo(new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(20)));
    }

    @Test
    void cancellingAResponsesStreamClosesTheConnectionAtOnce() {
        CountDownLatch never = new CountDownLatch(1);
        gates.add(never);
        server.enqueue(eventStream().body(new Fixtures.GatedBody(List.of(
                "data: {\"type\":\"response.output_text.delta\",\"sequence_number\":1,\"delta\":\"Hi\"}\n\n", ""),
                List.of(never))).build());
        Cancellation cancel = new Cancellation();

        ApiException e = catchThrowableOfType(ApiException.class, () -> client(server, "/v1").streamResponses(
                ResponsesRequest.simple(MODEL, "x", true), event -> cancel.cancel(), cancel));

        assertThat(e.kind()).isEqualTo(FailureKind.CANCELLED);
        assertThat(e.getMessage()).isEqualTo("Cancelled after 1 stream event.");
        assertThat(e.partialResponse().outputText()).isEqualTo("Hi");
    }
}
