package ai.flatkey.migrate.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;

import static ai.flatkey.migrate.demo.TestHttp.chatBody;
import static ai.flatkey.migrate.demo.TestHttp.error;
import static ai.flatkey.migrate.demo.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The per-key ledger behind the Flatkey routes, quota, the demo keys and the rate-limit headers. */
class DemoLedgerTest {

    private DemoGateway gateway;
    private TestHttp http;

    @BeforeEach
    void start() throws Exception {
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0));
        http = new TestHttp(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private JsonObject usage(String key) {
        HttpResponse<String> response = http.send(http.rootRequest("/api/usage/token", key).GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject body = json(response);
        assertThat(body.get("code").getAsBoolean()).isTrue();
        assertThat(body.get("message").getAsString()).isEqualTo("ok");
        return body.getAsJsonObject("data");
    }

    private static long expectedQuota(double inputPrice, double outputPrice, int prompt, int completion) {
        BigDecimal usd = BigDecimal.valueOf(inputPrice).multiply(BigDecimal.valueOf(prompt))
                .add(BigDecimal.valueOf(outputPrice).multiply(BigDecimal.valueOf(completion)))
                .divide(BigDecimal.valueOf(1_000_000));
        long quota = usd.multiply(BigDecimal.valueOf(500_000)).setScale(0, RoundingMode.HALF_UP).longValue();
        return Math.max(1, quota);
    }

    @Test
    void quotaDropsByExactlyTheCostOfWhatWasServedAndTheLogShowsIt() {
        JsonObject before = usage(DemoGateway.DEMO_KEY);
        HttpResponse<String> chat = http.chat(chatBody("claude-sonnet-4.5", "Bill me for this", ""));
        JsonObject after = usage(DemoGateway.DEMO_KEY);

        int prompt = json(chat).getAsJsonObject("usage").get("prompt_tokens").getAsInt();
        int completion = json(chat).getAsJsonObject("usage").get("completion_tokens").getAsInt();
        long cost = expectedQuota(3.00, 15.00, prompt, completion);
        assertThat(before.get("object").getAsString()).isEqualTo("token_usage");
        assertThat(before.get("name").getAsString()).isEqualTo("Demo key");
        assertThat(before.get("total_granted").getAsLong()).isEqualTo(50_000_000L);
        assertThat(before.get("unlimited_quota").getAsBoolean()).isFalse();
        assertThat(before.get("expires_at").getAsLong()).isZero();
        assertThat(before.has("model_limits")).isTrue();
        assertThat(after.get("total_used").getAsLong() - before.get("total_used").getAsLong()).isEqualTo(cost);
        assertThat(before.get("total_available").getAsLong() - after.get("total_available").getAsLong())
                .isEqualTo(cost);
        assertThat(after.get("total_granted").getAsLong()).isEqualTo(after.get("total_used").getAsLong()
                + after.get("total_available").getAsLong());

        String requestId = chat.headers().firstValue("x-request-id").orElseThrow();
        HttpResponse<String> log = http.send(http.rootRequest("/api/log/token", DemoGateway.DEMO_KEY).GET().build());
        assertThat(json(log).get("success").getAsBoolean()).isTrue();
        JsonArray entries = json(log).getAsJsonArray("data");
        assertThat(entries).hasSize(1);
        JsonObject entry = entries.get(0).getAsJsonObject();
        assertThat(entry.get("request_id").getAsString()).isEqualTo(requestId);
        assertThat(entry.get("model_name").getAsString()).isEqualTo("claude-sonnet-4.5");
        assertThat(entry.get("prompt_tokens").getAsInt()).isEqualTo(prompt);
        assertThat(entry.get("completion_tokens").getAsInt()).isEqualTo(completion);
        assertThat(entry.get("quota").getAsLong()).isEqualTo(cost);
        assertThat(entry.get("status").getAsInt()).isEqualTo(200);
        assertThat(entry.get("type").getAsInt()).isEqualTo(2);
        assertThat(entry.get("created_at").getAsLong()).isPositive();

        JsonObject credits = json(http.get("/credits", DemoGateway.DEMO_KEY));
        assertThat(credits.get("total_used").getAsBigDecimal())
                .isEqualByComparingTo(BigDecimal.valueOf(after.get("total_used").getAsLong())
                        .divide(BigDecimal.valueOf(500_000), 6, RoundingMode.HALF_UP));
        JsonObject status = json(http.get("/status", DemoGateway.DEMO_KEY));
        assertThat(status.get("status").getAsString()).isEqualTo("active");
        assertThat(status.getAsJsonObject("rate_limits").get("requests_per_minute").getAsInt()).isEqualTo(600);
    }

    @Test
    void billsStreamsResponsesAndEmbeddingsToo() {
        http.lines(http.faulty("/chat/completions", chatBody("gpt-4o-mini", "stream", "\"stream\":true"), ""));
        http.post("/responses", DemoGateway.DEMO_KEY, "{\"model\":\"gpt-4o-mini\",\"input\":\"hi\"}");
        http.post("/embeddings", DemoGateway.DEMO_KEY, "{\"model\":\"text-embedding-3-small\",\"input\":\"hi\"}");
        http.chat(chatBody("no-such-model", "hi", ""));

        JsonArray entries = json(http.send(http.rootRequest("/api/log/token", DemoGateway.DEMO_KEY).GET().build()))
                .getAsJsonArray("data");
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).getAsJsonObject().get("is_stream").getAsBoolean()).isTrue();
        assertThat(entries.get(1).getAsJsonObject().get("endpoint").getAsString()).isEqualTo("/v1/responses");
        assertThat(entries.get(2).getAsJsonObject().get("quota").getAsLong()).isEqualTo(1);
        long logged = 0;
        for (var entry : entries) {
            logged += entry.getAsJsonObject().get("quota").getAsLong();
        }
        assertThat(usage(DemoGateway.DEMO_KEY).get("total_used").getAsLong()).isEqualTo(logged);
    }

    @Test
    void refusesRequestsTheLowQuotaKeyCannotPayFor() {
        HttpResponse<String> refused = null;
        int served = 0;
        for (int i = 0; i < 10 && refused == null; i++) {
            HttpResponse<String> response = http.post("/chat/completions", DemoGateway.DEMO_KEY_LOW_QUOTA,
                    chatBody("claude-sonnet-4.5", "Expensive question number " + i, ""));
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                served++;
            }
        }

        assertThat(refused).as("the low-quota key runs out").isNotNull();
        assertThat(served).isBetween(1, 3);
        JsonObject problem = error(refused);
        assertThat(problem.get("type").getAsString()).isEqualTo("insufficient_quota");
        assertThat(problem.get("code").getAsString()).isEqualTo("insufficient_quota");
        assertThat(problem.get("message").getAsString())
                .matches("token quota is not enough, token remain quota: \\$0\\.\\d{6}, need quota: \\$0\\.\\d{6}"
                        + " \\(request id: req_[0-9a-f]{24}\\)");
        JsonObject usage = usage(DemoGateway.DEMO_KEY_LOW_QUOTA);
        assertThat(usage.get("total_granted").getAsLong()).isEqualTo(500);
        assertThat(usage.get("total_used").getAsLong() + usage.get("total_available").getAsLong()).isEqualTo(500);
        JsonArray log = json(http.send(http.rootRequest("/api/log/token", DemoGateway.DEMO_KEY_LOW_QUOTA).GET()
                .build())).getAsJsonArray("data");
        JsonObject last = log.get(log.size() - 1).getAsJsonObject();
        assertThat(last.get("status").getAsInt()).isEqualTo(429);
        assertThat(last.get("quota").getAsLong()).isZero();
        assertThat(usage(DemoGateway.DEMO_KEY).get("total_used").getAsLong()).as("other keys untouched").isZero();
    }

    @Test
    void rateLimitsTheRateLimitedKeyAfterThreeRequestsAndCountsTokensDown() {
        HttpResponse<String> first = http.post("/chat/completions", DemoGateway.DEMO_KEY_RATE_LIMITED,
                chatBody("gpt-4o-mini", "one", ""));
        int total = json(first).getAsJsonObject("usage").get("total_tokens").getAsInt();
        HttpResponse<String> second = http.get("/models", DemoGateway.DEMO_KEY_RATE_LIMITED);
        HttpResponse<String> third = http.get("/models", DemoGateway.DEMO_KEY_RATE_LIMITED);
        HttpResponse<String> fourth = http.get("/models", DemoGateway.DEMO_KEY_RATE_LIMITED);

        assertThat(first.headers().firstValue("x-ratelimit-limit-requests")).hasValue("3");
        assertThat(first.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("2");
        assertThat(first.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("2000");
        int remainingTokens = Integer.parseInt(first.headers().firstValue("x-ratelimit-remaining-tokens")
                .orElseThrow());
        // The bucket refills 2000 tokens per minute: at most a few tokens come back while the test runs.
        assertThat(remainingTokens).isBetween(2000 - total, 2000 - total + 5);
        assertThat(first.headers().firstValue("x-ratelimit-reset-tokens").orElseThrow()).matches("\\d+(\\.\\d+)?s");
        assertThat(third.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(error(fourth).get("code").getAsString()).isEqualTo("rate_limit_exceeded");
        assertThat(Long.parseLong(fourth.headers().firstValue("retry-after").orElseThrow())).isBetween(1L, 20L);
        assertThat(http.get("/models", DemoGateway.DEMO_KEY).statusCode()).as("other keys unaffected")
                .isEqualTo(200);
    }

    @Test
    void keyRoutesNeedAKeyAndPricingIsPublic() {
        HttpResponse<String> credits = http.get("/credits", null);
        HttpResponse<String> status = http.get("/status", TestHttp.FAKE_WRONG_KEY);
        HttpResponse<String> usage = http.send(http.rootRequest("/api/usage/token", null).GET().build());
        HttpResponse<String> log = http.send(http.rootRequest("/api/log/token", TestHttp.FAKE_WRONG_KEY).GET()
                .build());
        HttpResponse<String> pricing = http.send(http.rootRequest("/api/website/pricing", null).GET().build());

        assertThat(credits.statusCode()).isEqualTo(401);
        assertThat(error(credits).get("code").getAsString()).isEqualTo("invalid_api_key");
        assertThat(status.statusCode()).isEqualTo(401);
        assertThat(usage.statusCode()).isEqualTo(401);
        assertThat(json(usage).get("success").getAsBoolean()).isFalse();
        assertThat(json(usage).get("message").getAsString()).contains("Authorization");
        assertThat(log.statusCode()).isEqualTo(401);
        assertThat(log.body()).doesNotContain(TestHttp.FAKE_WRONG_KEY);
        assertThat(pricing.statusCode()).isEqualTo(200);
        JsonArray prices = json(pricing).getAsJsonArray("data");
        assertThat(prices).hasSize(gateway.modelIds().size());
        JsonObject mini = prices.asList().stream().map(e -> e.getAsJsonObject())
                .filter(p -> p.get("model_name").getAsString().equals("gpt-4o-mini")).findFirst().orElseThrow();
        assertThat(mini.get("input_price_per_1m").getAsDouble()).isEqualTo(0.15);
        assertThat(mini.get("output_price_per_1m").getAsDouble()).isEqualTo(0.60);
        assertThat(mini.get("model_ratio").getAsDouble()).isEqualTo(0.075);
        assertThat(mini.get("completion_ratio").getAsDouble()).isEqualTo(4.0);
    }
}
