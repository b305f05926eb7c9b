package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.Rollback;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.Transport;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22: the demo's "Prove rollback" failed on its first run with "unexpected end of stream" and passed on the
 * second. The cause: the proof's first requests went out on connections the suite run before it had left in the
 * client's pool, which the gateway had closed in the meantime (the JDK server behind the demo closes a connection idle
 * for 30 s; the pool then kept them 5 minutes). The failed attempt dropped them, so the second proof ran on new ones.
 * Here the gateway closes idle connections after 300 ms: the proof that follows a suite run, after the gateway closed
 * its connections, passes the first time (a request that meets a connection the server closed is sent again on a new one:
 * {@code wire/CallTimer}, with the pool keeping idle connections 4 s).
 */
class RollbackProofIdleConnectionsTest {
    private static final int IDLE_MS = 300;

    @Test
    void theFirstProofAfterTheGatewayClosedThePooledConnectionsPasses() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(400)
                .withCloseIdleAfterMs(IDLE_MS));
             Transport http = Transport.create()) {
            KeyResolver keys = new KeyResolver(Map.<String, String>of()::get);
            keys.remember("demo", DemoGateway.DEMO_KEY);
            MigrationPlan plan = MigrationPlan.newPlan("demo").withTarget(new Endpoint("demo", gateway.baseUrl(), "demo"))
                    .withMappings(List.of(new ModelMapping("gpt-4o-mini", "gpt-5.5", List.of("chat", "streaming"), "")))
                    .withRollback(new Rollback(gateway.baseUrl(), "gpt-4o-mini", "demo", "", ""));
            SmokeService smoke = SmokeService.of(new SmokeRunner(http, pool, Clock.systemUTC()));
            // the suite run of step 4 leaves connections in the pool
            smoke.run(plan, new Target(gateway.baseUrl(), DemoGateway.DEMO_KEY), null, SuiteOptions.defaults(),
                    SmokeListener.NONE, new Cancellation()).get(60, TimeUnit.SECONDS);
            long open = gateway.idleConnectionsClosed();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (gateway.idleConnectionsClosed() == open && System.nanoTime() < deadline) {
                Thread.sleep(20); // the gateway closing them is the event waited for
            }
            Thread.sleep(2L * IDLE_MS); // and the others it closes after the same pause

            RollbackProof.Outcome first = new RollbackProof(smoke, keys).prove(plan, SmokeListener.NONE, new Cancellation());

            assertThat(gateway.idleConnectionsClosed()).as("the gateway closed the suite's pooled connections").isGreaterThan(open);
            assertThat(first.passed()).as(first.failure()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
