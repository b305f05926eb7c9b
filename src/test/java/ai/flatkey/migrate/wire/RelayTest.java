package ai.flatkey.migrate.wire;

import okhttp3.Request;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link Relay} sends upstream for an app's request: its headers unchanged but for the hop-by-hop ones. */
class RelayTest {
    private final Relay relay = new Relay(OpenAiClient.newHttpClient(NetworkConfig.direct()),
            "https://gateway.example.test/v1", Duration.ofSeconds(1), Duration.ofSeconds(1));

    @Test
    void hopByHopHeadersAreDroppedAndTheRestPassUnchanged() {
        Request r = relay.request(new Relay.Outgoing("POST", "/v1/chat/completions?x=1", List.of(
                Map.entry("Host", "127.0.0.1:8788"), Map.entry("Connection", "keep-alive, X-Hop"),
                Map.entry("X-Hop", "1"), Map.entry("Keep-Alive", "timeout=5"), Map.entry("TE", "trailers"),
                Map.entry("Transfer-Encoding", "chunked"), Map.entry("Upgrade", "h2c"), Map.entry("Content-Length", "2"),
                Map.entry("Proxy-Authorization", "Basic eA=="), Map.entry("Authorization", "Bearer sk-test-app-0001"),
                Map.entry("api-key", "sk-test-app-0001"), Map.entry("OpenAI-Beta", "assistants=v2"),
                Map.entry("X-Custom", "a"), Map.entry("X-Custom", "b")), "{}".getBytes()));
        assertThat(r.url().toString()).isEqualTo("https://gateway.example.test/v1/chat/completions?x=1");
        assertThat(r.headers().names()).doesNotContain("Host", "Connection", "X-Hop", "Keep-Alive", "TE",
                "Transfer-Encoding", "Upgrade", "Content-Length", "Proxy-Authorization");
        assertThat(r.header("Authorization")).isEqualTo("Bearer sk-test-app-0001");
        assertThat(r.header("api-key")).isEqualTo("sk-test-app-0001");
        assertThat(r.headers("X-Custom")).containsExactly("a", "b");
        assertThat(r.header("OpenAI-Beta")).isEqualTo("assistants=v2");
        assertThat(r.header("Accept-Encoding")).as("no transparent gzip").isEqualTo("identity");
        assertThat(r.method()).isEqualTo("POST");
    }

    @Test
    void theAppsAcceptEncodingIsKeptAndAGetHasNoBody() {
        Request r = relay.request(new Relay.Outgoing("GET", "/v1/models", List.of(
                Map.entry("Accept-Encoding", "gzip")), new byte[0]));
        assertThat(r.header("Accept-Encoding")).isEqualTo("gzip");
        assertThat(r.body()).isNull();
        Request post = relay.request(new Relay.Outgoing("POST", "/v1/x", List.of(), new byte[0]));
        assertThat(post.body()).isNotNull();
    }
}
