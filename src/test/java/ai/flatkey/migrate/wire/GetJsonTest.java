package ai.flatkey.migrate.wire;

import static ai.flatkey.migrate.wire.Fixtures.KEY;
import static ai.flatkey.migrate.wire.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** {@link OpenAiClient#getJson}: the gateway's own routes go through the client's one network path. */
class GetJsonTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    private OpenAiClient client(String path) {
        return Fixtures.client(server, path);
    }

    @Test
    void routesAreReadAtTheOriginWithTheKeyWhereAsked() throws Exception {
        server.enqueue(json(200, "{\"data\":{\"total_available\":1}}"));
        server.enqueue(json(200, "[{\"request_id\":\"r1\"}]"));
        server.enqueue(json(200, "{\"data\":[]}"));
        OpenAiClient c = client("/api/v1");
        assertThat(c.origin()).isEqualTo(server.url("/").toString());

        assertThat(c.getJson("api/usage/token", Map.of(), KeySent.BEARER, null)).get()
                .satisfies(j -> assertThat(j.isJsonObject()).isTrue());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("request_id", "r 1&x");
        assertThat(c.getJson("spend/logs", query, KeySent.QUERY, null)).get()
                .satisfies(j -> assertThat(j.isJsonArray()).isTrue());
        assertThat(c.getJson("api/pricing", Map.of(), KeySent.NONE, null)).isPresent();

        RecordedRequest bearer = server.takeRequest();
        assertThat(bearer.getUrl().encodedPath()).isEqualTo("/api/usage/token");
        assertThat(bearer.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        RecordedRequest inQuery = server.takeRequest();
        assertThat(inQuery.getUrl().queryParameter("request_id")).isEqualTo("r 1&x");
        assertThat(inQuery.getUrl().queryParameter("key")).isEqualTo(KEY);
        assertThat(inQuery.getHeaders().get("Authorization")).isNull();
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
    }

    @Test
    void notFoundIsEmptyAndFailuresAreWiresOwnWithoutTheKey() throws Exception {
        server.enqueue(new MockResponse.Builder().code(404).body("<html>not here</html>").build());
        server.enqueue(json(401, "{\"message\":\"invalid token " + KEY + "\"}"));
        server.enqueue(json(500, "{\"error\":{\"message\":\"boom\"}}"));
        OpenAiClient c = client("/v1");

        assertThat(c.getJson("api/log/token", Map.of(), KeySent.QUERY, null)).isEmpty();
        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> c.getJson("api/log/token", Map.of(), KeySent.QUERY, null));
        assertThat(refused.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(refused.getMessage()).isEqualTo("/api/log/token refused the key (HTTP 401): \"invalid token "
                + Redactor.MARK + "\". The usage API may need a different key (some gateways use an admin or "
                + "management key).");
        assertThat(refused.transcript().url()).doesNotContain(KEY).contains("key=" + Redactor.MARK);
        ApiException failed = catchThrowableOfType(ApiException.class,
                () -> c.getJson("api/usage/token", Map.of(), KeySent.BEARER, null));
        assertThat(failed.kind()).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(failed.getMessage()).startsWith("The gateway failed with HTTP 500: \"boom\".");
    }

    @Test
    void theAccountTimeoutsApply() {
        server.enqueue(json(200, "{}").newBuilder().headersDelay(2, java.util.concurrent.TimeUnit.SECONDS).build());
        ClientConfig cfg = Fixtures.config(server, "/v1", KEY).withTimeouts(Endpoint.ACCOUNT,
                new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(5)));
        OpenAiClient c = new OpenAiClient(okhttp3Client(), cfg);

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> c.getJson("api/usage/token", Map.of(), KeySent.BEARER, null));

        assertThat(e.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(e.getMessage()).contains("200 ms read timeout");
    }

    private static okhttp3.OkHttpClient okhttp3Client() {
        return OpenAiClient.newHttpClient(NetworkConfig.direct());
    }
}
