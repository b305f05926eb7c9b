package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.smoke.Rule;

import ai.flatkey.migrate.wire.Excerpts;
import ai.flatkey.migrate.plan.AssertionResult;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Comparison;
import ai.flatkey.migrate.plan.SmokeRun;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Figures derived from check results: tokens per second, the evidence text, and latency bars per model. */
public final class Metrics {

    private Metrics() {
    }

    /** One bar pair of a latency chart: a feature's total time on the target and, when compared, on the source. */
    public record Bar(String feature, Long targetMs, Long sourceMs) {
    }

    /** The latency chart of one target model. */
    public record ModelLatency(String model, String sourceModel, List<Bar> bars) {
    }

    /**
     * Completion tokens per second: after the first token for streams (TTFT known), else over the whole request.
     * Empty without completion tokens or time.
     */
    public static Optional<Double> tokensPerSecond(CheckResult r) {
        if (r.completionTokens() == null || r.completionTokens() <= 0 || r.totalMs() == null) {
            return Optional.empty();
        }
        long ms = r.ttftMs() != null && r.totalMs() > r.ttftMs() ? r.totalMs() - r.ttftMs() : r.totalMs();
        return ms <= 0 ? Optional.empty() : Optional.of(r.completionTokens() * 1000.0 / ms);
    }

    /**
     * A failed (or passed) check's evidence in plain text: verdict, rule, reason, each assertion of a request check
     * with its outcome, request ID, output, exchange.
     */
    public static String evidence(CheckResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.verdict().name());
        List<String> rules = r.decidingRuleIds();
        if (!rules.isEmpty()) {
            sb.append(rules.size() == 1 ? " — rule " : " — rules ").append(String.join(", ", rules)).append(" (")
                    .append(String.join("; ", rules.stream().map(Rule::documentOf).distinct().toList())).append(')');
        }
        sb.append('\n').append(r.reason().isBlank() ? "(no reason given)" : r.reason());
        if (r.breaches().size() > 1) {
            sb.append("\n\nBreached rules (").append(r.breaches().size()).append("):");
            r.breaches().forEach(b -> sb.append("\n• ").append(b.kind().name()).append(' ').append(b.ruleId()).append(": ")
                    .append(b.evidence()));
        }
        if (!r.assertions().isEmpty()) {
            long held = r.assertions().stream().filter(a -> a.status() == AssertionResult.Status.PASS).count();
            sb.append("\n\nAssertions (").append(held).append(" of ").append(r.assertions().size()).append(" held):");
            r.assertions().forEach(a -> sb.append("\n• ").append(a.status().label()).append(" — ").append(a.assertion())
                    .append(" [").append(a.ruleId()).append("]: ").append(a.evidence()));
        }
        if (!r.requestId().isBlank()) {
            sb.append("\nRequest ID: ").append(r.requestId());
        }
        if (!r.output().isBlank()) {
            sb.append("\n\nWhat came back:\n").append(Excerpts.clip(r.output(), 2000, "…"));
        }
        if (!r.transcript().isBlank()) {
            sb.append("\n\nExchange (key redacted):\n").append(r.transcript());
        }
        return sb.toString();
    }

    /** Latency per feature, one chart per target model; with the source's time beside it when the run compared. */
    public static List<ModelLatency> latency(SmokeRun run) {
        Map<String, Comparison> byCheck = new LinkedHashMap<>();
        run.comparisons().forEach(c -> byCheck.put(c.checkId(), c));
        Map<String, List<Bar>> bars = new LinkedHashMap<>();
        Map<String, String> sourceModel = new LinkedHashMap<>();
        for (CheckResult r : run.results()) {
            if (r.model().isBlank()) {
                continue;
            }
            Long target = r.stats() != null && r.stats().totalP50Ms() != null ? r.stats().totalP50Ms() : r.totalMs();
            if (target == null) {
                continue;
            }
            Comparison c = byCheck.get(r.checkId());
            Long source = c == null ? null : c.sourceTotalMs();
            if (c != null && !c.sourceModel().isBlank()) {
                sourceModel.putIfAbsent(r.model(), c.sourceModel());
            }
            bars.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(new Bar(r.feature(), target, source));
        }
        List<ModelLatency> out = new ArrayList<>();
        bars.forEach((m, b) -> out.add(new ModelLatency(m, sourceModel.getOrDefault(m, ""), List.copyOf(b))));
        return out;
    }
}
