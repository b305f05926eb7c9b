package ai.flatkey.migrate.usage;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.wire.Cancellation;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17, case 7: the books before a suite — the key's quota and the prices — are read at once, so a gateway that
 * never answers costs one books timeout there, not two; what each read gave is reported as before.
 */
class VerificationPreflightTest {

    /** An adapter whose quota read waits (up to 3 s) for the prices read to have started, and then fails. */
    private static final class OverlapProbe implements UsageAdapter {
        final CountDownLatch pricesStarted = new CountDownLatch(1);
        volatile boolean overlapped;

        @Override
        public String name() {
            return "probe";
        }

        @Override
        public boolean canLookUp() {
            return false;
        }

        @Override
        public boolean canReadQuota() {
            return true;
        }

        @Override
        public Optional<KeyQuota> quota() throws UsageException {
            try {
                overlapped = pricesStarted.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UsageException("no answer to the quota read", null);
        }

        @Override
        public Optional<LoggedRequest> lookup(String requestId) {
            return Optional.empty();
        }

        @Override
        public List<ModelPrice> prices() throws UsageException {
            pricesStarted.countDown();
            throw new UsageException("no answer to the prices read", null);
        }
    }

    @Test
    void theQuotaAndThePricesAreReadAtOnceAndBothFailuresAreReportedInOrder() {
        OverlapProbe probe = new OverlapProbe();
        UsageService books = new UsageService() {
            @Override
            public UsageAdapter adapter(Endpoint target, String key) {
                return probe;
            }

            @Override
            public Reconciler reconciler(UsageAdapter adapter, Cancellation cancel) {
                return new Reconciler(adapter, Clock.systemUTC(), ms -> { }, 1, 0);
            }

            @Override
            public List<String> rateLimits(String baseUrl, String key, Cancellation cancel) {
                return List.of();
            }
        };
        MigrationPlan plan = MigrationPlan.newPlan("books")
                .withTarget(new Endpoint("flatkey", "http://127.0.0.1:9/v1", ""));
        Verification.Preflight pre = new Verification(books).preflight(plan, "sk-test-not-a-real-key", 3,
                List.of("gpt-5.5"), List.of(), true);
        assertThat(probe.overlapped).as("the prices read had started while the quota read waited").isTrue();
        assertThat(pre.problems()).containsExactly(
                "The key's quota could not be read: no answer to the quota read",
                "The gateway's prices could not be read: no answer to the prices read");
        assertThat(pre.before()).isEmpty();
    }
}
