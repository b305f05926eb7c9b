package ai.flatkey.migrate.plan;

/**
 * The stored outcome of one smoke check, with its evidence. Times in milliseconds; null where not measured.
 *
 * @param checkId     stable check ID, e.g. {@code chat-stream:gpt-5.5}
 * @param feature     the feature checked (chat, streaming, models, …)
 * @param model       the target model, or empty for checks that are per target
 * @param verdict     pass, fail, unsupported or error
 * @param ruleId      the conformance rule that decided it (CONFORMANCE.md), or empty on pass
 * @param reason      a plain-language reason
 * @param requestId   the gateway's request ID, for reconciliation
 * @param output      an excerpt of the answer (never a key)
 * @param curl        the equivalent curl command, with the key as an environment variable
 * @param stats       latency over repeated runs (repeat-N), or null for a single run
 * @param transcript  the exchange as text (request, status, headers, events), key redacted; empty if not kept
 */
public record CheckResult(
        String checkId,
        String feature,
        String model,
        Verdict verdict,
        String ruleId,
        String reason,
        String requestId,
        Long ttftMs,
        Long totalMs,
        Integer promptTokens,
        Integer completionTokens,
        Integer totalTokens,
        String output,
        String curl,
        RepeatStats stats,
        String transcript) {

    public CheckResult {
        checkId = Lists.text(checkId);
        feature = Lists.text(feature);
        model = Lists.text(model);
        verdict = verdict == null ? Verdict.ERROR : verdict;
        ruleId = Lists.text(ruleId);
        reason = Lists.text(reason);
        requestId = Lists.text(requestId);
        output = Lists.text(output);
        curl = Lists.text(curl);
        transcript = Lists.text(transcript);
    }

    /** A single-run result without a transcript. */
    public CheckResult(String checkId, String feature, String model, Verdict verdict, String ruleId, String reason,
                       String requestId, Long ttftMs, Long totalMs, Integer promptTokens, Integer completionTokens,
                       Integer totalTokens, String output, String curl) {
        this(checkId, feature, model, verdict, ruleId, reason, requestId, ttftMs, totalMs, promptTokens, completionTokens,
                totalTokens, output, curl, null, "");
    }

    public CheckResult withStats(RepeatStats value) {
        return new CheckResult(checkId, feature, model, verdict, ruleId, reason, requestId, ttftMs, totalMs, promptTokens,
                completionTokens, totalTokens, output, curl, value, transcript);
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }
}
