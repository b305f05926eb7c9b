package ai.flatkey.migrate.bench;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.smoke.SmokeListener;
import ai.flatkey.migrate.smoke.SmokeRunner;
import ai.flatkey.migrate.smoke.SmokeSuite;
import ai.flatkey.migrate.smoke.SuiteOptions;
import ai.flatkey.migrate.smoke.Target;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.OpenAiClient;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole-suite wall time against the slowest single check, measured in the same run: the sample demo plan's default
 * suite (15 checks, 2 models) against the embedded demo gateway with injected latency ({@code x-demo-fault:
 * latency=400ms} on every request) and a paced stream (50 tokens/s). Each check is first timed alone, one after the
 * other; then the whole suite runs with the default per-endpoint concurrency. Goal: suite ÷ slowest ≤ 1.3.
 * Run: {@code ./mvnw -Pbench verify -Dtest=SuiteConcurrencyBench}.
 */
@Tag("bench")
class SuiteConcurrencyBench {
    private static final String LATENCY = "latency=400ms";
    private static final int ROUNDS = 3;

    @Test
    void suiteWallTimeIsCloseToTheSlowestCheck() throws Exception {
        MigrationPlan sample = new PlanStore().load(Path.of("assets/sample-plans/demo.json"));
        ExecutorService pool = Executors.newFixedThreadPool(2 * SuiteOptions.DEFAULT_CONCURRENCY);
        OkHttpClient http = OpenAiClient.newHttpClient().newBuilder()
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header(DemoGateway.FAULT_HEADER, LATENCY).build()))
                .build();
        try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(50))) {
            MigrationPlan plan = sample.withTarget(new Endpoint("demo", gateway.baseUrl(), "demo"));
            Target target = new Target(gateway.baseUrl(), DemoGateway.DEMO_KEY);
            SmokeRunner runner = new SmokeRunner(ai.flatkey.migrate.wire.Transport.over(http), pool, Clock.systemUTC());
            List<Check> checks = SmokeSuite.derive(plan);
            assertThat(checks).hasSizeGreaterThanOrEqualTo(12);
            assertThat(SmokeSuite.targetModels(plan)).hasSize(2);

            // warm-up: connections, JIT
            run(runner, plan, target, SuiteOptions.defaults());

            Map<String, Long> alone = new LinkedHashMap<>();
            for (Check c : checks) {
                List<Long> times = new ArrayList<>();
                for (int i = 0; i < ROUNDS; i++) {
                    long t0 = System.nanoTime();
                    SmokeRun r = run(runner, plan, target, SuiteOptions.defaults().withChecks(c.id()));
                    times.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                    assertThat(r.results()).extracting(CheckResult::verdict).containsOnly(Verdict.PASS);
                }
                alone.put(c.id(), median(times));
            }
            List<Long> suiteTimes = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                long t0 = System.nanoTime();
                SmokeRun r = run(runner, plan, target, SuiteOptions.defaults());
                suiteTimes.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                assertThat(r.allPassed()).isTrue();
            }
            long slowest = alone.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            long sequential = alone.values().stream().mapToLong(Long::longValue).sum();
            long suite = median(suiteTimes);
            double ratio = (double) suite / slowest;

            StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                    "%nSuiteConcurrencyBench: %d checks, 2 models, demo gateway with x-demo-fault: %s, 50 tokens/s, "
                            + "concurrency %d, median of %d%n", checks.size(), LATENCY, SuiteOptions.DEFAULT_CONCURRENCY, ROUNDS));
            table.append(String.format(Locale.ROOT, "%-40s %10s%n", "check (alone)", "wall ms"));
            alone.forEach((id, ms) -> table.append(String.format(Locale.ROOT, "%-40s %10d%n", id, ms)));
            table.append(String.format(Locale.ROOT, "%-40s %10d%n", "sum of checks alone (sequential)", sequential));
            table.append(String.format(Locale.ROOT, "%-40s %10d%n", "slowest single check", slowest));
            table.append(String.format(Locale.ROOT, "%-40s %10d%n", "whole suite (concurrent)", suite));
            table.append(String.format(Locale.ROOT, "%-40s %10.2f  (goal <= 1.30: %s)%n", "suite / slowest check", ratio,
                    ratio <= 1.3 ? "met" : "NOT met"));
            table.append(String.format(Locale.ROOT, "%-40s %10.2f%n", "sequential / suite (speed-up)", (double) sequential / suite));
            System.out.println(table);
            assertThat(ratio).as("suite wall time / slowest check").isLessThanOrEqualTo(1.3);
        } finally {
            pool.shutdownNow();
        }
    }

    private static SmokeRun run(SmokeRunner runner, MigrationPlan plan, Target target, SuiteOptions options) throws Exception {
        return runner.run(plan, target, null, options, SmokeListener.NONE, new Cancellation()).get(120, TimeUnit.SECONDS);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
