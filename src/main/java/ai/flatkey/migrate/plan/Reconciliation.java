package ai.flatkey.migrate.plan;

import java.util.List;

/**
 * What the gateway's own books say about a smoke run: one row per smoke request, the key's quota before and after
 * the suite, and the rate-limit headers seen. Stored in the plan and exported.
 *
 * @param runStartedAt   the smoke run this reconciles ({@link SmokeRun#startedAt()})
 * @param checkedAt      when the gateway was asked (ISO-8601)
 * @param source         which adapter answered (flatkey, openrouter, litellm, demo, manual)
 * @param rows           one row per smoke request
 * @param quotaBefore    the key's remaining quota (USD) before the suite, or null if unknown
 * @param quotaAfter     the key's remaining quota (USD) after the suite, or null if unknown
 * @param suiteCostUsd   what the suite cost by our own estimate from the responses' usage, or null without prices
 * @param rateLimits     the rate-limit headers seen, as "remaining/limit, resets in …" lines
 * @param note           a plain-language summary or why nothing could be checked
 */
public record Reconciliation(String runStartedAt, String checkedAt, String source, List<Row> rows, Double quotaBefore,
                             Double quotaAfter, Double suiteCostUsd, List<String> rateLimits, String note) {

    /** How one request compares with the gateway's log. */
    public enum Status {
        MATCH, MISMATCH, NOT_VISIBLE_YET, NOT_CHECKABLE
    }

    /**
     * One smoke request against the gateway's record of it.
     *
     * @param difference what differs, in plain words, when the status is MISMATCH; why it is not checkable; or, on a
     *                   match, what could not be compared (e.g. a response without usage)
     */
    public record Row(String checkId, String requestId, String modelAsked, String modelBilled, Integer tokensSeen,
                      Integer tokensLogged, Double costEstimateUsd, Double costLoggedUsd, String requestStatus, Status status,
                      String difference) {
        public Row {
            checkId = Lists.text(checkId);
            requestId = Lists.text(requestId);
            modelAsked = Lists.text(modelAsked);
            modelBilled = Lists.text(modelBilled);
            requestStatus = Lists.text(requestStatus);
            status = status == null ? Status.NOT_CHECKABLE : status;
            difference = Lists.text(difference);
        }
    }

    public Reconciliation {
        runStartedAt = Lists.text(runStartedAt);
        checkedAt = Lists.text(checkedAt);
        source = Lists.text(source);
        rows = Lists.copy(rows);
        rateLimits = Lists.copy(rateLimits);
        note = Lists.text(note);
    }

    public long count(Status s) {
        return rows.stream().filter(r -> r.status() == s).count();
    }

    /** The drop in remaining quota over the suite, or null when either side is unknown. */
    public Double quotaDrop() {
        return quotaBefore == null || quotaAfter == null ? null : quotaBefore - quotaAfter;
    }
}
