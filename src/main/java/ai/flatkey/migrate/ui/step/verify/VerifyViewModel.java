package ai.flatkey.migrate.ui.step.verify;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Checklist;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.step.checklist.ChecklistRow;
import ai.flatkey.migrate.ui.step.checklist.ChecklistRows;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Step 5, Verify: the latest smoke run's requests (request ID, status, usage) to find in the gateway's usage log,
 * and the usage-log, billing and quota confirmations with status and evidence note.
 */
public final class VerifyViewModel {

    /** One request of the latest run, as shown. */
    public record RequestRow(String check, String model, String verdict, String requestId, String tokens, String timing,
                             String style) {
    }

    private final PlanDocument doc;
    private final ObservableList<RequestRow> requests = FXCollections.observableArrayList();
    private final ChecklistRows confirmations;
    private final StringBinding runSummary;

    public VerifyViewModel(PlanDocument doc) {
        this.doc = doc;
        this.confirmations = ChecklistRows.only(doc, Set.of(Checklist.USAGE_LOG, Checklist.BILLING, Checklist.QUOTA));
        runSummary = Bindings.createStringBinding(() -> summary(doc.plan()), doc.planProperty());
        doc.planProperty().addListener((o, a, b) -> {
            if (a == null || !a.smokeRuns().equals(b.smokeRuns())) {
                refresh(b);
            }
        });
        refresh(doc.plan());
    }

    public ObservableList<RequestRow> requests() {
        return requests;
    }

    public ObservableList<ChecklistRow> confirmations() {
        return confirmations.rows();
    }

    public StringBinding runSummaryProperty() {
        return runSummary;
    }

    private void refresh(MigrationPlan plan) {
        requests.setAll(plan.latestRun().map(run -> run.results().stream().map(VerifyViewModel::row).toList())
                .orElse(java.util.List.of()));
    }

    static RequestRow row(CheckResult r) {
        String tokens = r.totalTokens() == null ? "—"
                : r.promptTokens() + " in / " + r.completionTokens() + " out / " + r.totalTokens() + " total";
        String timing = r.totalMs() == null ? "—" : r.totalMs() + " ms" + (r.ttftMs() == null ? "" : " (TTFT " + r.ttftMs() + " ms)");
        String style = switch (r.verdict()) {
            case PASS -> "text-success";
            case FAIL, ERROR -> "text-danger";
            case UNSUPPORTED -> "text-warning";
        };
        return new RequestRow(r.checkId(), r.model(), r.verdict().name().toLowerCase(Locale.ROOT),
                r.requestId().isBlank() ? "(none sent)" : r.requestId(), tokens, timing, style);
    }

    private static String summary(MigrationPlan plan) {
        Optional<SmokeRun> run = plan.latestRun();
        if (run.isEmpty()) {
            return "No smoke run yet. Run the smoke tests in step 4; their request IDs appear here to look up in the gateway's usage log.";
        }
        SmokeRun r = run.get();
        return "Latest run " + r.when() + " against " + r.targetBaseUrl() + ": " + r.count(Verdict.PASS) + " of "
                + r.results().size() + " passed. Find each request ID below in the gateway's usage log, then confirm the items underneath.";
    }
}
