package ai.flatkey.migrate.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ResponseHeadersTest {
    private static final Instant NOW = Instant.parse("2026-10-21T07:27:00Z");

    @ParameterizedTest
    @CsvSource({"12ms,12", "1.5s,1500", "6m0s,360000", "1h2m3s,3723000", "0s,0", "250us,0", "20s,20000",
            "1m30.5s,90500"})
    void goDurations(String text, long millis) {
        assertThat(ResponseHeaders.parseDuration(text)).isEqualTo(Duration.ofNanos(
                text.equals("250us") ? 250_000 : millis * 1_000_000));
    }

    @ParameterizedTest
    @CsvSource({"soon", "5 s", "1x", "s", "''"})
    void notDurations(String text) {
        assertThat(ResponseHeaders.parseDuration(text)).isNull();
    }

    @Test
    void everyHeaderIsTyped() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-RateLimit-Limit-Requests", "500");
        h.put("x-ratelimit-remaining-requests", "499");
        h.put("x-ratelimit-reset-requests", "120ms");
        h.put("x-ratelimit-limit-tokens", "30000");
        h.put("x-ratelimit-remaining-tokens", "29000");
        h.put("x-ratelimit-reset-tokens", "6m0s");
        h.put("retry-after", "3");
        h.put("x-should-retry", "false");
        h.put("x-request-id", "req_9");
        h.put("openai-processing-ms", "321.7");
        h.put("x-litellm-response-cost", "1.2e-05");
        h.put("content-type", "application/json");

        ResponseHeaders r = ResponseHeaders.of(h, NOW);

        assertThat(r.limitRequests()).isEqualTo(500);
        assertThat(r.remainingRequests()).isEqualTo(499);
        assertThat(r.resetRequests()).isEqualTo(Duration.ofMillis(120));
        assertThat(r.limitTokens()).isEqualTo(30000);
        assertThat(r.remainingTokens()).isEqualTo(29000);
        assertThat(r.resetTokens()).isEqualTo(Duration.ofMinutes(6));
        assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(r.shouldRetry()).isFalse();
        assertThat(r.requestId()).isEqualTo("req_9");
        assertThat(r.processingMs()).isEqualTo(322);
        assertThat(r.costUsd()).isEqualByComparingTo(new BigDecimal("0.000012"));
        assertThat(r.hasRateLimits()).isTrue();
        assertThat(r.unparseable()).isEmpty();
        assertThat(r.raw()).doesNotContainKey("content-type").containsEntry("x-ratelimit-limit-requests", "500");
    }

    @Test
    void retryAfterMsWinsAndHttpDatesAreRelativeToNow() {
        assertThat(ResponseHeaders.of(Map.of("retry-after", "30", "retry-after-ms", "1500"), NOW).retryAfter())
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(ResponseHeaders.of(Map.of("retry-after", "Wed, 21 Oct 2026 07:28:00 GMT"), NOW).retryAfter())
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(ResponseHeaders.of(Map.of("retry-after", "Wed, 21 Oct 2026 07:00:00 GMT"), NOW).retryAfter())
                .as("a date in the past means now").isEqualTo(Duration.ZERO);
    }

    @Test
    void epochResetsAndUnreadableValuesAreNamed() {
        ResponseHeaders r = ResponseHeaders.of(Map.of("x-ratelimit-reset-requests",
                String.valueOf(NOW.getEpochSecond() + 90), "x-ratelimit-limit-tokens", "lots",
                "retry-after", "whenever", "x-should-retry", "maybe"), NOW);

        assertThat(r.resetRequests()).isEqualTo(Duration.ofSeconds(90));
        assertThat(r.limitTokens()).isNull();
        assertThat(r.retryAfter()).isNull();
        assertThat(r.unparseable()).containsExactlyInAnyOrder("x-ratelimit-limit-tokens: lots",
                "retry-after: whenever", "x-should-retry: maybe");
    }

    @Test
    void noHeadersIsEmpty() {
        ResponseHeaders r = ResponseHeaders.of(Map.of(), NOW);
        assertThat(r).isEqualTo(ResponseHeaders.EMPTY);
        assertThat(r.hasRateLimits()).isFalse();
    }

    @Test
    void theGatewaysOwnIdWinsAndEveryIdHeaderIsKept() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("x-request-id", "req_0f1e2d3c4b5a69788796a5b4");
        h.put("X-Oneapi-Request-Id", "2026102107270012345678aBcDeFgH");
        h.put("x-litellm-call-id", "c0ffee00-0000-4000-8000-000000000001");

        ResponseHeaders r = ResponseHeaders.of(h, NOW);

        assertThat(r.requestId()).as("new-api's log records its own ID, not the upstream's").isEqualTo("2026102107270012345678aBcDeFgH");
        assertThat(r.requestIds()).containsExactly(Map.entry("x-oneapi-request-id", "2026102107270012345678aBcDeFgH"),
                Map.entry("x-request-id", "req_0f1e2d3c4b5a69788796a5b4"),
                Map.entry("x-litellm-call-id", "c0ffee00-0000-4000-8000-000000000001"));
        assertThat(ResponseHeaders.requestId(okhttp3.Headers.of(h))).isEqualTo("2026102107270012345678aBcDeFgH");
        assertThat(ResponseHeaders.of(Map.of("x-request-id", "req_9"), NOW).requestId()).isEqualTo("req_9");
    }

    @Test
    void aRenderedTranscriptGivesBackTheIdsOfItsLastAttemptAndTheAnswersId() {
        String transcript = "POST https://gw.example/v1/chat/completions\n{\"model\":\"gpt-5.5\"}\n\n"
                + "# attempt 1 at +0 ms: HTTP 503 — server_error\nx-request-id: req_first\n# retry in 500 ms\n"
                + "\n# attempt 2 at +500 ms: HTTP 200 — ok\ncontent-type: text/event-stream\nx-request-id: req_second\n"
                + "X-Oneapi-Request-Id: 20261021072700123456789abcdefgh\n\n"
                + "[+12 ms] data: {\"id\":\"gen-1700000000-abc\",\"object\":\"chat.completion.chunk\"}\n"
                + "[+20 ms] data: [DONE]\n\n=> ok\n";

        assertThat(ResponseHeaders.requestIdsIn(transcript)).containsExactly(
                Map.entry("x-oneapi-request-id", "20261021072700123456789abcdefgh"),
                Map.entry("x-request-id", "req_second"), Map.entry("id", "gen-1700000000-abc"));
        assertThat(ResponseHeaders.requestIdsIn("")).isEmpty();
    }
}
