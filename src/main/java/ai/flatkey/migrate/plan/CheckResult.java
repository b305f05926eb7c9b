package ai.flatkey.migrate.plan;

import java.util.List;

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
 * @param breaches    every rule the check found breached, each with its class and evidence, in the order found;
 *                    {@code ruleId} is the worst of them (the first Fail, else the first Unsupported). A result stored
 *                    before this field existed gets one breach made from its rule and reason. Optional in the plan
 *                    file (schema 3): an older build ignores it and still has every rule named in {@code reason}.
 * @param assertions  for a request check: each assertion's outcome with its rule and evidence, in the check's order;
 *                    empty for the built-in checks (schema 4)
 * @param otherRequests the billed requests the check sent besides the one its request ID, tokens and cost are for
 *                    (a transcription's spoken clip, the formats check's other formats), in the order sent; empty for
 *                    a check of one request. Optional in the plan file, as {@code breaches} is.
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
        String transcript,
        List<RuleBreach> breaches,
        List<AssertionResult> assertions,
        List<BilledRequest> otherRequests) {

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
        breaches = breaches == null || breaches.isEmpty() ? implied(verdict, ruleId, reason) : List.copyOf(breaches);
        assertions = Lists.copy(assertions);
        otherRequests = Lists.copy(otherRequests);
    }

    /** A result without assertion outcomes (a built-in check) and of one request (no other billed requests). */
    public CheckResult(String checkId, String feature, String model, Verdict verdict, String ruleId, String reason,
                       String requestId, Long ttftMs, Long totalMs, Integer promptTokens, Integer completionTokens,
                       Integer totalTokens, String output, String curl, RepeatStats stats, String transcript,
                       List<RuleBreach> breaches) {
        this(checkId, feature, model, verdict, ruleId, reason, requestId, ttftMs, totalMs, promptTokens, completionTokens,
                totalTokens, output, curl, stats, transcript, breaches, List.of(), List.of());
    }

    /** A request check's result: its assertion outcomes, of one request (no other billed requests). */
    public CheckResult(String checkId, String feature, String model, Verdict verdict, String ruleId, String reason,
                       String requestId, Long ttftMs, Long totalMs, Integer promptTokens, Integer completionTokens,
                       Integer totalTokens, String output, String curl, RepeatStats stats, String transcript,
                       List<RuleBreach> breaches, List<AssertionResult> assertions) {
        this(checkId, feature, model, verdict, ruleId, reason, requestId, ttftMs, totalMs, promptTokens, completionTokens,
                totalTokens, output, curl, stats, transcript, breaches, assertions, List.of());
    }

    /** A result without a list of breaches: its deciding rule, if any, as the one breach. */
    public CheckResult(String checkId, String feature, String model, Verdict verdict, String ruleId, String reason,
                       String requestId, Long ttftMs, Long totalMs, Integer promptTokens, Integer completionTokens,
                       Integer totalTokens, String output, String curl, RepeatStats stats, String transcript) {
        this(checkId, feature, model, verdict, ruleId, reason, requestId, ttftMs, totalMs, promptTokens, completionTokens,
                totalTokens, output, curl, stats, transcript, List.of());
    }

    private static List<RuleBreach> implied(Verdict verdict, String ruleId, String reason) {
        if (verdict == Verdict.PASS || ruleId.isBlank()) {
            return List.of();
        }
        return List.of(new RuleBreach(ruleId, RuleBreach.Kind.of(verdict), reason));
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
                completionTokens, totalTokens, output, curl, value, transcript, breaches, assertions, otherRequests);
    }

    /** The same result with the other billed requests its check sent. */
    public CheckResult withOtherRequests(List<BilledRequest> value) {
        return new CheckResult(checkId, feature, model, verdict, ruleId, reason, requestId, ttftMs, totalMs, promptTokens,
                completionTokens, totalTokens, output, curl, stats, transcript, breaches, assertions, value);
    }

    /** The IDs of the rules that decided the verdict (Fail, Unsupported, Error), worst first; empty on a pass. */
    public List<String> decidingRuleIds() {
        List<String> ids = new java.util.ArrayList<>();
        if (!ruleId.isBlank() && verdict != Verdict.PASS) {
            ids.add(ruleId);
        }
        RuleBreach.decidingIds(breaches).stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        return ids;
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }
}
