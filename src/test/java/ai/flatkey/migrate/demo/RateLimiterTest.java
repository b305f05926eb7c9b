package ai.flatkey.migrate.demo;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(new RateLimiter.Policy(60, Duration.ofMinutes(1)), now::get);

    @Test
    void countsDownPerKeyAndRefusesWhenEmpty() {
        for (int i = 59; i >= 0; i--) {
            RateLimiter.Decision decision = limiter.acquire("sk-fake-a");
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.remaining()).isEqualTo(i);
        }
        RateLimiter.Decision refused = limiter.acquire("sk-fake-a");

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(TimeUnit.NANOSECONDS.toMillis(refused.retryAfterNanos())).isEqualTo(1000);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(refused.resetNanos())).isEqualTo(60);
        assertThat(limiter.acquire("sk-fake-b").allowed()).as("other keys count separately").isTrue();
    }

    @Test
    void refillsOverTheWindow() {
        for (int i = 0; i < 60; i++) {
            limiter.acquire("sk-fake-a");
        }
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        RateLimiter.Decision afterOneSecond = limiter.acquire("sk-fake-a");
        now.addAndGet(TimeUnit.MINUTES.toNanos(5));
        RateLimiter.Decision afterFiveMinutes = limiter.acquire("sk-fake-a");

        assertThat(afterOneSecond.allowed()).isTrue();
        assertThat(afterOneSecond.remaining()).isZero();
        assertThat(afterFiveMinutes.remaining()).as("never above the limit").isEqualTo(59);
        assertThat(TimeUnit.NANOSECONDS.toMillis(afterFiveMinutes.resetNanos())).isEqualTo(1000);
    }

    @Test
    void formatsResetsLikeOpenAi() {
        assertThat(RateLimiter.formatReset(TimeUnit.MILLISECONDS.toNanos(12))).isEqualTo("12ms");
        assertThat(RateLimiter.formatReset(TimeUnit.SECONDS.toNanos(1))).isEqualTo("1s");
        assertThat(RateLimiter.formatReset(TimeUnit.MILLISECONDS.toNanos(17_280))).isEqualTo("17.28s");
        assertThat(RateLimiter.formatReset(TimeUnit.MINUTES.toNanos(6))).isEqualTo("6m0s");
        assertThat(RateLimiter.formatReset(TimeUnit.SECONDS.toNanos(61))).isEqualTo("1m1s");
        assertThat(RateLimiter.formatReset(0)).isEqualTo("0ms");
    }
}
