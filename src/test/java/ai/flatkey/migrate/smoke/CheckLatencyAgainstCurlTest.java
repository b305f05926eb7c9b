package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.bench.CurlClock;
import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.ChatRequest;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Transport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-check latency measures the server: on a loopback gateway that answers in a millisecond or two, the figure a
 * suite reports for each plain check (model catalog, chat), from a new HTTP stack, is within 5 ms of what curl measures
 * for the same request (the check's own curl command) on the same gateway, request sent to last byte. Median of three
 * suite runs, each on a new stack, against curl's median of five (the machine is shared: one run can be descheduled).
 * A streamed check's total also holds this client's decoding of every chunk (the gateway sends them all at once
 * here); it is printed beside curl's, and bounded only loosely.
 */
class CheckLatencyAgainstCurlTest {
    private static final double TOLERANCE_MS = 5;
    private static final int CURL_ROUNDS = 5;
    private static final String MODEL = "gpt-5.5";

    @Test
    void perCheckLatencyIsWithinFiveMillisecondsOfCurls() throws Exception {
        Assumptions.assumeTrue(CurlClock.available(), "curl is not on the PATH: nothing to compare with");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0))) {
            try (Transport warm = Transport.create()) {
                warmServer(warm.client(gateway.baseUrl(), null));
            }
            MigrationPlan plan = MigrationPlan.newPlan("latency").withTarget(new Endpoint("demo", gateway.baseUrl(),
                    "env:DEMO_KEY_VAR")).withMappings(List.of(new ModelMapping("old", MODEL,
                    List.of("chat", "streaming"), "")));
            SuiteOptions options = SuiteOptions.defaults().withChecks("models, chat:*, streaming:*")
                    .withNegatives(false).withConcurrency(1);
            List<SmokeRun> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                try (Transport http = Transport.create()) {
                    runs.add(new SmokeRunner(http, pool, Clock.systemUTC()).run(plan,
                            new Target(gateway.baseUrl(), DemoGateway.DEMO_KEY), null, options, SmokeListener.NONE,
                            new Cancellation()).get(30, TimeUnit.SECONDS));
                }
            }
            SmokeRun run = runs.get(0);
            runs.forEach(r -> assertThat(r.results()).extracting(CheckResult::verdict).containsOnly(Verdict.PASS));

            List<Double> curl = new ArrayList<>();
            StringBuilder table = new StringBuilder("check | suite ms (median of 3 runs) | curl ms, sent to last byte (median of "
                    + CURL_ROUNDS + ")\n");
            List<Double> ours = new ArrayList<>();
            for (int i = 0; i < run.results().size(); i++) {
                int at = i;
                ours.add(CurlClock.median(runs.stream().map(r -> (double) r.results().get(at).totalMs()).toList()));
                curl.add(curlMedian(run.results().get(i).curl()));
                table.append(run.results().get(i).checkId()).append(" | ").append(CurlClock.ms(ours.get(i)))
                        .append(" | ").append(CurlClock.ms(curl.get(i))).append('\n');
            }
            System.out.print(table);
            for (int i = 0; i < curl.size(); i++) {
                CheckResult r = run.results().get(i);
                boolean streamed = r.curl().contains(" -N");
                assertThat(ours.get(i)).as(r.checkId() + ": the suite's figure against curl's "
                        + CurlClock.ms(curl.get(i)) + " ms").isLessThanOrEqualTo(curl.get(i)
                        + (streamed ? 10 * TOLERANCE_MS : TOLERANCE_MS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The gateway runs in this JVM, so its own first answers are slow (classes, JIT): curl sends each kind of request
     * the suite will send a few times first, so that the suite and curl meet the same warm server.
     */
    private static void warmServer(OpenAiClient client) throws Exception {
        for (String command : List.of(client.curlModels(null),
                client.curl(ChatRequest.simple(MODEL, Probes.PROMPT, false), null),
                client.curl(Probes.stream(MODEL, true), null))) {
            curlMedian(command);
        }
    }

    /** A check's curl command run with curl's clock: request sent to last byte, median. */
    private static double curlMedian(String command) throws Exception {
        int urlStart = command.indexOf('\'') + 1;
        String url = command.substring(urlStart, command.indexOf('\'', urlStart));
        int data = command.indexOf("-d '");
        String body = data < 0 ? null : command.substring(data + 4, command.lastIndexOf('\''));
        boolean stream = command.contains(" -N");
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < CURL_ROUNDS; i++) {
            times.add(CurlClock.measure(url, DemoGateway.DEMO_KEY, body, stream).sentToLastByteMs());
        }
        return CurlClock.median(times);
    }
}
