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
import ai.flatkey.migrate.wire.Transport;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A suite against a gateway that closes connections idle for 300 ms (as llama-server, Node and many proxies do after
 * their keep-alive timeout), with every check started only after the gateway has closed the connection the previous
 * one left in the pool: each check meets a pooled connection the server already closed, and every verdict must still
 * be the server's, not "unexpected end of stream".
 */
class IdleConnectionsSuiteTest {
    private static final int IDLE_MS = 300;

    @Test
    void aSuiteAcrossConnectionsTheServerClosedWhileIdleHasNoErrors() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(400)
                .withCloseIdleAfterMs(IDLE_MS));
             Transport http = Transport.create()) {
            MigrationPlan plan = MigrationPlan.newPlan("idle").withTarget(new Endpoint("demo", gateway.baseUrl(),
                    "env:DEMO_KEY_VAR")).withMappings(List.of(new ModelMapping("old", "gpt-5.5",
                    List.of("chat", "streaming", "tools", "json", "responses"), "")));
            SpacedChecks spacing = new SpacedChecks(gateway);

            SmokeRun run = new SmokeRunner(http, pool, Clock.systemUTC()).run(plan,
                    new Target(gateway.baseUrl(), DemoGateway.DEMO_KEY), null,
                    SuiteOptions.defaults().withConcurrency(1), spacing, new Cancellation()).get(60, TimeUnit.SECONDS);

            assertThat(run.results()).hasSizeGreaterThan(8);
            assertThat(run.results()).allSatisfy(r -> assertThat(r.verdict()).as(r.checkId() + ": " + r.reason())
                    .isEqualTo(Verdict.PASS));
            assertThat(gateway.idleConnectionsClosed()).as("the gateway closed idle connections between checks")
                    .isGreaterThanOrEqualTo(run.results().size() - 1);
            long resent = run.results().stream().map(CheckResult::transcript)
                    .filter(t -> t.contains("closed this idle pooled connection")).count();
            assertThat(resent).as("checks that met a connection the server had closed, and sent again")
                    .isGreaterThanOrEqualTo(run.results().size() / 2);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Starts each check once the gateway has closed the connection left idle by the check before it (polling the
     * gateway's count of closed connections: the close is the event waited for).
     */
    private static final class SpacedChecks implements SmokeListener {
        private final DemoGateway gateway;
        private volatile long closedAtLastFinish = -1;

        SpacedChecks(DemoGateway gateway) {
            this.gateway = gateway;
        }

        @Override
        public void onStarted(Check check) {
            long before = closedAtLastFinish;
            if (before < 0) {
                return;
            }
            // A check that left no connection open (it failed on a closed one) gives the gateway nothing to close.
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(4L * IDLE_MS);
            while (gateway.idleConnectionsClosed() <= before && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public void onFinished(Check check, CheckResult result) {
            closedAtLastFinish = gateway.idleConnectionsClosed();
        }
    }
}
