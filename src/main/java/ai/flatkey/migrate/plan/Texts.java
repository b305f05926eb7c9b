package ai.flatkey.migrate.plan;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Every text field of the records that hold what a server said — a check's result, a run, a comparison, a
 * reconciliation — passed through one function (a redactor, an escaper). Numbers, verdicts and statuses are kept.
 * The one list of those fields: a new text field added to one of these records belongs here too.
 */
public final class Texts {

    private Texts() {
    }

    public static CheckResult map(CheckResult r, UnaryOperator<String> f) {
        return new CheckResult(f.apply(r.checkId()), f.apply(r.feature()), f.apply(r.model()), r.verdict(),
                f.apply(r.ruleId()), f.apply(r.reason()), f.apply(r.requestId()), r.ttftMs(), r.totalMs(),
                r.promptTokens(), r.completionTokens(), r.totalTokens(), f.apply(r.output()), f.apply(r.curl()),
                r.stats(), f.apply(r.transcript()),
                r.breaches().stream().map(b -> new RuleBreach(f.apply(b.ruleId()), b.kind(), f.apply(b.evidence()))).toList(),
                r.assertions().stream().map(a -> new AssertionResult(f.apply(a.ruleId()), f.apply(a.assertion()),
                        a.status(), f.apply(a.evidence()))).toList(),
                r.otherRequests().stream().map(o -> new BilledRequest(f.apply(o.model()), f.apply(o.requestId()),
                        o.promptTokens(), o.completionTokens())).toList());
    }

    public static SmokeRun map(SmokeRun r, UnaryOperator<String> f) {
        return new SmokeRun(f.apply(r.startedAt()), f.apply(r.targetBaseUrl()), map(r.results(), f),
                f.apply(r.sourceBaseUrl()), map(r.sourceResults(), f),
                r.comparisons().stream().map(c -> map(c, f)).toList());
    }

    public static Comparison map(Comparison c, UnaryOperator<String> f) {
        return new Comparison(f.apply(c.checkId()), f.apply(c.sourceModel()), f.apply(c.targetModel()),
                c.sourceVerdict(), c.targetVerdict(), c.differences().stream().map(f).toList(), c.sourceTotalMs(),
                c.targetTotalMs(), c.sourceTokens(), c.targetTokens());
    }

    /** null for null. */
    public static Reconciliation map(Reconciliation r, UnaryOperator<String> f) {
        if (r == null) {
            return null;
        }
        return new Reconciliation(f.apply(r.runStartedAt()), f.apply(r.checkedAt()), f.apply(r.source()),
                r.rows().stream().map(w -> new Reconciliation.Row(f.apply(w.checkId()), f.apply(w.requestId()),
                        f.apply(w.modelAsked()), f.apply(w.modelBilled()), w.tokensSeen(), w.tokensLogged(),
                        w.costEstimateUsd(), w.costLoggedUsd(), f.apply(w.requestStatus()), w.status(),
                        f.apply(w.difference()))).toList(),
                r.quotaBefore(), r.quotaAfter(), r.suiteCostUsd(), r.rateLimits().stream().map(f).toList(),
                f.apply(r.note()));
    }

    private static List<CheckResult> map(List<CheckResult> results, UnaryOperator<String> f) {
        return results.stream().map(r -> map(r, f)).toList();
    }
}
