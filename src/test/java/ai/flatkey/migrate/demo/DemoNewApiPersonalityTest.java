package ai.flatkey.migrate.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo gateway answering as new-api does: its own request ID, its own unit, its prices, its 503. */
class DemoNewApiPersonalityTest {

    @Test
    void answersAndChargesAsNewApiDoes() throws Exception {
        try (DemoGateway gw = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0)
                .withPersonality(DemoConfig.Personality.NEW_API))) {
            TestHttp http = new TestHttp(gw);

            HttpResponse<String> chat = http.chat(TestHttp.chatBody("gpt-5.5", "hello", ""));
            assertThat(chat.statusCode()).isEqualTo(200);
            String own = chat.headers().firstValue("X-Oneapi-Request-Id").orElseThrow();
            String upstream = chat.headers().firstValue("x-request-id").orElseThrow();
            assertThat(own).matches("\\d{14}\\d{1,9}[A-Za-z0-9]{8}");
            assertThat(upstream).startsWith("req_").isNotEqualTo(own);

            JsonObject status = TestHttp.json(http.send(http.rootRequest("/api/status", null).GET().build())).getAsJsonObject("data");
            assertThat(status.get("quota_per_unit").getAsLong()).isEqualTo(1_000_000L);
            assertThat(status.get("quota_display_type").getAsString()).isEqualTo("USD");

            JsonObject pricing = TestHttp.json(http.send(http.rootRequest("/api/pricing", null).GET().build()));
            assertThat(pricing.getAsJsonObject("group_ratio").get("default").getAsDouble()).isEqualTo(1.5);
            JsonObject perCall = null;
            for (var item : pricing.getAsJsonArray("data")) {
                if (item.getAsJsonObject().get("model_name").getAsString().equals("gpt-4.1-mini")) {
                    perCall = item.getAsJsonObject();
                }
            }
            assertThat(perCall).isNotNull();
            assertThat(perCall.get("quota_type").getAsInt()).isEqualTo(1);
            assertThat(perCall.get("model_price").getAsDouble()).isEqualTo(0.002);
            assertThat(http.send(http.rootRequest("/api/website/pricing", null).GET().build()).statusCode()).isEqualTo(404);

            JsonArray log = TestHttp.json(http.send(http.rootRequest("/api/log/token", DemoGateway.DEMO_KEY).GET().build())).getAsJsonArray("data");
            JsonObject entry = log.get(log.size() - 1).getAsJsonObject();
            assertThat(entry.get("request_id").getAsString()).as("only its own ID is logged").isEqualTo(own);
            assertThat(chat.body()).doesNotContain(own);
            JsonObject usage = TestHttp.json(chat).getAsJsonObject("usage");
            long expected = Math.round((usage.get("prompt_tokens").getAsInt()
                    + usage.get("completion_tokens").getAsInt() * 8.0) * 1.25 * 1.5);
            assertThat(entry.get("quota").getAsLong()).isEqualTo(expected);
            assertThat(JsonParser.parseString(entry.get("other").getAsString()).getAsJsonObject()
                    .get("group_ratio").getAsDouble()).isEqualTo(1.5);

            HttpResponse<String> unknown = http.chat(TestHttp.chatBody("gpt-nope", "hello", ""));
            assertThat(unknown.statusCode()).isEqualTo(503);
            JsonObject error = TestHttp.error(unknown);
            assertThat(error.get("code").getAsString()).isEqualTo("model_not_found");
            assertThat(error.get("message").getAsString())
                    .isEqualTo("No available channel for model gpt-nope under group default (distributor)");
            assertThat(unknown.headers().firstValue("x-request-id")).as("nothing was relayed").isEmpty();
        }
        try (DemoGateway flatkey = DemoGateway.start(DemoConfig.defaults())) {
            TestHttp http = new TestHttp(flatkey);
            assertThat(http.chat(TestHttp.chatBody("gpt-nope", "hello", "")).statusCode()).isEqualTo(404);
            assertThat(http.send(http.rootRequest("/api/status", null).GET().build()).statusCode()).isEqualTo(404);
            assertThat(flatkey.config().personality()).isEqualTo(DemoConfig.Personality.FLATKEY);
        }
    }
}
