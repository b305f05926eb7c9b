package ai.flatkey.migrate.wire;

import static ai.flatkey.migrate.wire.Fixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, case 2: new-api's {@code ?key=} fallback of {@code /api/log/token} must not follow a redirect to another
 * origin with the key in the query string (OkHttp drops {@code Authorization} there, but keeps the query). A
 * redirect within the origin is still followed.
 */
class KeyOriginTest {
    @StartStop
    private final MockWebServer gateway = new MockWebServer();
    @StartStop
    private final MockWebServer elsewhere = new MockWebServer();

    @Test
    void aKeyInTheQueryIsNotSentToAnotherOriginByARedirect() throws Exception {
        for (int i = 0; i < 3; i++) {
            gateway.enqueue(new MockResponse.Builder().code(302)
                    .addHeader("Location", elsewhere.url("/api/log/token").toString() + "?key=" + KEY).build());
        }
        elsewhere.enqueue(new MockResponse.Builder().code(200).body("{\"data\":[]}").build());
        OpenAiClient c = Fixtures.client(gateway, "/v1");

        assertThatThrownBy(() -> c.getJson("api/log/token", Map.of(), KeySent.QUERY, null))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("another origin").doesNotContain(KEY));
        assertThat(elsewhere.getRequestCount()).as("requests that reached the other origin").isZero();
        RecordedRequest first = gateway.takeRequest();
        assertThat(first.getUrl().queryParameter("key")).isEqualTo(KEY);
    }

    @Test
    void aRedirectWithinTheOriginIsFollowedWithTheKey() throws Exception {
        gateway.enqueue(new MockResponse.Builder().code(301).addHeader("Location", "/api/log/token/").build());
        gateway.enqueue(new MockResponse.Builder().code(200).body("{\"data\":[]}").build());
        OpenAiClient c = Fixtures.client(gateway, "/v1");

        assertThat(c.getJson("api/log/token", Map.of(), KeySent.QUERY, null)).isPresent();
        gateway.takeRequest();
        assertThat(gateway.takeRequest().getUrl().encodedPath()).isEqualTo("/api/log/token/");
    }

    @Test
    void aBearerRequestRedirectedElsewhereArrivesWithoutTheKey() throws Exception {
        gateway.enqueue(new MockResponse.Builder().code(307).addHeader("Location", elsewhere.url("/v1/models")).build());
        elsewhere.enqueue(new MockResponse.Builder().code(200).body("{\"data\":[]}").build());
        OpenAiClient c = Fixtures.client(gateway, "/v1");

        c.getJson("api/usage/token", Map.of(), KeySent.BEARER, null);
        assertThat(elsewhere.getRequestCount()).isEqualTo(1);
        assertThat(elsewhere.takeRequest().getHeaders().get("Authorization")).isNull();
    }
}
