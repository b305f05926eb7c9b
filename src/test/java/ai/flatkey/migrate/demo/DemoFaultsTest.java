package ai.flatkey.migrate.demo;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static ai.flatkey.migrate.demo.TestHttp.chatBody;
import static ai.flatkey.migrate.demo.TestHttp.error;
import static org.assertj.core.api.Assertions.assertThat;

/** The fault modes, per request ({@code x-demo-fault}) and per model, and the first-token delay. */
class DemoFaultsTest {

    private static final String STREAM = chatBody("gpt-4o-mini", "Tell me something",
            "\"stream\":true,\"stream_options\":{\"include_usage\":true}");
    private static final String PLAIN = chatBody("gpt-4o-mini", "Tell me something", "");

    private static DemoGateway gateway;
    private static TestHttp http;

    @BeforeAll
    static void start() throws Exception {
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0));
        http = new TestHttp(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static List<String> lines(String body, String fault) {
        return http.lines(http.faulty("/chat/completions", body, fault)).stream().map(TestHttp.TimedLine::text)
                .toList();
    }

    @Test
    void answersWithErrorsAndHtmlPagesOnRequest() {
        TestHttp.RawResult limited = http.raw(http.faulty("/chat/completions", PLAIN, "429"));
        TestHttp.RawResult broken = http.raw(http.request("/models", DemoGateway.DEMO_KEY)
                .header(DemoGateway.FAULT_HEADER, "500").GET().build());
        TestHttp.RawResult gatewayPage = http.raw(http.faulty("/chat/completions", PLAIN, "502-html"));
        TestHttp.RawResult spa = http.raw(http.faulty("/chat/completions", PLAIN, "html-200"));

        assertThat(limited.response().statusCode()).isEqualTo(429);
        assertThat(limited.response().headers().firstValue("retry-after")).hasValue("1");
        assertThat(limited.response().headers().firstValue("retry-after-ms")).hasValue("1000");
        assertThat(broken.response().statusCode()).isEqualTo(500);
        assertThat(JsonParser.parseString(broken.body()).getAsJsonObject().getAsJsonObject("error").get("type")
                .getAsString()).isEqualTo("server_error");
        assertThat(gatewayPage.response().statusCode()).isEqualTo(502);
        assertThat(gatewayPage.response().headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(gatewayPage.body()).contains("<title>502 Bad Gateway</title>");
        assertThat(spa.response().statusCode()).isEqualTo(200);
        assertThat(spa.response().headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(spa.body()).startsWith("<!DOCTYPE html>");
        assertThat(spa.response().headers().firstValue("x-request-id")).isPresent();
    }

    @Test
    void refusesAnUnknownFaultNamingTheHeader() {
        HttpResponse<String> response = http.send(http.faulty("/chat/completions", PLAIN, "latency=5ms, explode"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).get("param").getAsString()).isEqualTo("x-demo-fault");
        assertThat(error(response).get("code").getAsString()).isEqualTo("invalid_fault");
        assertThat(error(response).get("message").getAsString()).contains("'explode'").contains("midstream-error");
    }

    @Test
    void waitsForTheLatencyAskedFor() {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(http.faulty("/chat/completions", PLAIN, "latency=300ms"));
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(elapsed).isGreaterThanOrEqualTo(300);
    }

    @Test
    void truncatesAStreamWithoutFinishOrDoneAndAPlainAnswerMidJson() {
        List<String> whole = lines(STREAM, "");
        List<String> truncated = lines(STREAM, "truncate");
        TestHttp.RawResult plain = http.raw(http.faulty("/chat/completions", PLAIN, "truncate"));

        assertThat(whole).contains("data: [DONE]");
        assertThat(truncated).doesNotContain("data: [DONE]");
        assertThat(truncated).noneMatch(line -> line.contains("\"finish_reason\":\"stop\""));
        assertThat(truncated.size()).isLessThan(whole.size() / 2 + 4);
        assertThat(plain.response().statusCode()).isEqualTo(200);
        assertThat(plain.failure()).isNull();
        assertThat(plain.body()).startsWith("{").doesNotEndWith("}");
    }

    @Test
    void endsACompleteStreamWithoutDone() {
        List<String> lines = lines(STREAM, "no-done");

        assertThat(lines).doesNotContain("data: [DONE]");
        assertThat(lines).anyMatch(line -> line.contains("\"finish_reason\":\"stop\""));
        assertThat(lines).anyMatch(line -> line.contains("\"choices\":[]") && line.contains("\"total_tokens\""));
    }

    @Test
    void dropsTheConnectionMidStream() {
        TestHttp.RawResult result = http.raw(http.faulty("/chat/completions", STREAM, "drop"));

        assertThat(result.failure()).as("the connection is cut").isNotNull();
        assertThat(result.body()).contains("data: {").doesNotContain("[DONE]");
    }

    @Test
    void sendsKeepAliveCommentsAndCrlfWhenAsked() {
        TestHttp.RawResult result = http.raw(http.faulty("/chat/completions", STREAM, "keepalive, crlf"));

        assertThat(result.body()).contains(": keep-alive\r\n\r\ndata: {").contains("data: [DONE]\r\n\r\n");
        assertThat(result.body().replace("\r\n", "")).doesNotContain("\n");
    }

    @Test
    void sendsAnErrorMidStream() {
        List<String> lines = lines(STREAM, "midstream-error");

        String errorLine = lines.stream().filter(line -> line.startsWith("data: {\"error\"")).findFirst()
                .orElseThrow();
        JsonObject error = JsonParser.parseString(errorLine.substring(6)).getAsJsonObject().getAsJsonObject("error");
        assertThat(error.get("type").getAsString()).isEqualTo("server_error");
        assertThat(lines).doesNotContain("data: [DONE]");
    }

    @Test
    void sendsAnEmptyFirstChoicesChunkAndLeavesOutUsageWhenAsked() {
        List<String> lines = lines(STREAM, "empty-first-choices,no-usage");
        HttpResponse<String> plain = http.send(http.faulty("/chat/completions", PLAIN, "no-usage"));

        JsonObject first = JsonParser.parseString(lines.get(0).substring(6)).getAsJsonObject();
        assertThat(first.getAsJsonArray("choices")).isEmpty();
        assertThat(first.has("prompt_filter_results")).isTrue();
        assertThat(lines).noneMatch(line -> line.contains("\"total_tokens\""));
        assertThat(lines).contains("data: [DONE]");
        assertThat(TestHttp.json(plain).has("usage")).isFalse();
    }

    @Test
    void dripsEventsInFragmentsAtTheGivenPace() {
        List<TestHttp.TimedLine> lines = http.lines(http.faulty("/chat/completions",
                chatBody("gpt-4o-mini", "short", "\"stream\":true,\"max_tokens\":4"), "drip=90ms"));
        List<Long> contentTimes = lines.stream().filter(l -> l.text().contains("\"content\":\" "))
                .map(TestHttp.TimedLine::nanos).toList();

        assertThat(contentTimes).hasSize(3);
        for (int i = 1; i < contentTimes.size(); i++) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(contentTimes.get(i) - contentTimes.get(i - 1)))
                    .isGreaterThanOrEqualTo(60);
        }
    }

    @Test
    void faultModelsAlwaysFailTheirWayAndAreListedOnlyWhenAsked() throws Exception {
        List<String> truncated = lines(chatBody("demo-truncate", "hi", "\"stream\":true"), "");
        TestHttp.RawResult html = http.raw(http.faulty("/chat/completions", chatBody("demo-html", "hi", ""), ""));
        HttpResponse<String> limited = http.chat(chatBody("demo-429", "hi", ""));
        HttpResponse<String> plain = http.chat(chatBody("demo-400-text", "hi", ""));

        assertThat(truncated).doesNotContain("data: [DONE]").isNotEmpty();
        assertThat(html.body()).startsWith("<!DOCTYPE html>");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(plain.body()).startsWith("Bad Request").doesNotContain("{");
        assertThat(gateway.modelIds()).noneMatch(id -> id.startsWith("demo-"));
        assertThat(DemoGateway.FAULT_MODELS).containsEntry("demo-truncate", "truncate")
                .containsEntry("demo-slow", "latency=1500ms").containsEntry("demo-400-text", "400-text").hasSize(16);
        try (DemoGateway listing = DemoGateway.start(DemoConfig.defaults().withFaultModelsListed(true))) {
            assertThat(listing.modelIds()).containsAll(DemoGateway.FAULT_MODELS.keySet());
            assertThat(new TestHttp(listing).get("/models", DemoGateway.DEMO_KEY).body()).contains("demo-drop");
        }
    }

    @Test
    void holdsTheFirstTokenForTheConfiguredDelay() throws Exception {
        try (DemoGateway delayed = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0)
                .withFirstTokenDelayMs(200))) {
            TestHttp client = new TestHttp(delayed);
            long start = System.nanoTime();
            List<TestHttp.TimedLine> lines = client.lines(client.faulty("/chat/completions", STREAM, ""));
            TestHttp.TimedLine role = lines.get(0);
            TestHttp.TimedLine firstContent = lines.stream().filter(l -> l.text().contains("\"content\":\"Demo"))
                    .findFirst().orElseThrow();
            long plainStart = System.nanoTime();
            HttpResponse<String> plain = client.chat(PLAIN);
            long plainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - plainStart);

            assertThat(TimeUnit.NANOSECONDS.toMillis(firstContent.nanos() - start)).isGreaterThanOrEqualTo(200);
            assertThat(role.nanos()).isLessThan(firstContent.nanos());
            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(plainMillis).isGreaterThanOrEqualTo(200);
        }
    }
}
