package ai.flatkey.migrate.ui.step.verify;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.ui.support.Tone;

import java.util.Locale;
import java.util.Optional;

/** What the verify step says about a run and its reconciliation: the rows as shown, the summaries, the quota verdict. */
final class VerifyTexts {
    private VerifyTexts() {
    }

    static String dropVerdict(Reconciliation r) {
        Double drop = r.quotaDrop();
        Double est = r.suiteCostUsd();
        if (drop == null) {
            return "The quota before and after the suite is not known for this gateway; compare it in the dashboard.";
        }
        if (est == null) {
            return "The quota dropped by " + usd(drop) + "; without prices the suite's cost cannot be estimated.";
        }
        double diff = drop - est;
        double tolerance = Math.max(0.000_01, est * 0.05);
        if (Math.abs(diff) <= tolerance) {
            return "The quota dropped by about what the suite was estimated to cost.";
        }
        return String.format(Locale.ROOT, "The quota dropped by %s, the suite was estimated at %s (%s%s). Check the billing unit and the price of each model.",
                usd(drop), usd(est), diff > 0 ? "+" : "−", usd(Math.abs(diff)));
    }

    static VerifyViewModel.RecRow recRow(Reconciliation.Row r) {
        String model = r.modelBilled().equals(r.modelAsked()) ? r.modelAsked()
                : r.modelAsked() + " → " + (r.modelBilled().isBlank() ? "?" : r.modelBilled());
        String tokens = num(r.tokensSeen()) + " / " + num(r.tokensLogged());
        String cost = (r.costEstimateUsd() == null ? "—" : usd(r.costEstimateUsd())) + " / "
                + (r.costLoggedUsd() == null ? "—" : usd(r.costLoggedUsd()));
        String status = r.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (r.status() == Reconciliation.Status.MATCH && r.costEstimateUsd() != null && r.costLoggedUsd() != null
                && !usd(r.costEstimateUsd()).equals(usd(r.costLoggedUsd()))) {
            status = "match (rounding)"; // the costs shown differ: a plain "match" would not be true; the difference says by how much
        }
        Tone style = switch (r.status()) {
            case MATCH -> Tone.SUCCESS;
            case MISMATCH -> Tone.DANGER;
            case NOT_VISIBLE_YET -> Tone.WARNING;
            case NOT_CHECKABLE -> Tone.MUTED;
        };
        return new VerifyViewModel.RecRow(r.requestId().isBlank() ? "—" : r.requestId(), r.checkId(), model, tokens, cost, status, r.difference(), style);
    }

    static VerifyViewModel.RequestRow row(CheckResult r) {
        String tokens = r.totalTokens() == null ? "—"
                : r.promptTokens() + " in / " + r.completionTokens() + " out / " + r.totalTokens() + " total";
        String timing = r.totalMs() == null ? "—" : r.totalMs() + " ms" + (r.ttftMs() == null ? "" : " (TTFT " + r.ttftMs() + " ms)");
        Tone style = switch (r.verdict()) {
            case PASS -> Tone.SUCCESS;
            case FAIL, ERROR -> Tone.DANGER;
            case UNSUPPORTED -> Tone.WARNING;
        };
        return new VerifyViewModel.RequestRow(r.checkId(), r.model(), r.verdict().name().toLowerCase(Locale.ROOT),
                r.requestId().isBlank() ? "(none sent)" : r.requestId(), tokens, timing, style);
    }

    static String usd(Double v) {
        return v == null ? "—" : String.format(Locale.ROOT, "$%.6f", v);
    }

    static String num(Integer v) {
        return v == null ? "—" : String.valueOf(v);
    }

    static String summary(MigrationPlan plan) {
        Optional<SmokeRun> run = plan.latestRun();
        if (run.isEmpty()) {
            return "No smoke run yet. Run the smoke tests in step 4; their request IDs appear here to look up in the gateway's usage log.";
        }
        SmokeRun r = run.get();
        return "Latest run " + r.when() + " against " + r.targetBaseUrl() + ": " + r.count(Verdict.PASS) + " of "
                + r.results().size() + " passed. Each request is matched with the gateway's own record below; confirm what no API shows underneath.";
    }
}
