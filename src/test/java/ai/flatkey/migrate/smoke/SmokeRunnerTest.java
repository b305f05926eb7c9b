package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.OpenAiClient;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeRunnerTest {
    private static DemoGateway gateway;
    private static ExecutorService pool;
    private static OkHttpClient http;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @BeforeAll
    static void start() throws Exception {
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(400));
        pool = Executors.newFixedThreadPool(4);
        http = OpenAiClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        pool.shutdownNow();
    }

    private static MigrationPlan plan(String... targets) {
        List<ModelMapping> rows = java.util.Arrays.stream(targets)
                .map(t -> new ModelMapping("old-" + t, t, List.of("chat", "streaming"), "")).toList();
        return MigrationPlan.newPlan("t").withTarget(new Endpoint("demo", gateway.baseUrl(), "env:DEMO_KEY_VAR"))
                .withMappings(rows);
    }

    private SmokeRun run(MigrationPlan plan, String baseUrl, String key, SmokeListener listener) throws Exception {
        return new SmokeRunner(ai.flatkey.migrate.wire.Transport.over(http), pool, CLOCK).run(plan, new Target(baseUrl, key), listener, new Cancellation())
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void catalogHasModelsThenChatAndStreamingPerMappedModel() {
        List<Check> checks = SmokeSuite.derive(plan("gpt-5.5", "deepseek-chat", "gpt-5.5"));
        assertThat(checks).extracting(Check::id).containsExactly("models", "base-url", "chat:gpt-5.5", "streaming:gpt-5.5",
                "streaming-no-usage:gpt-5.5", "chat:deepseek-chat", "streaming:deepseek-chat", "streaming-no-usage:deepseek-chat",
                "auth", "unknown-model", "unsupported-param");
        assertThat(SmokeSuite.derive(plan("a", "b"), SuiteOptions.defaults().withChecks("streaming:*, models").withNegatives(false)))
                .extracting(Check::id).containsExactly("models", "streaming:a", "streaming:b");
        MigrationPlan unmapped = MigrationPlan.newPlan("u").withInventory(
                new Inventory("x", List.of("chat"), "", "gpt-4o-mini", List.of(), "", null, "", ""));
        assertThat(SmokeSuite.derive(unmapped)).extracting(Check::id).containsExactly("models", "base-url", "chat:gpt-4o-mini",
                "streaming:gpt-4o-mini", "streaming-no-usage:gpt-4o-mini", "auth", "unknown-model", "unsupported-param");
    }

    @Test
    void demoGatewayPassesEveryCheckWithLiveTokens() throws Exception {
        List<String> tokens = new CopyOnWriteArrayList<>();
        List<String> started = new CopyOnWriteArrayList<>();
        SmokeRun run = run(plan("gpt-5.5", "claude-sonnet-4.5"), gateway.baseUrl(), DemoGateway.DEMO_KEY, new SmokeListener() {
            @Override
            public void onStarted(Check check) {
                started.add(check.id());
            }

            @Override
            public void onToken(Check check, String text) {
                tokens.add(text);
            }
        });
        assertThat(run.results()).extracting(CheckResult::verdict).containsOnly(Verdict.PASS);
        assertThat(run.results()).extracting(CheckResult::checkId)
                .containsExactly("models", "base-url", "chat:gpt-5.5", "streaming:gpt-5.5", "streaming-no-usage:gpt-5.5",
                        "chat:claude-sonnet-4.5", "streaming:claude-sonnet-4.5", "streaming-no-usage:claude-sonnet-4.5",
                        "auth", "unknown-model", "unsupported-param");
        assertThat(started).hasSize(11);
        assertThat(byId(run, "auth").reason()).contains("401");
        assertThat(byId(run, "unknown-model").reason()).contains("404", SmokeRunner.NO_SUCH_MODEL);
        assertThat(byId(run, "unsupported-param").reason()).contains("400", "flatkey_migrate_probe");
        assertThat(run.results()).allSatisfy(r -> assertThat(Rule.fired(r)).as(r.checkId()).isEmpty());
        assertThat(tokens.size()).isGreaterThan(10);
        CheckResult streaming = byId(run, "streaming:gpt-5.5");
        assertThat(streaming.transcript()).contains("POST ", "/chat/completions", "data: [DONE]", "X-request-id")
                .doesNotContain(DemoGateway.DEMO_KEY);
        assertThat(streaming.ttftMs()).isNotNull();
        assertThat(streaming.totalMs()).isGreaterThanOrEqualTo(streaming.ttftMs());
        assertThat(streaming.totalTokens()).isPositive();
        assertThat(streaming.requestId()).isNotBlank();
        assertThat(streaming.output()).isNotBlank();
        assertThat(streaming.curl()).contains("$DEMO_KEY_VAR").doesNotContain(DemoGateway.DEMO_KEY);
        assertThat(run.startedAt()).isEqualTo("2026-11-25T12:00:00Z");
        assertThat(run.allPassed()).isTrue();
    }

    @Test
    void wrongKeyIsAnErrorThatNamesThe401() throws Exception {
        SmokeRun run = run(plan("gpt-5.5"), gateway.baseUrl(), "sk-test-wrong-key-000000000000", SmokeListener.NONE);
        assertThat(run.results().subList(0, 5)).extracting(CheckResult::verdict).containsOnly(Verdict.ERROR);
        assertThat(run.results()).allSatisfy(r -> assertThat(r.reason()).contains("401").doesNotContain("sk-test-wrong-key-000000000000"));
        assertThat(run.results()).allSatisfy(r -> assertThat(r.transcript()).doesNotContain("sk-test-wrong-key-000000000000"));
        assertThat(byId(run, "auth").verdict()).isEqualTo(Verdict.PASS); // an invalid key does get 401
        assertThat(byId(run, "unknown-model").verdict()).isEqualTo(Verdict.FAIL); // 401, not model_not_found
    }

    @Test
    void unknownTargetModelFailsTheCatalogAndTheCalls() throws Exception {
        SmokeRun run = run(plan("no-such-model"), gateway.baseUrl(), DemoGateway.DEMO_KEY, SmokeListener.NONE);
        assertThat(byId(run, "models").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(byId(run, "base-url").verdict()).isEqualTo(Verdict.PASS);
        assertThat(byId(run, "chat:no-such-model").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(byId(run, "streaming:no-such-model").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(byId(run, "models").ruleId()).isEqualTo("MODELS-HAS-MAPPED");
        assertThat(byId(run, "models").reason()).contains("no-such-model");
        assertThat(byId(run, "chat:no-such-model").reason()).contains("no-such-model");
    }

    @Test
    void cancellingStopsTheSuiteQuickly() throws Exception {
        try (DemoGateway slow = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(2))) {
            Cancellation cancel = new Cancellation();
            CountDownLatch firstToken = new CountDownLatch(1);
            MigrationPlan plan = plan("gpt-5.5").withTarget(new Endpoint("demo", slow.baseUrl(), "demo"));
            var future = new SmokeRunner(ai.flatkey.migrate.wire.Transport.over(http), pool, CLOCK).run(plan, new Target(slow.baseUrl(), DemoGateway.DEMO_KEY),
                    new SmokeListener() {
                        @Override
                        public void onToken(Check check, String text) {
                            firstToken.countDown();
                        }
                    }, cancel);
            assertThat(firstToken.await(20, TimeUnit.SECONDS)).isTrue();
            long t0 = System.nanoTime();
            cancel.cancel();
            SmokeRun run = future.get(5, TimeUnit.SECONDS);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(3000);
            CheckResult streaming = run.results().stream().filter(r -> r.feature().equals("streaming")).findFirst().orElseThrow();
            assertThat(streaming.verdict()).isEqualTo(Verdict.ERROR);
            assertThat(streaming.reason().toLowerCase()).contains("cancel");
        }
    }

    @Test
    void hostileStreamsGetNamedRules() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            String base = server.url("/v1").toString();
            // models: fine; chat: a web page with status 200; streaming: no usage chunk although include_usage was asked
            MigrationPlan plan = MigrationPlan.newPlan("h").withTarget(new Endpoint("custom", base, ""))
                    .withMappings(List.of(new ModelMapping("a", "m", List.of(), "")));
            String chunk = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi there\"},\"finish_reason\":null}]}";
            String last = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";
            server.setDispatcher(new mockwebserver3.Dispatcher() {
                @Override
                public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                    String path = request.getUrl().encodedPath();
                    if (path.endsWith("/models")) {
                        return json("{\"object\":\"list\",\"data\":[{\"id\":\"m\",\"object\":\"model\",\"created\":1,\"owned_by\":\"x\"}]}");
                    }
                    String body = request.getBody() == null ? "" : request.getBody().utf8();
                    if (body.contains("\"stream\":true")) {
                        return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                                .body("data: " + chunk + "\n\ndata: " + last + "\n\ndata: [DONE]\n\n").build();
                    }
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                            .body("<html><head><title>Gateway Console</title></head><body>app</body></html>").build();
                }
            });
            SmokeRun run = new SmokeRunner(ai.flatkey.migrate.wire.Transport.over(http), pool, CLOCK).run(plan, new Target(base, null), null,
                    SuiteOptions.defaults().withNegatives(false), SmokeListener.NONE, new Cancellation()).get(30, TimeUnit.SECONDS);
            assertThat(run.results()).hasSize(5);
            assertThat(run.results().get(0).verdict()).isEqualTo(Verdict.PASS);
            CheckResult chat = byId(run, "chat:m");
            assertThat(chat.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(chat.ruleId()).isEqualTo("HTTP-HTML-BODY"); // the base URL has /v1: a web page is the gateway's fault
            assertThat(chat.reason()).contains("Gateway Console");
            CheckResult streaming = byId(run, "streaming:m");
            assertThat(streaming.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(streaming.ruleId()).isEqualTo("SSE-USAGE-CHUNK");
            assertThat(streaming.output()).isEqualTo("Hi there");
        }
    }

    @Test
    void repeatGivesPercentilesAndCompareFindsShapeDifferences() throws Exception {
        try (MockWebServer source = new MockWebServer()) {
            source.start();
            // The "current provider" answers chat without usage and streams without [DONE] problems but no usage chunk.
            source.setDispatcher(new mockwebserver3.Dispatcher() {
                @Override
                public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                    String body = request.getBody() == null ? "" : request.getBody().utf8();
                    if (body.contains("\"stream\":true")) {
                        String c = "{\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"old\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello from the old provider\"},\"finish_reason\":\"stop\"}]}";
                        return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                                .body("data: " + c + "\n\ndata: [DONE]\n\n").build();
                    }
                    return json("{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"old\",\"choices\":[{\"index\":0,"
                            + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":\"length\"}]}");
                }
            });
            MigrationPlan plan = plan("gpt-5.5").withMappings(List.of(new ModelMapping("old", "gpt-5.5", List.of("chat", "streaming"), "")));
            SuiteOptions options = SuiteOptions.defaults().withRepeat(3).withCompare(true).withChecks("chat:*,streaming:*");
            SmokeRun run = new SmokeRunner(ai.flatkey.migrate.wire.Transport.over(http), pool, CLOCK).run(plan, new Target(gateway.baseUrl(), DemoGateway.DEMO_KEY),
                    new Target(source.url("/v1").toString(), null), options, SmokeListener.NONE, new Cancellation()).get(30, TimeUnit.SECONDS);
            assertThat(run.results()).extracting(CheckResult::checkId).containsExactly("chat:gpt-5.5", "streaming:gpt-5.5");
            assertThat(run.results()).allSatisfy(r -> {
                assertThat(r.stats()).isNotNull();
                assertThat(r.stats().samples()).isEqualTo(3);
                assertThat(r.stats().passed()).isEqualTo(3);
                assertThat(r.stats().totalP95Ms()).isGreaterThanOrEqualTo(r.stats().totalP50Ms());
            });
            assertThat(run.results().get(1).stats().ttftP50Ms()).isNotNull();
            assertThat(run.sourceResults()).extracting(CheckResult::checkId).containsExactly("source:chat:old", "source:streaming:old");
            assertThat(run.sourceResults()).extracting(CheckResult::verdict).containsOnly(Verdict.FAIL); // no usage on the old provider
            assertThat(run.comparisons()).hasSize(2);
            assertThat(run.comparisons().get(0).differences()).contains("finish_reason length → stop", "usage present only on the target");
            assertThat(run.comparisons().get(1).differences()).contains("usage present only on the target",
                    "the target streams in pieces; the current provider sent one block");
            assertThat(run.comparisons().get(0).sourceModel()).isEqualTo("old");
            assertThat(source.getRequestCount()).isEqualTo(6);
        }
    }

    @Test
    void replayPromptsRunPerModel() throws Exception {
        MigrationPlan plan = plan("gpt-5.5").withReplayPrompts(List.of("Summarise our refund policy in one line."));
        SmokeRun run = new SmokeRunner(ai.flatkey.migrate.wire.Transport.over(http), pool, CLOCK).run(plan, new Target(gateway.baseUrl(), DemoGateway.DEMO_KEY), null,
                SuiteOptions.defaults().withChecks("replay:*"), SmokeListener.NONE, new Cancellation()).get(30, TimeUnit.SECONDS);
        assertThat(run.results()).extracting(CheckResult::checkId).containsExactly("replay:1:gpt-5.5");
        assertThat(run.results().get(0).verdict()).isEqualTo(Verdict.PASS);
        assertThat(run.results().get(0).output()).contains("refund");
    }

    static CheckResult byId(SmokeRun run, String id) {
        return run.results().stream().filter(r -> r.checkId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no result " + id + " in " + run.results().stream().map(CheckResult::checkId).toList()));
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }
}
