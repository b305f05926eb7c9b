package ai.flatkey.migrate.demo;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-key request limits as a token bucket: each key holds up to {@code limit} requests, refilled evenly over
 * {@code window}. "Reset" is, as in OpenAI's {@code x-ratelimit-reset-requests}, the time until the bucket is full.
 */
final class RateLimiter {

    /** A limit of {@code requests} per {@code window}. */
    record Policy(int requests, Duration window) {
        Policy {
            if (requests < 1) {
                throw new IllegalArgumentException("requests must be at least 1");
            }
            if (window.isZero() || window.isNegative()) {
                throw new IllegalArgumentException("window must be positive");
            }
        }

        /** 600 requests per minute, per key. */
        static Policy standard() {
            return new Policy(600, Duration.ofMinutes(1));
        }

        /** 2,000,000 tokens per minute, per key. */
        static Policy standardTokens() {
            return new Policy(2_000_000, Duration.ofMinutes(1));
        }
    }

    /**
     * The outcome for one request.
     *
     * @param allowed      whether the request may proceed
     * @param limit        the limit per window
     * @param remaining    requests left right now (after this one, when allowed)
     * @param resetNanos   time until the bucket is full again
     * @param retryAfterNanos when refused, time until one request is available; 0 otherwise
     */
    record Decision(boolean allowed, int limit, int remaining, long resetNanos, long retryAfterNanos) {
    }

    private static final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(double tokens, long lastNanos) {
            this.tokens = tokens;
            this.lastNanos = lastNanos;
        }
    }

    private final Policy policy;
    private final LongSupplier nanoClock;
    private final double tokensPerNano;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(Policy policy, LongSupplier nanoClock) {
        this.policy = policy;
        this.nanoClock = nanoClock;
        this.tokensPerNano = policy.requests() / (double) policy.window().toNanos();
    }

    Decision acquire(String key) {
        return acquire(key, 1);
    }

    /**
     * Takes {@code amount} units (requests, or tokens) from the key's bucket when that many are available. An amount
     * of 0 only reports the bucket; an amount above the limit is never allowed.
     */
    Decision acquire(String key, long amount) {
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(policy.requests(), now));
        synchronized (bucket) {
            double refilled = (now - bucket.lastNanos) * tokensPerNano;
            bucket.tokens = Math.min(policy.requests(), bucket.tokens + Math.max(0, refilled));
            bucket.lastNanos = now;
            boolean allowed = amount <= policy.requests() && bucket.tokens >= amount;
            if (allowed) {
                bucket.tokens -= amount;
            }
            long reset = (long) Math.ceil((policy.requests() - bucket.tokens) / tokensPerNano);
            long retry = allowed ? 0 : (long) Math.ceil((Math.min(amount, policy.requests()) - bucket.tokens)
                    / tokensPerNano);
            return new Decision(allowed, policy.requests(), (int) Math.floor(bucket.tokens), reset, retry);
        }
    }

    Policy policy() {
        return policy;
    }

    /** Formats a duration the way OpenAI's rate-limit headers do: {@code 12ms}, {@code 1s}, {@code 1.5s}, {@code 6m0s}. */
    static String formatReset(long nanos) {
        long millis = Math.max(0, (nanos + 999_999) / 1_000_000);
        if (millis < 1000) {
            return millis + "ms";
        }
        long hours = millis / 3_600_000;
        long minutes = (millis / 60_000) % 60;
        long secondMillis = millis % 60_000;
        String seconds = secondMillis % 1000 == 0
                ? Long.toString(secondMillis / 1000)
                : new java.math.BigDecimal(secondMillis).movePointLeft(3).stripTrailingZeros().toPlainString();
        if (hours > 0) {
            return hours + "h" + minutes + "m" + seconds + "s";
        }
        if (minutes > 0) {
            return minutes + "m" + seconds + "s";
        }
        return seconds + "s";
    }
}
