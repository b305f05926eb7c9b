package ai.flatkey.migrate.demo;

import java.time.Duration;

/**
 * What one demo key may do: its quota (in new-api quota units, {@value Ledger#QUOTA_PER_USD} per US dollar) and
 * its request and token rate limits.
 *
 * @param name         the key's display name, as {@code /api/usage/token} shows it
 * @param quotaGranted quota granted in total
 * @param unlimited    whether the quota never runs out
 * @param requests     the request rate limit
 * @param tokens       the token rate limit
 */
record KeyPlan(String name, long quotaGranted, boolean unlimited, RateLimiter.Policy requests,
               RateLimiter.Policy tokens) {

    /** {@link DemoGateway#DEMO_KEY}: $100 of quota, 600 requests and 2M tokens per minute. */
    static KeyPlan generous(RateLimiter.Policy requests) {
        return new KeyPlan("Demo key", 100 * Ledger.QUOTA_PER_USD, false, requests,
                RateLimiter.Policy.standardTokens());
    }

    /** {@link DemoGateway#DEMO_KEY_LOW_QUOTA}: $0.001 of quota (a few small requests), ordinary rate limits. */
    static KeyPlan lowQuota(RateLimiter.Policy requests) {
        return new KeyPlan("Demo key (low quota)", Ledger.QUOTA_PER_USD / 1000, false, requests,
                RateLimiter.Policy.standardTokens());
    }

    /** {@link DemoGateway#DEMO_KEY_RATE_LIMITED}: $100 of quota, 3 requests and 2,000 tokens per minute. */
    static KeyPlan rateLimited() {
        return new KeyPlan("Demo key (rate limited)", 100 * Ledger.QUOTA_PER_USD, false,
                new RateLimiter.Policy(3, Duration.ofMinutes(1)), new RateLimiter.Policy(2_000, Duration.ofMinutes(1)));
    }

    /** The plan of a key: the documented demo keys have their own; any other key gets the generous one. */
    static KeyPlan forKey(String key, RateLimiter.Policy standardRequests) {
        return switch (key) {
            case DemoGateway.DEMO_KEY_LOW_QUOTA -> lowQuota(standardRequests);
            case DemoGateway.DEMO_KEY_RATE_LIMITED -> rateLimited();
            default -> generous(standardRequests);
        };
    }
}
