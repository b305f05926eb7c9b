package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.AssertionResult;
import ai.flatkey.migrate.plan.CheckFile;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.RequestCheck;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Transport;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request check on the wire: the body reaches the gateway as written (response_format, tools, temperature, vendor
 * fields), with only the model changed through the plan's mapping, to the endpoint the check names, streamed when the
 * body says so; the result says which model it sent; --checks 'request:*' selects exactly the request checks.
 */
class RequestCheckRunTest {
    private static ExecutorService pool;
    private static OkHttpClient http;

    @BeforeAll
    static void start() {
        pool = Executors.newFixedThreadPool(4);
        http = OpenAiClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    static final String CHAT_ANSWER = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,"
            + "\"model\":\"acme-1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
            + "\"{\\\"city\\\":\\\"Paris\\\"}\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,"
            + "\"completion_tokens\":3,\"total_tokens\":8}}";

    /** A gateway that records each request and answers from {@code answers} by path (the models list otherwise). */
    static final class Gateway implements AutoCloseable {
        final MockWebServer server = new MockWebServer();
        final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
        final Map<String, MockResponse> answers = new ConcurrentHashMap<>();

        Gateway() throws Exception {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest r) {
                    requests.add(r);
                    MockResponse a = answers.get(r.getUrl().encodedPath());
                    return a != null ? a : json(200, "{\"object\":\"list\",\"data\":[]}");
                }
            });
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        }

        String baseUrl() {
            return server.url("/v1").toString();
        }

        List<RecordedRequest> posts() {
            return requests.stream().filter(r -> r.getMethod().equals("POST")).toList();
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .addHeader("x-request-id", "req_1").body(body).build();
    }

    static MigrationPlan plan(String baseUrl, String checks) {
        CheckFile.Loaded loaded = CheckFile.parse(checks, "checks.yaml");
        assertThat(loaded.problems()).isEmpty();
        return MigrationPlan.newPlan("p").withTarget(new Endpoint("custom", baseUrl, "env:KEY"))
                .withMappings(List.of(new ModelMapping("gpt-4o-mini", "acme-1", List.of("chat"), ""),
                        new ModelMapping("gpt-4.1", "acme-2", List.of("chat"), ""),
                        new ModelMapping("text-embedding-3-small", "acme-embed", List.of("embeddings"), "")))
                .withFileChecks(loaded.checks());
    }

    static SmokeRun run(MigrationPlan plan, String baseUrl, String globs) throws Exception {
        return new SmokeRunner(Transport.over(http), pool, Clock.systemUTC(), Duration.ofSeconds(10))
                .run(plan, new Target(baseUrl, "sk-test-not-a-real-key-0001"), null,
                        SuiteOptions.defaults().withChecks(globs), SmokeListener.NONE, new Cancellation())
                .get(60, TimeUnit.SECONDS);
    }

    @Test
    void theBodyReachesTheWireAsWrittenWithTheMappedModel() throws Exception {
        try (Gateway gw = new Gateway()) {
            gw.answers.put("/v1/chat/completions", json(200, CHAT_ANSWER));
            SmokeRun run = run(plan(gw.baseUrl(), """
                    checks:
                      - name: weather
                        body:
                          model: gpt-4o-mini
                          messages: [{role: user, content: Weather in Paris as JSON}]
                          temperature: 0.3
                          response_format: {type: json_object}
                          tools: [{type: function, function: {name: get_weather, parameters: {type: object}}}]
                          tool_choice: none
                          x_vendor_flag: {keep: [1, 2]}
                        assert:
                          - is-json: {type: object, required: [city]}
                    """), gw.baseUrl(), "request:*");

            assertThat(gw.posts()).hasSize(1);
            RecordedRequest r = gw.posts().get(0);
            assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
            assertThat(r.getBody().utf8()).isEqualTo("{\"model\":\"acme-1\",\"messages\":[{\"role\":\"user\",\"content\":"
                    + "\"Weather in Paris as JSON\"}],\"temperature\":0.3,\"response_format\":{\"type\":\"json_object\"},"
                    + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":"
                    + "\"object\"}}}],\"tool_choice\":\"none\",\"x_vendor_flag\":{\"keep\":[1,2]}}");
            CheckResult result = run.results().get(0);
            assertThat(result.checkId()).isEqualTo("request:weather");
            assertThat(result.model()).isEqualTo("acme-1");
            assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.PASS);
            assertThat(result.reason()).contains("1 of 1 assertion held", "sent to acme-1 (the body says gpt-4o-mini; the plan maps it)");
            assertThat(result.curl()).contains("\"response_format\":{\"type\":\"json_object\"}", "\"model\":\"acme-1\"")
                    .doesNotContain("sk-test-not-a-real-key-0001");
            assertThat(result.transcript()).contains("\"temperature\":0.3");
        }
    }

    @Test
    void aBodyWithoutAModelRunsOncePerMappedModelOfItsEndpointAndAnUnmappedModelIsSentAsWritten() throws Exception {
        try (Gateway gw = new Gateway()) {
            gw.answers.put("/v1/chat/completions", json(200, CHAT_ANSWER));
            gw.answers.put("/v1/embeddings", json(200, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                    + "\"embedding\":[0.1,0.2]}],\"model\":\"acme-embed\",\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}"));
            MigrationPlan plan = plan(gw.baseUrl(), """
                    checks:
                      - name: any-model
                        body: {messages: [{role: user, content: Hi}]}
                        assert: [not-empty]
                      - name: as-written
                        body: {model: vendor/other-1, messages: [{role: user, content: Hi}]}
                      - name: vectors
                        endpoint: embeddings
                        body: {input: hello, encoding_format: float}
                        assert: [{embedding-count: 1}, {embedding-dimensions: 2}]
                    """);
            SmokeRun run = run(plan, gw.baseUrl(), "request:*");
            assertThat(run.results()).extracting(CheckResult::checkId, CheckResult::model).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("request:any-model:acme-1", "acme-1"),
                    org.assertj.core.groups.Tuple.tuple("request:any-model:acme-2", "acme-2"),
                    org.assertj.core.groups.Tuple.tuple("request:as-written", "vendor/other-1"),
                    org.assertj.core.groups.Tuple.tuple("request:vectors:acme-embed", "acme-embed"));
            assertThat(run.results()).allSatisfy(r -> assertThat(r.verdict()).as(r.checkId() + ": " + r.reason())
                    .isIn(Verdict.PASS));
            assertThat(run.results().get(0).reason()).contains("the body names no model: it runs on every mapped target model");
            assertThat(run.results().get(2).reason()).contains("sent to vendor/other-1 as written");
            assertThat(gw.posts()).extracting(r -> JsonParser.parseString(r.getBody().utf8()).getAsJsonObject()
                    .get("model").getAsString()).containsExactlyInAnyOrder("acme-1", "acme-2", "vendor/other-1", "acme-embed");
            assertThat(gw.posts()).filteredOn(r -> r.getUrl().encodedPath().equals("/v1/embeddings")).singleElement()
                    .satisfies(r -> assertThat(r.getBody().utf8()).isEqualTo("{\"model\":\"acme-embed\",\"input\":\"hello\","
                            + "\"encoding_format\":\"float\"}"));
        }
    }

    @Test
    void streamTrueInTheBodyIsAStreamAndTheResponsesEndpointIsCalledForResponsesChecks() throws Exception {
        try (Gateway gw = new Gateway()) {
            String chunk = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"acme-1\",\"choices\":"
                    + "[{\"index\":0,\"delta\":{\"content\":\"%s\"},\"finish_reason\":%s}]}";
            gw.answers.put("/v1/chat/completions", new MockResponse.Builder().code(200)
                    .addHeader("Content-Type", "text/event-stream").addHeader("x-request-id", "req_2")
                    .body("data: " + String.format(chunk, "Hel", "null") + "\n\ndata: " + String.format(chunk, "lo", "null")
                            + "\n\ndata: " + String.format(chunk, "", "\"stop\"") + "\n\ndata: [DONE]\n\n").build());
            gw.answers.put("/v1/responses", json(200, "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\","
                    + "\"model\":\"acme-1\",\"output\":[{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":"
                    + "\"output_text\",\"text\":\"Bonjour\"}]}],\"usage\":{\"input_tokens\":3,\"output_tokens\":1,"
                    + "\"total_tokens\":4}}"));
            SmokeRun run = run(plan(gw.baseUrl(), """
                    checks:
                      - name: streamed
                        body: {model: gpt-4o-mini, stream: true, messages: [{role: user, content: Hi}]}
                        assert: [done, {chunks: 3}, {equals: Hello}]
                      - name: responses
                        endpoint: responses
                        body: {model: gpt-4.1, input: Say bonjour, max_output_tokens: 16}
                        assert: [{contains: Bonjour}, usage]
                    """), gw.baseUrl(), "request:*");
            assertThat(run.results()).allSatisfy(r -> assertThat(r.verdict()).as(r.checkId() + ": " + r.reason())
                    .isEqualTo(Verdict.PASS));
            RecordedRequest streamed = gw.posts().stream().filter(r -> r.getUrl().encodedPath().endsWith("/chat/completions"))
                    .findFirst().orElseThrow();
            assertThat(streamed.getHeaders().get("Accept")).isEqualTo("text/event-stream");
            assertThat(streamed.getBody().utf8()).isEqualTo("{\"model\":\"acme-1\",\"stream\":true,\"messages\":[{\"role\":"
                    + "\"user\",\"content\":\"Hi\"}]}");
            RecordedRequest responses = gw.posts().stream().filter(r -> r.getUrl().encodedPath().endsWith("/responses"))
                    .findFirst().orElseThrow();
            assertThat(responses.getBody().utf8()).isEqualTo("{\"model\":\"acme-2\",\"input\":\"Say bonjour\",\"max_output_tokens\":16}");
            assertThat(run.results().get(0).output()).isEqualTo("Hello");
        }
    }

    @Test
    void anExpectedErrorPassesAndAnUnexpectedOneIsTheFailureItIs() throws Exception {
        try (Gateway gw = new Gateway()) {
            gw.answers.put("/v1/chat/completions", json(404, "{\"error\":{\"message\":\"The model acme-1 does not exist\","
                    + "\"type\":\"invalid_request_error\",\"param\":\"model\",\"code\":\"model_not_found\"}}"));
            SmokeRun run = run(plan(gw.baseUrl(), """
                    checks:
                      - name: refused
                        body: {model: gpt-4o-mini, messages: [{role: user, content: Hi}]}
                        assert: [{status: 4xx}, {error-type: model_not_found}, {contains: does not exist}]
                      - name: answered
                        body: {model: gpt-4o-mini, messages: [{role: user, content: Hi}]}
                        assert: [not-empty, usage]
                    """), gw.baseUrl(), "request:*");
            CheckResult refused = run.results().get(0);
            assertThat(refused.verdict()).as(refused.reason()).isEqualTo(Verdict.PASS);
            assertThat(refused.assertions()).extracting(AssertionResult::evidence).first().asString().contains("HTTP 404");
            CheckResult answered = run.results().get(1);
            assertThat(answered.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(answered.ruleId()).isEqualTo("MODELS-HAS-MAPPED");
            assertThat(answered.assertions()).extracting(AssertionResult::status)
                    .containsOnly(AssertionResult.Status.NOT_CHECKED);
            assertThat(answered.assertions().get(0).evidence()).contains("the request failed (HTTP 404)");
        }
    }

    @Test
    void requestGlobsSelectExactlyTheRequestChecks() throws Exception {
        try (Gateway gw = new Gateway()) {
            gw.answers.put("/v1/chat/completions", json(200, CHAT_ANSWER));
            MigrationPlan plan = plan(gw.baseUrl(), """
                    checks:
                      - name: one
                        body: {model: gpt-4o-mini, messages: [{role: user, content: Hi}]}
                      - name: two
                        body: {messages: [{role: user, content: Hi}]}
                    """);
            List<String> all = SmokeSuite.derive(plan).stream().map(Check::id).toList();
            assertThat(all).contains("models", "chat:acme-1", "request:one", "request:two:acme-1", "request:two:acme-2", "auth");
            assertThat(SmokeSuite.derive(plan, SuiteOptions.defaults().withChecks("request:*")))
                    .extracting(Check::id).containsExactly("request:one", "request:two:acme-1", "request:two:acme-2");
            assertThat(SmokeSuite.derive(plan, SuiteOptions.defaults().withChecks("request:two:*")))
                    .extracting(Check::id).containsExactly("request:two:acme-1", "request:two:acme-2");
            assertThat(SmokeSuite.derive(plan, SuiteOptions.defaults().withChecks("request:*")))
                    .allSatisfy(c -> assertThat(c.kind()).isEqualTo(Check.REQUEST));
        }
    }

    @Test
    void aBodyWithoutAModelAndAPlanWithoutModelsIsAnErrorThatSaysSo() throws Exception {
        try (Gateway gw = new Gateway()) {
            JsonObject body = JsonParser.parseString("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").getAsJsonObject();
            MigrationPlan plan = MigrationPlan.newPlan("p").withTarget(new Endpoint("custom", gw.baseUrl(), "env:KEY"))
                    .withRequestChecks(List.of(new RequestCheck("lonely", RequestCheck.Api.CHAT, body,
                            List.of(ai.flatkey.migrate.plan.Assertion.of(ai.flatkey.migrate.plan.Assertion.Kind.USAGE)), "")));
            SmokeRun run = run(plan, gw.baseUrl(), "request:*");
            CheckResult r = run.results().get(0);
            assertThat(r.checkId()).isEqualTo("request:lonely");
            assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
            assertThat(r.reason()).contains("names no model", "map a model in step 3");
            assertThat(r.assertions()).extracting(AssertionResult::status).containsOnly(AssertionResult.Status.NOT_CHECKED);
            assertThat(gw.posts()).isEmpty();
        }
    }
}
