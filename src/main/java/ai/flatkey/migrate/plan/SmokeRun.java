package ai.flatkey.migrate.plan;

import java.util.List;

/**
 * One run of the smoke suite against a target, with a timestamp (ISO-8601) so runs can be compared; in compare mode
 * also the same checks against the current provider (source) and their per-check comparison.
 */
public record SmokeRun(String startedAt, String targetBaseUrl, List<CheckResult> results, String sourceBaseUrl,
                       List<CheckResult> sourceResults, List<Comparison> comparisons) {
    public SmokeRun {
        startedAt = Lists.text(startedAt);
        targetBaseUrl = Lists.text(targetBaseUrl);
        results = Lists.copy(results);
        sourceBaseUrl = Lists.text(sourceBaseUrl);
        sourceResults = Lists.copy(sourceResults);
        comparisons = Lists.copy(comparisons);
    }

    /** A target-only run. */
    public SmokeRun(String startedAt, String targetBaseUrl, List<CheckResult> results) {
        this(startedAt, targetBaseUrl, results, "", List.of(), List.of());
    }

    /** Whether the run also ran against the current provider and compared. */
    public boolean compared() {
        return !sourceResults.isEmpty();
    }

    /** When the run started, as "2026-06-11 09:30:12 UTC" (the stored text as it is if it is not an instant). */
    public String when() {
        if (startedAt.isBlank()) {
            return "(unknown time)";
        }
        return Instants.readable(startedAt);
    }

    public boolean allPassed() {
        return !results.isEmpty() && results.stream().allMatch(CheckResult::passed);
    }

    public long count(Verdict verdict) {
        return results.stream().filter(r -> r.verdict() == verdict).count();
    }

    /**
     * The verdicts counted apart, for a summary line: "7 passed, 1 failed, 2 unsupported, 1 error" (Unsupported and
     * Error are not failures of the gateway's claims, so they are never lumped in with them).
     */
    public String tally() {
        long errors = count(Verdict.ERROR);
        return count(Verdict.PASS) + " passed, " + count(Verdict.FAIL) + " failed, " + count(Verdict.UNSUPPORTED)
                + " unsupported, " + errors + (errors == 1 ? " error" : " errors");
    }
}
