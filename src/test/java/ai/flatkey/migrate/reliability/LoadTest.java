package ai.flatkey.migrate.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.smoke.SmokeListener;
import ai.flatkey.migrate.smoke.SmokeRunner;
import ai.flatkey.migrate.smoke.SmokeSuite;
import ai.flatkey.migrate.smoke.SuiteOptions;
import ai.flatkey.migrate.smoke.Target;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.NetworkConfig;
import ai.flatkey.migrate.wire.OpenAiClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Load: 200 checks at concurrency 16 against the demo gateway, 5 % of them on a fault model. Every check is accounted
 * for (200 results, each with a verdict, the faulty ones classified), at most 16 ran at once, and the heap returns to
 * within 10 % of its start after GC.
 */
class LoadTest {
    private static final int CHECKS = 200;
    private static final int CONCURRENCY = 16;
    private static final String FAULT_MODEL = "demo-502";
    private static final int REPLAYS = 19;

    @Test
    void twoHundredChecksAtConcurrency16WithFivePercentFaults() throws Exception {
        // A first run loads the classes and fills the one-time caches (OkHttp, Gson, the demo catalog): the heap the
        // app starts a run with is measured after it.
        runAndCheck();
        long heapAtStart = HeapGauge.settledUsed();
        runAndCheck();
        long heapAtEnd = HeapGauge.settledUsed();
        System.out.printf("LoadTest: heap %.1f MB at start, %.1f MB after the run and GC (%+.1f %%)%n",
                heapAtStart / 1048576.0, heapAtEnd / 1048576.0, 100.0 * (heapAtEnd - heapAtStart) / heapAtStart);
        assertThat(heapAtEnd).as("heap after GC within 10 % of its start").isLessThanOrEqualTo((long) (heapAtStart * 1.10));
    }

    private static void runAndCheck() throws Exception {
        try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(5000)
                .withFaultModelsListed(true))) {
            List<String> models = chatModels(gateway);
            MigrationPlan plan = plan(gateway, models);
            // Every check of the nine real models (catalog, chat, streaming, 19 replays), and of the fault model its
            // chat check and the first nine replays: 1 + 9 × 21 + 10 = 200.
            String selection = "models,chat:*,streaming:*,replay:?:*," + models.stream().map(m -> "replay:1?:" + m)
                    .collect(Collectors.joining(","));
            SuiteOptions options = SuiteOptions.defaults().withNegatives(false).withConcurrency(CONCURRENCY)
                    .withChecks(selection);
            List<Check> checks = SmokeSuite.derive(plan, options);
            assertThat(checks).hasSize(CHECKS);
            long faulty = checks.stream().filter(c -> c.model().equals(FAULT_MODEL)).count();
            assertThat(faulty).as("5 % of the checks hit a fault").isEqualTo(CHECKS / 20);

            AtomicInteger running = new AtomicInteger();
            AtomicInteger peak = new AtomicInteger();
            Set<String> finished = ConcurrentHashMap.newKeySet();
            SmokeListener listener = new SmokeListener() {
                @Override
                public void onStarted(Check check) {
                    peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                }

                @Override
                public void onFinished(Check check, CheckResult result) {
                    running.decrementAndGet();
                    finished.add(check.id());
                }
            };
            ExecutorService pool = Executors.newFixedThreadPool(2 * CONCURRENCY);
            OkHttpClient http = OpenAiClient.newHttpClient(NetworkConfig.direct());
            SmokeRun run;
            long started = System.nanoTime();
            try {
                run = new SmokeRunner(ai.flatkey.migrate.wire.Transport.over(http), pool, Clock.systemUTC())
                        .run(plan, new Target(gateway.baseUrl(), DemoGateway.DEMO_KEY), null, options, listener,
                                new Cancellation())
                        .get(3, TimeUnit.MINUTES);
            } finally {
                pool.shutdownNow();
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
                assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            List<CheckResult> results = run.results();
            assertThat(results).hasSize(CHECKS);
            assertThat(results).allSatisfy(r -> assertThat(r.verdict()).isNotNull());
            assertThat(results.stream().map(CheckResult::checkId).toList())
                    .containsExactlyElementsOf(checks.stream().map(Check::id).toList());
            assertThat(finished).hasSize(CHECKS);
            assertThat(peak.get()).isLessThanOrEqualTo(CONCURRENCY);
            Map<Verdict, Long> verdicts = results.stream()
                    .collect(Collectors.groupingBy(CheckResult::verdict, Collectors.counting()));
            List<CheckResult> onFault = results.stream().filter(r -> r.model().equals(FAULT_MODEL)).toList();
            assertThat(onFault).hasSize(CHECKS / 20).allSatisfy(r -> {
                assertThat(r.verdict()).isNotEqualTo(Verdict.PASS);
                assertThat(r.reason()).contains("HTTP 502").contains("HTML page");
            });
            assertThat(results.stream().filter(r -> !r.model().equals(FAULT_MODEL)))
                    .allSatisfy(r -> assertThat(r.verdict()).as(r.checkId() + ": " + r.reason()).isEqualTo(Verdict.PASS));
            System.out.printf("LoadTest: %d checks, concurrency %d (peak %d), %d on a fault model, verdicts %s, %d ms%n",
                    results.size(), CONCURRENCY, peak.get(), onFault.size(), verdicts, ms);
        }
    }

    private static List<String> chatModels(DemoGateway gateway) {
        List<String> models = gateway.modelIds().stream()
                .filter(id -> !DemoGateway.FAULT_MODELS.containsKey(id) && !id.contains("embedding")).limit(9).toList();
        assertThat(models).as("the demo catalog has nine chat models").hasSize(9);
        return models;
    }

    /** The nine chat models, streamed, and the fault model, not streamed; 19 replay prompts each. */
    private static MigrationPlan plan(DemoGateway gateway, List<String> models) {
        List<ModelMapping> rows = new ArrayList<>();
        for (String m : models) {
            rows.add(new ModelMapping("gpt-4o-mini", m, List.of("chat", "streaming"), ""));
        }
        rows.add(new ModelMapping("gpt-4o-mini", FAULT_MODEL, List.of("chat"), ""));
        List<String> prompts = IntStream.rangeClosed(1, REPLAYS).mapToObj(i -> "Replay prompt number " + i + ".").toList();
        return MigrationPlan.newPlan("Load").withTarget(Endpoint.demo(gateway.baseUrl())).withMappings(rows)
                .withReplayPrompts(Collections.unmodifiableList(prompts));
    }
}
