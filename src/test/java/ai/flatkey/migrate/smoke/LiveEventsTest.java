package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.OpenAiClient;
import com.google.gson.JsonParser;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner's live events beyond text: streamed tool-call fragments and the raw SSE events, redacted. */
class LiveEventsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private static DemoGateway gateway;
    private static ExecutorService pool;
    private static OkHttpClient http;

    @BeforeAll
    static void start() throws Exception {
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(2_000));
        pool = Executors.newFixedThreadPool(4);
        http = OpenAiClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        pool.shutdownNow();
    }

    /** Everything a listener heard, per check. */
    private static final class Recorder implements SmokeListener {
        final Map<String, List<String>> raw = new ConcurrentHashMap<>();
        final Map<String, List<Object[]>> fragments = new ConcurrentHashMap<>();
        final Map<String, StringBuilder> text = new ConcurrentHashMap<>();

        @Override
        public void onToken(Check check, String t) {
            text.computeIfAbsent(check.id(), k -> new StringBuilder()).append(t);
        }

        @Override
        public void onToolCallFragment(Check check, Integer index, String name, String arguments) {
            fragments.computeIfAbsent(check.id(), k -> new CopyOnWriteArrayList<>()).add(new Object[] {index, name, arguments});
        }

        @Override
        public void onRawSse(Check check, String t) {
            raw.computeIfAbsent(check.id(), k -> new CopyOnWriteArrayList<>()).add(t);
        }
    }

    private static SmokeRun run(MigrationPlan plan, String baseUrl, String key, String checks, SmokeListener l) throws Exception {
        return new SmokeRunner(ai.flatkey.migrate.wire.Transport.over(http), pool, CLOCK).run(plan, new Target(baseUrl, key), null,
                SuiteOptions.defaults().withChecks(checks).withNegatives(false), l, new Cancellation()).get(30, TimeUnit.SECONDS);
    }

    @Test
    void streamedToolCallsArriveAsFragmentsPerIndexAndTheRawEventsAsSse() throws Exception {
        MigrationPlan plan = MigrationPlan.newPlan("t").withTarget(new Endpoint("demo", gateway.baseUrl(), "demo"))
                .withMappings(List.of(new ModelMapping("old", "gpt-5.5", List.of("chat", "streaming", "tools", "responses"), "")));
        Recorder rec = new Recorder();
        SmokeRun run = run(plan, gateway.baseUrl(), DemoGateway.DEMO_KEY,
                "tools-stream:*,tools-parallel:*,tools:*,responses-stream:*", rec);
        assertThat(run.results()).extracting(CheckResult::checkId)
                .contains("tools:gpt-5.5", "tools-stream:gpt-5.5", "tools-parallel:gpt-5.5", "responses-stream:gpt-5.5");
        assertThat(run.results()).allSatisfy(r -> assertThat(r.verdict()).as(r.checkId() + " " + r.reason()).isEqualTo(Verdict.PASS));

        // tools-stream: the name comes on the first fragment of an index, the arguments grow by delta to valid JSON
        List<Object[]> frags = rec.fragments.get("tools-stream:gpt-5.5");
        assertThat(frags).hasSizeGreaterThan(2);
        assertThat(frags.get(0)[1]).isNotNull();
        Map<Integer, StringBuilder> args = new TreeMap<>();
        for (Object[] f : frags) {
            args.computeIfAbsent((Integer) f[0], k -> new StringBuilder()).append((String) f[2]);
        }
        assertThat(args).containsOnlyKeys(0);
        assertThat(JsonParser.parseString(args.get(0).toString()).isJsonObject()).isTrue();
        assertThat(frags.stream().filter(f -> f[1] != null)).hasSize(1);
        // parallel: two indexes, each with its own name
        List<Object[]> parallel = rec.fragments.get("tools-parallel:gpt-5.5");
        assertThat(parallel.stream().map(f -> (Integer) f[0]).distinct()).containsExactly(0, 1);
        assertThat(parallel.stream().filter(f -> f[1] != null).map(f -> (Integer) f[0])).containsExactly(0, 1);
        // a non-streamed check sends neither fragments nor raw events
        assertThat(rec.fragments).doesNotContainKey("tools:gpt-5.5");
        assertThat(rec.raw).doesNotContainKey("tools:gpt-5.5");

        // raw chat events: data lines as sent, ending with [DONE]
        List<String> raw = rec.raw.get("tools-stream:gpt-5.5");
        assertThat(raw).allSatisfy(l -> assertThat(l).startsWith("data: "));
        assertThat(raw.get(raw.size() - 1)).isEqualTo("data: [DONE]");
        assertThat(raw).anySatisfy(l -> assertThat(l).contains("\"tool_calls\"", "\"index\":0"));
        // raw Responses events carry their event: names
        List<String> responses = rec.raw.get("responses-stream:gpt-5.5");
        assertThat(responses).anySatisfy(l -> assertThat(l).startsWith("event: response.output_text.delta\ndata: {"));
        assertThat(responses).anySatisfy(l -> assertThat(l).startsWith("event: response.completed\ndata: {"));
        assertThat(String.join("\n", rec.raw.values().stream().flatMap(List::stream).toList()))
                .doesNotContain(DemoGateway.DEMO_KEY);
    }

    @Test
    void rawEventsAreRedactedAndKeepCommentsAndMultiLineData() throws Exception {
        String key = "sk-test-live-raw-9c2Hq7Lm4Xp1Zt";
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                    .body(": keep-alive\n\n"
                            + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                            + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"echo " + key + "\"},"
                            + "\"finish_reason\":null}]}\n\n"
                            + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\n"
                            + "data: \"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}\n\n"
                            + "data: [DONE]\n\n").build());
            server.start();
            String base = server.url("/v1").toString();
            MigrationPlan plan = MigrationPlan.newPlan("t").withTarget(new Endpoint("custom", base, "env:K"))
                    .withMappings(List.of(new ModelMapping("old", "m", List.of("chat", "streaming"), "")));
            Recorder rec = new Recorder();
            run(plan, base, key, "streaming:m", rec);
            List<String> raw = rec.raw.get("streaming:m");
            assertThat(raw).hasSize(4);
            assertThat(raw.get(0)).isEqualTo(": keep-alive");
            assertThat(raw.get(1)).contains("echo [REDACTED]").doesNotContain(key);
            assertThat(raw.get(2)).startsWith("data: {\"id\":\"c1\"").contains("\ndata: \"choices\":[");
            assertThat(raw.get(3)).isEqualTo("data: [DONE]");
            assertThat(rec.text.get("streaming:m").toString()).doesNotContain(key);
        }
    }

    @Test
    void sseSyntaxNamesTheEventAndSplitsDataLines() {
        assertThat(SmokeRunner.sse("", "{}")).isEqualTo("data: {}");
        assertThat(SmokeRunner.sse("response.created", "a\nb")).isEqualTo("event: response.created\ndata: a\ndata: b");
    }
}
