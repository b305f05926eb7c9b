package ai.flatkey.migrate.usage;

/**
 * What a key may still spend, in USD. Null numbers mean the gateway did not say.
 *
 * @param unlimited the key has no spending limit
 * @param expiresAt epoch seconds, or 0 for never
 */
public record KeyQuota(String label, Double grantedUsd, Double usedUsd, Double availableUsd, boolean unlimited, long expiresAt) {
}
