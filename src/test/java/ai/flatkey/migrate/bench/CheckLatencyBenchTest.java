package ai.flatkey.migrate.bench;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.smoke.SmokeListener;
import ai.flatkey.migrate.smoke.SmokeRunner;
import ai.flatkey.migrate.smoke.SuiteOptions;
import ai.flatkey.migrate.smoke.Target;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.Transport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-check latency of a suite beside curl's for the same requests, on the same loopback demo gateway, in the same run:
 * the suite (model catalog, chat, stream; default concurrency) runs {@code bench.latency.runs} times, each on a new HTTP
 * stack as a user's first run would, alternating with curl running each check's own curl command. curl's figure is
 * from the end of its connect to the last byte; the suite's is the network-layer figure the check reports. Medians.
 */
@Tag("bench")
class CheckLatencyBenchTest {
    private static final int RUNS = Integer.getInteger("bench.latency.runs", 15);

    @Test
    void perCheckLatencyBesideCurl() throws Exception {
        Assumptions.assumeTrue(CurlClock.available(), "curl is not on PATH");
        ExecutorService pool = Executors.newCachedThreadPool();
        try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0))) {
            MigrationPlan plan = MigrationPlan.newPlan("bench").withTarget(new Endpoint("demo", gateway.baseUrl(),
                    "env:DEMO_KEY_VAR")).withMappings(List.of(new ModelMapping("old", "gpt-5.5",
                    List.of("chat", "streaming"), "")));
            SuiteOptions options = SuiteOptions.defaults().withChecks("models, chat:*, streaming:*")
                    .withNegatives(false);
            Map<String, List<Double>> ours = new LinkedHashMap<>();
            Map<String, List<Double>> ttft = new LinkedHashMap<>();
            Map<String, List<Double>> curl = new LinkedHashMap<>();
            List<Double> firstRun = new ArrayList<>();
            for (int i = 0; i < RUNS + 1; i++) {
                SmokeRun run;
                try (Transport http = Transport.create()) {
                    run = new SmokeRunner(http, pool, Clock.systemUTC()).run(plan,
                            new Target(gateway.baseUrl(), DemoGateway.DEMO_KEY), null, options, SmokeListener.NONE,
                            new Cancellation()).get(60, TimeUnit.SECONDS);
                }
                for (CheckResult r : run.results()) {
                    double c = measure(r.curl());
                    if (i == 0) {
                        firstRun.add((double) r.totalMs());
                        continue; // the gateway's own first answers (it runs in this JVM): not counted
                    }
                    ours.computeIfAbsent(r.checkId(), k -> new ArrayList<>()).add((double) r.totalMs());
                    if (r.ttftMs() != null) {
                        ttft.computeIfAbsent(r.checkId(), k -> new ArrayList<>()).add((double) r.ttftMs());
                    }
                    curl.computeIfAbsent(r.checkId(), k -> new ArrayList<>()).add(c);
                }
            }
            StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
                    "%nPer-check latency vs curl, demo gateway on loopback (no pacing), median of %d suite runs, each "
                            + "on a new HTTP stack%n", RUNS));
            t.append(String.format(Locale.ROOT, "| %-20s | %14s | %14s | %16s | %12s |%n", "check", "suite ms",
                    "suite TTFT ms", "curl ms", "suite - curl"));
            t.append("|").append("-".repeat(22)).append("|").append("-".repeat(16)).append("|")
                    .append("-".repeat(16)).append("|").append("-".repeat(18)).append("|").append("-".repeat(14))
                    .append("|\n");
            ours.forEach((id, values) -> {
                double o = CurlClock.median(values);
                double c = CurlClock.median(curl.get(id));
                List<Double> tt = ttft.get(id);
                t.append(String.format(Locale.ROOT, "| %-20s | %14.1f | %14s | %16.2f | %12.2f |%n", id, o,
                        tt == null ? "-" : String.format(Locale.ROOT, "%.1f", CurlClock.median(tt)), c, o - c));
            });
            t.append("first run (cold gateway and client, not counted): ").append(firstRun).append(" ms\n");
            System.out.println(t);
            assertThat(ours).isNotEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    private static double measure(String command) throws Exception {
        int urlStart = command.indexOf('\'') + 1;
        String url = command.substring(urlStart, command.indexOf('\'', urlStart));
        int data = command.indexOf("-d '");
        String body = data < 0 ? null : command.substring(data + 4, command.lastIndexOf('\''));
        return CurlClock.measure(url, DemoGateway.DEMO_KEY, body, command.contains(" -N")).sentToLastByteMs();
    }
}
