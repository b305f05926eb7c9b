package ai.flatkey.migrate.wire;

import static ai.flatkey.migrate.wire.Fixtures.KEY;
import static ai.flatkey.migrate.wire.Fixtures.MODEL;
import static ai.flatkey.migrate.wire.Fixtures.ODD_KEY;
import static ai.flatkey.migrate.wire.Fixtures.client;
import static ai.flatkey.migrate.wire.Fixtures.config;
import static ai.flatkey.migrate.wire.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiClientFailureTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    private ApiException chatFails(OpenAiClient client) {
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client.chat(ChatRequest.simple(MODEL, "hi", false), null));
        assertThat(e).as("an ApiException").isNotNull();
        return e;
    }

    private ApiException chatFails() {
        return chatFails(client(server, "/v1"));
    }

    @Test
    void unauthorized() {
        server.enqueue(new MockResponse.Builder().code(401).setHeader("Content-Type", "application/json")
                .setHeader("x-request-id", "req-401")
                .body("{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":\"invalid_request_error\","
                        + "\"param\":null,\"code\":\"invalid_api_key\"}}").build());

        ApiException e = chatFails();

        assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.requestId()).isEqualTo("req-401");
        assertThat(e.serverMessage()).isEqualTo("Incorrect API key provided.");
        assertThat(e.getMessage()).startsWith("The gateway rejected the key (HTTP 401): \"Incorrect API key provided.\" Check")
                .contains("Check that the key is for this gateway and not revoked.");
    }

    @Test
    void unauthorizedWithoutAKeySaysNoneWasSent() {
        server.enqueue(json(401, "{\"error\":{\"message\":\"You didn't provide an API key.\"}}"));

        ApiException e = chatFails(new OpenAiClient(OpenAiClient.newHttpClient(), config(server, "/v1", null)));

        assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(e.getMessage()).contains("none was sent");
    }

    @Test
    void forbiddenWithTopLevelMessageBody() {
        server.enqueue(json(403, "{\"success\":false,\"message\":\"该令牌无权使用模型 gpt-test (token may not use model)\"}"));

        ApiException e = chatFails();

        assertThat(e.kind()).isEqualTo(FailureKind.PERMISSION);
        assertThat(e.serverMessage()).isEqualTo("该令牌无权使用模型 gpt-test (token may not use model)");
        assertThat(e.getMessage()).contains("HTTP 403").contains("token may not use model");
    }

    @Test
    void modelNotFound() {
        server.enqueue(json(404, "{\"error\":{\"message\":\"The model `gpt-test` does not exist or you do not have "
                + "access to it.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}"));

        ApiException e = chatFails();

        assertThat(e.kind()).isEqualTo(FailureKind.MODEL_NOT_FOUND);
        assertThat(e.getMessage()).contains("\"gpt-test\"").contains("HTTP 404").contains("model list");
    }

    @Test
    void modelNotFoundAs400ByCode() {
        server.enqueue(json(400, "{\"error\":{\"message\":\"no such thing\",\"code\":\"model_not_found\"}}"));

        assertThat(chatFails().kind()).isEqualTo(FailureKind.MODEL_NOT_FOUND);
    }

    @Test
    void routeNotFoundIsAWrongPathWithTheV1Hint() {
        server.enqueue(json(404, "{\"error\":{\"message\":\"Invalid URL (POST /chat/completions)\","
                + "\"type\":\"invalid_request_error\"}}"));

        ApiException e = chatFails(client(server, "/"));

        assertThat(e.kind()).isEqualTo(FailureKind.WRONG_PATH);
        assertThat(e.getMessage()).contains("/chat/completions").contains("HTTP 404").contains("lacks the /v1 prefix")
                .contains("Invalid URL");
    }

    @Test
    void doubledPathIsNamed() {
        server.enqueue(new MockResponse.Builder().code(404).body("404 page not found").build());

        ApiException e = chatFails(client(server, "/v1/chat/completions"));

        assertThat(e.kind()).isEqualTo(FailureKind.WRONG_PATH);
        assertThat(e.getMessage()).contains("doubled").contains("/chat/completions/chat/completions")
                .contains("404 page not found");
    }

    @Test
    void unsupportedParameterByCode() {
        server.enqueue(json(400, "{\"error\":{\"message\":\"Unsupported parameter: 'max_tokens' is not supported "
                + "with this model. Use 'max_completion_tokens' instead.\",\"type\":\"invalid_request_error\","
                + "\"param\":\"max_tokens\",\"code\":\"unsupported_parameter\"}}"));

        ApiException e = chatFails();

        assertThat(e.kind()).isEqualTo(FailureKind.UNSUPPORTED_PARAMETER);
        assertThat(e.getMessage()).contains("the parameter \"max_tokens\"").contains("HTTP 400");
    }

    @Test
    void unsupportedParameterFromAValidationDetail() {
        server.enqueue(json(422, "{\"detail\":[{\"type\":\"extra_forbidden\",\"loc\":[\"body\",\"stream_options\"],"
                + "\"msg\":\"Extra inputs are not permitted\",\"input\":{\"include_usage\":true}}]}"));

        ApiException e = chatFails();

        assertThat(e.kind()).isEqualTo(FailureKind.UNSUPPORTED_PARAMETER);
        assertThat(e.getMessage()).contains("\"stream_options\"").contains("HTTP 422");
    }

    @Test
    void otherBadRequest() {
        server.enqueue(json(400, "{\"error\":\"messages must not be empty\"}"));

        ApiException e = chatFails();

        assertThat(e.kind()).isEqualTo(FailureKind.BAD_REQUEST);
        assertThat(e.serverMessage()).isEqualTo("messages must not be empty");
    }

    @Test
    void rateLimitedNamesRetryAfter() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("retry-after", "20")
                .setHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")
                .build());
        server.enqueue(new MockResponse.Builder().code(429).setHeader("retry-after-ms", "1500").body("").build());
        server.enqueue(new MockResponse.Builder().code(429).body("slow down").build());

        ApiException seconds = chatFails();
        ApiException millis = chatFails();
        ApiException none = chatFails();

        assertThat(seconds.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(seconds.getMessage()).contains("HTTP 429").contains("retry-after: 20 s").contains("Rate limit reached");
        assertThat(millis.getMessage()).contains("retry-after-ms: 1500");
        assertThat(none.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(none.getMessage()).contains("no retry-after").contains("slow down");
    }

    @Test
    void serverErrorCarriesTheRequestId() {
        server.enqueue(new MockResponse.Builder().code(500).setHeader("x-request-id", "req-500")
                .setHeader("Content-Type", "application/json")
                .body("{\"detail\":\"upstream exploded\"}").build());

        ApiException e = chatFails();

        assertThat(e.kind()).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(e.getMessage()).contains("HTTP 500").contains("upstream exploded").contains("req-500");
    }

    @Test
    void htmlProxyPageIsANonJsonBodyNamingItsTitle() {
        server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
                .body("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway"
                        + "</h1></center><hr><center>nginx</center></body></html>").build());

        ApiException e = chatFails();

        assertThat(e.kind()).isEqualTo(FailureKind.NON_JSON_BODY);
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.getMessage()).contains("HTTP 502").contains("\"502 Bad Gateway\"").contains("HTML page");
    }

    @Test
    void htmlWithStatus200IsAWrongPath() {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html; charset=utf-8")
                .body("<!DOCTYPE html><html><head><meta charset=utf-8><title>Flatkey &amp; Co</title></head></html>")
                .build());

        ApiException e = chatFails(client(server, "/"));

        assertThat(e.kind()).isEqualTo(FailureKind.WRONG_PATH);
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.getMessage()).contains("answered with a web page").contains("\"Flatkey & Co\"")
                .contains("not the API").contains("lacks the /v1 prefix");
    }

    @Test
    void htmlWithoutContentTypeIsStillRecognised() {
        server.enqueue(new MockResponse.Builder().code(503).body("  <html><body>down</body></html>").build());

        ApiException e = chatFails();

        assertThat(e.kind()).isEqualTo(FailureKind.NON_JSON_BODY);
        assertThat(e.getMessage()).contains("HTTP 503").contains("an untitled page");
    }

    @Test
    void hugeErrorBodyIsReadOnlyUpToTheCap() {
        server.enqueue(new MockResponse.Builder().code(500).body("x".repeat(200_000)).build());
        OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(), config(server, "/v1", KEY),
                1 << 20, 1024, 1024);

        ApiException e = chatFails(client);

        assertThat(e.kind()).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(e.serverMessage().length()).isLessThanOrEqualTo(1024);
        assertThat(e.getMessage().length()).isLessThan(700);
    }

    @Test
    void connectionRefusedIsANetworkFailureNamingHostAndPort() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(),
                ClientConfig.of("http://127.0.0.1:" + port + "/v1", KEY));

        ApiException e = chatFails(client);

        assertThat(e.kind()).isEqualTo(FailureKind.NETWORK);
        assertThat(e.status()).isZero();
        assertThat(e.getMessage()).contains("nothing is listening at 127.0.0.1:" + port);
    }

    @Test
    void unknownHostIsANetworkFailureNamingTheHost() {
        OkHttpClient noDns = OpenAiClient.newHttpClient().newBuilder()
                .dns(host -> {
                    throw new UnknownHostException(host + ": Name or service not known");
                }).build();
        OpenAiClient client = new OpenAiClient(noDns, ClientConfig.of("https://router.flatkey.invalid/v1", KEY));

        ApiException e = chatFails(client);

        assertThat(e.kind()).isEqualTo(FailureKind.NETWORK);
        assertThat(e.getMessage()).contains("could not resolve host router.flatkey.invalid".substring(1))
                .contains("DNS");
    }

    @Test
    void tlsToAPlainHttpPortIsATlsFailure() throws IOException {
        try (Fixtures.RawServer plain = new Fixtures.RawServer(
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", false)) {
            OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(), new ClientConfig(
                    plain.baseUrl("https", "/v1"), KEY, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10)));

            ApiException e = chatFails(client);

            assertThat(e.kind()).isEqualTo(FailureKind.TLS);
            assertThat(e.getMessage()).contains("TLS handshake with 127.0.0.1 failed").contains("CA bundle");
        }
    }

    @Test
    void readTimeoutNamesTheBudget() {
        server.enqueue(json(200, "{}").newBuilder().headersDelay(10, TimeUnit.SECONDS).build());
        OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(), new ClientConfig(
                server.url("/v1").toString(), KEY, Duration.ofSeconds(5), Duration.ofMillis(250), Duration.ofSeconds(30)));

        ApiException e = chatFails(client);

        assertThat(e.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(e.getMessage()).contains("250 ms read timeout");
    }

    @Test
    void callTimeoutNamesTheBudget() {
        server.enqueue(json(200, "{}").newBuilder().headersDelay(10, TimeUnit.SECONDS).build());
        OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(), new ClientConfig(
                server.url("/v1").toString(), KEY, Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMillis(300)));

        ApiException e = chatFails(client);

        assertThat(e.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(e.getMessage()).contains("300 ms call timeout");
    }

    @Test
    void crossHostRedirectDropsAuthorization() throws Exception {
        try (MockWebServer other = new MockWebServer()) {
            other.start(InetAddress.getByName("127.0.0.1"), 0);
            other.enqueue(json(200, "{\"object\":\"list\",\"data\":[]}"));
            String target = "http://127.0.0.1:" + other.getPort() + "/v1/models";
            server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", target).build());
            OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(),
                    ClientConfig.of("http://localhost:" + server.getPort() + "/v1", KEY));

            client.listModels(null);

            RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
            RecordedRequest redirected = other.takeRequest(5, TimeUnit.SECONDS);
            assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(redirected.getUrl().encodedPath()).isEqualTo("/v1/models");
            assertThat(redirected.getHeaders().get("Authorization")).isNull();
        }
    }

    @Test
    void sameHostRedirectKeepsAuthorization() throws Exception {
        server.enqueue(new MockResponse.Builder().code(307).setHeader("Location", "/v2/chat/completions").build());
        server.enqueue(json(200, "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"content\":\"ok\"}}]}"));

        ChatResult result = client(server, "/v1").chat(ChatRequest.simple(MODEL, "hi", false), null);

        server.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest redirected = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(result.content()).isEqualTo("ok");
        assertThat(redirected.getUrl().encodedPath()).isEqualTo("/v2/chat/completions");
        assertThat(redirected.getMethod()).isEqualTo("POST");
        assertThat(redirected.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 429, 500, 200})
    void theKeyNeverAppearsEvenWhenTheServerEchoesIt(int status) {
        for (String key : new String[] {KEY, ODD_KEY}) {
            String echo = "Incorrect API key provided: " + key + " (header was 'Authorization: Bearer " + key
                    + "', url ?key=" + key + ")";
            server.enqueue(json(status, "{\"error\":{\"message\":\"" + echo + "\",\"param\":\"" + key
                    + "\",\"code\":\"" + key + "\"}}"));
            OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(), config(server, "/v1", key));

            ApiException e = chatFails(client);

            assertThat(e.getMessage()).doesNotContain(key).doesNotContain(key.substring(0, 12));
            assertThat(e.serverMessage()).doesNotContain(key).contains(Redactor.MARK);
            assertThat(String.valueOf(e)).doesNotContain(key);
        }
    }

    @Test
    void theKeyNeverAppearsInAMidStreamError() {
        server.enqueue(Fixtures.eventStream().body(Fixtures.sse("{\"error\":{\"message\":\"bad key " + ODD_KEY
                + "\"}}")).build());
        OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(), config(server, "/v1", ODD_KEY));

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client.streamChat(ChatRequest.simple(MODEL, "hi", true), null, null));

        assertThat(e.getMessage()).doesNotContain(ODD_KEY);
        assertThat(e.serverMessage()).doesNotContain(ODD_KEY).isEqualTo("bad key " + Redactor.MARK);
    }

    @Test
    void invalidBaseUrlIsReportedNotThrownRaw() {
        OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(), ClientConfig.of("router.flatkey.ai/v1", KEY));

        ApiException e = chatFails(client);

        assertThat(e.kind()).isEqualTo(FailureKind.WRONG_PATH);
        assertThat(e.getMessage()).contains("not a valid http(s) address");
    }

    @Test
    void htmlNotFoundPageIsAWrongPath() {
        server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "text/html")
                .body("<html><head><title>404 Not Found</title></head></html>").build());

        ApiException e = chatFails(client(server, "/"));

        assertThat(e.kind()).isEqualTo(FailureKind.WRONG_PATH);
        assertThat(e.getMessage()).contains("HTTP 404").contains("\"404 Not Found\"").contains("/v1");
    }

    @Test
    void errorObjectWithStatus200IsNotTakenForAnAnswer() {
        server.enqueue(json(200, "{\"error\":{\"message\":\"channel failed\",\"type\":\"upstream_error\"}}"));

        ApiException e = chatFails();

        assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL);
        assertThat(e.serverMessage()).isEqualTo("channel failed");
        assertThat(e.getMessage()).contains("HTTP 200").contains("channel failed");
    }

    @Test
    void sharedClientDefaults() {
        OkHttpClient http = OpenAiClient.newHttpClient();
        ClientConfig config = ClientConfig.of("https://router.flatkey.ai/v1", KEY);

        assertThat(http.retryOnConnectionFailure()).isFalse();
        assertThat(http.followRedirects()).isTrue();
        assertThat(new OpenAiClient(http, config).config()).isSameAs(config);
    }
}
