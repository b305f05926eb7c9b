package ai.flatkey.migrate.wire;

import java.time.Duration;

/**
 * When and how long to retry a failed call: 408, 409, 429 and 5xx answers (or whatever {@code x-should-retry: true}
 * marks; {@code x-should-retry: false} forbids it), and connection failures before any byte arrived. Delays grow
 * exponentially with jitter, honour {@code retry-after(-ms)}, and stop at {@code maxAttempts} or {@code maxTotal}.
 * A {@code retry-after} longer than {@code maxRetryAfter} is not waited for: the call fails and says so. A stream is
 * never retried once its body has started.
 *
 * @param maxAttempts   attempts in all, the first included (1 = no retries)
 * @param initialDelay  the first backoff delay
 * @param maxDelay      cap of one backoff delay
 * @param maxTotal      cap of the whole call, waits included: no retry starts that would pass it
 * @param maxRetryAfter the longest server-asked wait honoured
 * @param jitter        fraction of each backoff delay randomised away (0 = none, 0.25 = up to 25 % shorter)
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxTotal,
                          Duration maxRetryAfter, double jitter) {
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1");
        }
        initialDelay = initialDelay == null ? Duration.ofMillis(500) : initialDelay;
        maxDelay = maxDelay == null ? Duration.ofSeconds(8) : maxDelay;
        maxTotal = maxTotal == null ? Duration.ofMinutes(2) : maxTotal;
        maxRetryAfter = maxRetryAfter == null ? Duration.ofSeconds(60) : maxRetryAfter;
    }

    /** No retries: a smoke test sees the first answer. The default. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
    }

    /** Like the official SDKs: 3 attempts, 0.5 s doubling to 8 s, 25 % jitter, retry-after up to 60 s, 2 min in all. */
    public static RetryPolicy standard() {
        return new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofMinutes(2),
                Duration.ofSeconds(60), 0.25);
    }

    public boolean enabled() {
        return maxAttempts > 1;
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialDelay, maxDelay, maxTotal, maxRetryAfter, jitter);
    }

    /**
     * The backoff before retry number {@code retry} (1 = first retry): {@code initialDelay · 2^(retry-1)}, capped
     * at {@code maxDelay}, minus up to {@code jitter} of it.
     *
     * @param random a number in [0, 1)
     */
    public Duration backoff(int retry, double random) {
        double base = initialDelay.toMillis() * Math.pow(2, Math.max(0, retry - 1));
        double capped = Math.min(base, maxDelay.toMillis());
        return Duration.ofMillis(Math.round(capped * (1 - jitter * random)));
    }

    /** Whether an HTTP status is worth retrying when the server says nothing either way. */
    public static boolean retryableStatus(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }
}
