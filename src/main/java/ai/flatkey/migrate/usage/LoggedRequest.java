package ai.flatkey.migrate.usage;

/**
 * One request as the gateway logged it. Null numbers mean the gateway did not say.
 *
 * @param costUsd   what the gateway charged, in USD
 * @param status    the gateway's word for how it ended (e.g. "success", "error")
 * @param createdAt epoch seconds, or 0
 */
public record LoggedRequest(String requestId, String model, Integer promptTokens, Integer completionTokens, Double costUsd,
                            String status, long createdAt) {
    public Integer totalTokens() {
        return promptTokens == null || completionTokens == null ? null : promptTokens + completionTokens;
    }
}
