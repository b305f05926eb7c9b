package ai.flatkey.migrate.usage;

/**
 * One request as the gateway logged it. Null numbers mean the gateway did not say.
 *
 * @param costUsd    what the gateway charged, in USD
 * @param status     the gateway's word for how it ended (e.g. "success", "error")
 * @param createdAt  epoch seconds, or 0
 * @param quota      what the gateway charged in its own quota units (new-api), or null
 * @param matchedBy  the log field the ID was found in ({@code request_id}, {@code upstream_request_id}, …), or empty
 */
public record LoggedRequest(String requestId, String model, Integer promptTokens, Integer completionTokens, Double costUsd,
                            String status, long createdAt, Long quota, String matchedBy) {

    public LoggedRequest {
        matchedBy = matchedBy == null ? "" : matchedBy;
    }

    public LoggedRequest(String requestId, String model, Integer promptTokens, Integer completionTokens, Double costUsd,
                         String status, long createdAt) {
        this(requestId, model, promptTokens, completionTokens, costUsd, status, createdAt, null, "");
    }

    public Integer totalTokens() {
        return promptTokens == null || completionTokens == null ? null : promptTokens + completionTokens;
    }
}
