package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.RepeatStats;
import ai.flatkey.migrate.plan.Verdict;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * p50/p95 over the runs of a repeated check (nearest-rank percentiles over the runs that answered), and the one
 * nearest-rank percentile the core computes with (the stage gates' p95 uses it too).
 */
final class Stats {
    private Stats() {
    }

    record Sample(Verdict verdict, Long totalMs, Long ttftMs) {
    }

    static RepeatStats of(List<Sample> samples) {
        List<Long> totals = samples.stream().map(Sample::totalMs).filter(Objects::nonNull).toList();
        List<Long> ttfts = samples.stream().map(Sample::ttftMs).filter(Objects::nonNull).toList();
        int passed = (int) samples.stream().filter(s -> s.verdict() == Verdict.PASS).count();
        return new RepeatStats(samples.size(), passed, percentile(totals, 50), percentile(totals, 95),
                percentile(ttfts, 50), percentile(ttfts, 95));
    }

    /** Nearest-rank {@code p}th percentile (0–100) of the values, in any order; null for no values. */
    static Long percentile(Collection<Long> values, int p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
