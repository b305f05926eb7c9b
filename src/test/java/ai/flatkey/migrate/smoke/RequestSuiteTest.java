package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.AssertionResult;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Transport;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18's done-when: a support bot's 12 requests (6 chat, 2 tool calls, 2 json_object, 2 json_schema), written as
 * a check file (docs/examples/support-suite.yaml) that the plan references, pass against the demo gateway; the same
 * file against a gateway that drops response_format, omits the tool call or returns broken JSON fails exactly the
 * checks that depend on it, with the rules that say why. The faulty gateways are the demo gateway behind a
 * MockWebServer that changes requests or answers on their way.
 */
class RequestSuiteTest {
    static final Path SUITE = Path.of("docs/examples/support-suite.yaml");
    static final Set<String> JSON_CHECKS = Set.of("request:ticket-summary-json", "request:sentiment-json",
            "request:triage-schema", "request:contact-schema");
    static final Set<String> TOOL_CHECKS = Set.of("request:weather-tool", "request:order-lookup-tool");

    private static DemoGateway gateway;
    private static ExecutorService pool;
    private static OkHttpClient http;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0));
        pool = Executors.newFixedThreadPool(4);
        http = OpenAiClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        pool.shutdownNow();
    }

    /** A plan saved next to a copy of the suite, referencing it, as a person keeps them in the app's repository. */
    private MigrationPlan plan(String baseUrl) throws Exception {
        Files.copy(SUITE, dir.resolve("support-suite.yaml"));
        MigrationPlan plan = MigrationPlan.newPlan("support bot").withTarget(new Endpoint("custom", baseUrl, "env:KEY"))
                .withMappings(List.of(new ModelMapping("gpt-4o-mini", "gpt-5.5", List.of("chat", "streaming", "tools",
                        "json", "json_schema"), "", 1.25, 10.0)))
                .withCheckFiles(List.of("support-suite.yaml"));
        PlanStore store = new PlanStore();
        Path file = dir.resolve("plan.json");
        store.save(file, plan);
        assertThat(Files.readString(file)).contains("\"checkFiles\"").doesNotContain("fileChecks", "weather-tool");
        PlanStore.Opened opened = store.open(file);
        assertThat(opened.checkProblems()).isEmpty();
        assertThat(opened.plan().fileChecks()).hasSize(12);
        return opened.plan();
    }

    private static SmokeRun run(MigrationPlan plan, String baseUrl) throws Exception {
        return new SmokeRunner(Transport.over(http), pool, Clock.systemUTC(), Duration.ofSeconds(20))
                .run(plan, new Target(baseUrl, DemoGateway.DEMO_KEY), null, SuiteOptions.defaults().withChecks("request:*"),
                        SmokeListener.NONE, new Cancellation()).get(120, TimeUnit.SECONDS);
    }

    private static String describe(SmokeRun run) {
        return run.results().stream().map(r -> r.checkId() + " " + r.verdict() + " [" + r.ruleId() + "] " + r.reason())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void theSuitePassesAgainstTheDemoGatewayWithEveryAssertionHeld() throws Exception {
        MigrationPlan plan = plan(gateway.baseUrl());
        SmokeRun run = run(plan, gateway.baseUrl());
        assertThat(run.results()).as(describe(run)).hasSize(12).allSatisfy(r -> {
            assertThat(r.verdict()).as(r.checkId() + ": " + r.reason()).isEqualTo(Verdict.PASS);
            assertThat(r.model()).isEqualTo("gpt-5.5");
            assertThat(r.reason()).contains("sent to gpt-5.5 (the body says gpt-4o-mini; the plan maps it)");
            assertThat(r.assertions()).isNotEmpty().allSatisfy(a ->
                    assertThat(a.status()).as(r.checkId() + " " + a.assertion() + ": " + a.evidence())
                            .isEqualTo(AssertionResult.Status.PASS));
        });
        assertThat(run.results()).extracting(CheckResult::checkId).containsExactly("request:greeting",
                "request:refund-policy", "request:order-status-stream", "request:typing-indicator-stream",
                "request:follow-up", "request:escalation-wording", "request:weather-tool", "request:order-lookup-tool",
                "request:ticket-summary-json", "request:sentiment-json", "request:triage-schema", "request:contact-schema");
        long assertions = run.results().stream().mapToLong(r -> r.assertions().size()).sum();
        assertThat(assertions).isEqualTo(34);
        CheckResult cost = byId(run, "request:greeting");
        assertThat(cost.assertions()).filteredOn(a -> a.ruleId().equals("ASSERT-COST")).singleElement()
                .satisfies(a -> assertThat(a.evidence()).contains("at typed prices"));
        assertThat(byId(run, "request:weather-tool").curl()).contains("\"tools\":[{\"type\":\"function\"", "\"model\":\"gpt-5.5\"");
    }

    @Test
    void aGatewayThatDropsResponseFormatFailsTheFourJsonChecksOnAssertJson() throws Exception {
        try (Proxy proxy = new Proxy(body -> {
            body.remove("response_format");
            return body;
        }, UnaryOperator.identity())) {
            SmokeRun run = run(plan(proxy.baseUrl()), proxy.baseUrl());
            assertFailing(run, JSON_CHECKS, "ASSERT-JSON");
            assertThat(proxy.sawResponseFormat).as("the proxy saw the response_format the checks sent").isTrue();
        }
    }

    @Test
    void aGatewayThatOmitsTheToolCallFailsTheTwoToolChecksOnAssertToolCall() throws Exception {
        try (Proxy proxy = new Proxy(body -> {
            body.remove("tools");
            body.remove("tool_choice");
            body.remove("parallel_tool_calls");
            return body;
        }, UnaryOperator.identity())) {
            SmokeRun run = run(plan(proxy.baseUrl()), proxy.baseUrl());
            assertFailing(run, TOOL_CHECKS, "ASSERT-TOOL-CALL");
            for (String id : TOOL_CHECKS) {
                CheckResult r = byId(run, id);
                assertThat(r.decidingRuleIds()).contains("ASSERT-TOOL-CALL", "ASSERT-FINISH-REASON");
                assertThat(r.assertions()).filteredOn(a -> a.ruleId().equals("ASSERT-TOOL-ARGS")).singleElement()
                        .satisfies(a -> assertThat(a.status()).isEqualTo(AssertionResult.Status.NOT_CHECKED));
                assertThat(r.reason()).contains("no tool call was made");
            }
        }
    }

    @Test
    void aGatewayThatReturnsBrokenJsonFailsTheFourJsonChecksOnAssertJson() throws Exception {
        try (Proxy proxy = new Proxy(UnaryOperator.identity(), answer -> {
            JsonObject message = answer.getAsJsonArray("choices").get(0).getAsJsonObject().getAsJsonObject("message");
            JsonElement text = message.get("content");
            String content = text != null && text.isJsonPrimitive() ? text.getAsString() : "";
            if (content.startsWith("{")) {
                message.addProperty("content", content.substring(0, content.length() - 1)); // the closing brace lost
            }
            return answer;
        })) {
            SmokeRun run = run(plan(proxy.baseUrl()), proxy.baseUrl());
            assertFailing(run, JSON_CHECKS, "ASSERT-JSON");
            assertThat(byId(run, "request:triage-schema").reason()).contains("not JSON");
        }
    }

    /** Exactly {@code failing} fail, each decided by {@code rule}; every other check passes. */
    private static void assertFailing(SmokeRun run, Set<String> failing, String rule) {
        String all = describe(run);
        assertThat(run.results()).as(all).hasSize(12);
        Map<String, Verdict> verdicts = run.results().stream().collect(Collectors.toMap(CheckResult::checkId, CheckResult::verdict));
        for (CheckResult r : run.results()) {
            if (failing.contains(r.checkId())) {
                assertThat(r.verdict()).as(all).isEqualTo(Verdict.FAIL);
                assertThat(r.ruleId()).as(all).isEqualTo(rule);
                assertThat(r.assertions()).anySatisfy(a -> {
                    assertThat(a.ruleId()).isEqualTo(rule);
                    assertThat(a.status()).isEqualTo(AssertionResult.Status.FAIL);
                });
            } else {
                assertThat(r.verdict()).as(all).isEqualTo(Verdict.PASS);
            }
        }
        assertThat(verdicts.values().stream().filter(v -> v == Verdict.FAIL).count()).isEqualTo(failing.size());
    }

    static CheckResult byId(SmokeRun run, String id) {
        return run.results().stream().filter(r -> r.checkId().equals(id)).findFirst().orElseThrow();
    }

    /**
     * The demo gateway behind a MockWebServer that rewrites each JSON request body on its way in and each
     * non-streamed chat answer on its way out.
     */
    private static final class Proxy implements AutoCloseable {
        private final MockWebServer server = new MockWebServer();
        private final OkHttpClient client = new OkHttpClient();
        volatile boolean sawResponseFormat;

        Proxy(UnaryOperator<JsonObject> request, UnaryOperator<JsonObject> answer) throws IOException {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest r) {
                    try {
                        String origin = gateway.baseUrl().replaceAll("/v1/?$", "");
                        Request.Builder out = new Request.Builder().url(origin + r.getUrl().encodedPath());
                        String auth = r.getHeaders().get("Authorization");
                        if (auth != null) {
                            out.header("Authorization", auth);
                        }
                        boolean chat = r.getUrl().encodedPath().endsWith("/chat/completions");
                        if (r.getMethod().equals("POST")) {
                            JsonObject body = JsonParser.parseString(r.getBody().utf8()).getAsJsonObject();
                            sawResponseFormat |= body.has("response_format");
                            out.post(RequestBody.create(request.apply(body).toString(),
                                    MediaType.get("application/json")));
                        }
                        try (Response res = client.newCall(out.build()).execute()) {
                            String type = res.header("Content-Type", "application/json");
                            String text = res.body().string();
                            if (chat && res.code() == 200 && type.startsWith("application/json")) {
                                JsonElement parsed = JsonParser.parseString(text);
                                text = answer.apply(parsed.getAsJsonObject()).toString();
                            }
                            MockResponse.Builder b = new MockResponse.Builder().code(res.code())
                                    .addHeader("Content-Type", type).body(text);
                            String id = res.header("x-request-id");
                            if (id != null) {
                                b.addHeader("x-request-id", id);
                            }
                            return b.build();
                        }
                    } catch (IOException e) {
                        return new MockResponse.Builder().code(502).body(e.toString()).build();
                    }
                }
            });
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        }

        String baseUrl() {
            return server.url("/v1").toString();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
