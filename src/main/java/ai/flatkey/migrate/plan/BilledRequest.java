package ai.flatkey.migrate.plan;

/**
 * A billed request a check sent besides the one its figures are for: a transcription's clip spoken by the speech
 * model first, the formats check's other formats. Kept so the suite's cost estimate counts every request the gateway
 * charged, not one per check.
 *
 * @param model            the model the request went to
 * @param requestId        the gateway's request ID, or empty
 * @param promptTokens     the usage its answer carried, or null (an audio answer carries none)
 * @param completionTokens the usage its answer carried, or null
 */
public record BilledRequest(String model, String requestId, Integer promptTokens, Integer completionTokens) {
    public BilledRequest {
        model = Lists.text(model);
        requestId = Lists.text(requestId);
    }
}
