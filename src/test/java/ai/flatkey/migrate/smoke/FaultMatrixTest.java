package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.Parameters;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.OpenAiClient;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against the demo gateway's fault modes (the x-demo-fault header on every request of the suite): for each fault,
 * the set of rule IDs that fired over the whole feature suite equals the set expected for that fault — each rule
 * fires on the fault it is for and on nothing else.
 */
class FaultMatrixTest {
    private static DemoGateway gateway;
    private static ExecutorService pool;
    private static OkHttpClient http;

    @BeforeAll
    static void start() throws Exception {
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0));
        pool = Executors.newFixedThreadPool(8);
        http = OpenAiClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        pool.shutdownNow();
    }

    /** Every chat-side feature for a vision model, and the embeddings checks for an embedding model. */
    static MigrationPlan fullPlan(String baseUrl) {
        Parameters params = new Parameters(true, null, 200, true, true, "", null, null, null);
        Inventory inv = new Inventory("Python openai 1.x", List.of("chat", "responses", "embeddings"), "", "gpt-4o",
                List.of(), "developer + user messages", params, "", "");
        return MigrationPlan.newPlan("matrix").withInventory(inv).withTarget(new Endpoint("demo", baseUrl, "demo"))
                .withMappings(List.of(
                        new ModelMapping("gpt-4o", "gpt-5.5", List.of("chat", "streaming", "tools", "json", "json_schema",
                                "vision", "responses"), ""),
                        new ModelMapping("text-embedding-3-small", "text-embedding-3-small", List.of("embeddings"), "")));
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("", Set.of()),
                Arguments.of("latency=50ms", Set.of()),
                Arguments.of("drip=5ms", Set.of()),
                Arguments.of("keepalive", Set.of()),
                Arguments.of("crlf", Set.of()),
                Arguments.of("429", Set.of()),
                Arguments.of("500", Set.of()),
                Arguments.of("502-html", Set.of("HTTP-HTML-BODY")),
                Arguments.of("html-200", Set.of("HTTP-HTML-BODY")),
                Arguments.of("truncate", Set.of("SSE-DONE", "RESP-STREAM-EVENTS", "HTTP-BODY-TRUNCATED")),
                Arguments.of("no-done", Set.of("SSE-DONE", "RESP-STREAM-EVENTS")),
                // a cut connection: streams are truncated; a plain answer cut mid-body is a network Error, no rule's
                Arguments.of("drop", Set.of("SSE-DONE", "RESP-STREAM-EVENTS")),
                Arguments.of("midstream-error", Set.of("SSE-MIDSTREAM-ERROR")),
                Arguments.of("empty-first-choices", Set.of("SSE-EMPTY-FIRST-CHOICES")),
                Arguments.of("no-usage", Set.of("SSE-USAGE-CHUNK", "CHAT-USAGE", "EMB-SHAPE")),
                Arguments.of("tool-index-missing", Set.of("TOOL-DELTA-INDEX")));
    }

    @ParameterizedTest(name = "x-demo-fault: {0}")
    @MethodSource("faults")
    void eachFaultFiresItsRulesAndNoOthers(String fault, Set<String> expected) throws Exception {
        OkHttpClient faulty = fault.isEmpty() ? http : http.newBuilder()
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header(DemoGateway.FAULT_HEADER, fault).build()))
                .build();
        MigrationPlan plan = fullPlan(gateway.baseUrl());
        SuiteOptions options = SuiteOptions.defaults().withNegatives(false).withChecks("*:*");
        SmokeRun run = new SmokeRunner(ai.flatkey.migrate.wire.Transport.over(faulty), pool, Clock.systemUTC(), Duration.ofSeconds(3))
                .run(plan, new Target(gateway.baseUrl(), DemoGateway.DEMO_KEY), null, options, SmokeListener.NONE, new Cancellation())
                .get(60, TimeUnit.SECONDS);
        Map<String, Set<String>> byCheck = new TreeMap<>();
        Set<String> fired = new TreeSet<>();
        for (CheckResult r : run.results()) {
            Set<String> f = Rule.fired(r);
            fired.addAll(f);
            byCheck.put(r.checkId(), f);
        }
        StringBuilder detail = new StringBuilder();
        run.results().forEach(r -> detail.append('\n').append(r.checkId()).append(' ').append(r.verdict()).append(' ')
                .append(r.ruleId()).append(' ').append(r.reason()));
        assertThat(run.results()).hasSizeGreaterThanOrEqualTo(14);
        assertThat(fired).as("rules fired under " + fault + ": " + byCheck + detail).isEqualTo(new TreeSet<>(expected));
    }
}
