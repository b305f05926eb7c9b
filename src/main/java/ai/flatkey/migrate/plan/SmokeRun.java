package ai.flatkey.migrate.plan;

import java.util.List;

/** One run of the smoke suite against a target, with a timestamp (ISO-8601) so runs can be compared. */
public record SmokeRun(String startedAt, String targetBaseUrl, List<CheckResult> results) {
    public SmokeRun {
        startedAt = Lists.text(startedAt);
        targetBaseUrl = Lists.text(targetBaseUrl);
        results = Lists.copy(results);
    }

    public boolean allPassed() {
        return !results.isEmpty() && results.stream().allMatch(CheckResult::passed);
    }

    public long count(Verdict verdict) {
        return results.stream().filter(r -> r.verdict() == verdict).count();
    }
}
