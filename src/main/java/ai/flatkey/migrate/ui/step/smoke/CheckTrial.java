package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.smoke.SuiteOptions;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.Tone;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

/**
 * The check editor's "Try it": one request check, as typed, run through {@link SuiteRun} with a selection of just that
 * check ({@link SuiteOptions#withRequestCheck}) — what {@code flatkey-migrate run --checks 'request:NAME'} does — with
 * the smoke step's live events, streamed answer and Cancel ({@link RunSection#trial}). Nothing is stored in the plan.
 * When it ends, each assertion is listed with held / failed / could not be checked, its rule and evidence.
 */
public final class CheckTrial {
    private final CheckTable table = new CheckTable();
    private final FollowedOutput output = new FollowedOutput();
    private final RunSection run;
    private final SuiteRun suite;
    private final ObservableList<AssertionLine> results = FXCollections.observableArrayList();

    CheckTrial(PlanDocument doc, SuiteRun suite, Background background) {
        this.suite = suite;
        this.run = RunSection.trial(doc, suite, background, table, output);
        run.say("Try it sends this check alone to the target, as it is typed (saved or not), and shows which"
                + " assertions held. Nothing is stored in the plan.", Tone.NEUTRAL);
        run.running.addListener((o, was, now) -> {
            if (!now) {
                showResults();
            }
        });
    }

    /** Runs the request check {@code name} of {@code plan} (the plan with the edited check in it). */
    void start(MigrationPlan plan, String name) {
        if (run.isRunning()) {
            return;
        }
        results.clear();
        try {
            run.start(suite.resolve(plan, SuiteOptions.defaults().withRequestCheck(name)));
        } catch (SuiteRun.NotStartable e) {
            run.fail(SmokeViewModel.hint(e));
        }
    }

    /** Cancels a try that is running; nothing is stored. */
    public void cancel() {
        run.cancel();
    }

    /** Forgets the last try (another check was selected). */
    void clear() {
        if (!run.isRunning()) {
            results.clear();
            output.reset();
            run.say("", Tone.NEUTRAL);
        }
    }

    void fail(String message) {
        results.clear();
        run.fail(message);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return run.running;
    }

    /** How the try went, or why it could not start. */
    public ReadOnlyStringProperty summaryProperty() {
        return run.summary;
    }

    public ReadOnlyObjectProperty<Tone> summaryToneProperty() {
        return run.summaryTone;
    }

    /** The answer as it streams in (then the whole answer; tool calls one line each). */
    public ObservableList<String> outputLines() {
        return output.lines;
    }

    /** Each assertion's outcome once the try ended (per model when the check runs on several). */
    public ObservableList<AssertionLine> results() {
        return results;
    }

    /** The results of the try's checks (for tests and the evidence). */
    public List<CheckRow> rows() {
        return table.rows;
    }

    /** How a try went, by its assertions: "Failed: 1 of 3 assertions failed (ASSERT-CONTAINS). Not stored …". */
    static String summary(ai.flatkey.migrate.plan.SmokeRun run) {
        List<ai.flatkey.migrate.plan.AssertionResult> all = run.results().stream()
                .flatMap(r -> r.assertions().stream()).toList();
        long failed = all.stream().filter(a -> a.status() != ai.flatkey.migrate.plan.AssertionResult.Status.PASS).count();
        String rules = String.join(", ", all.stream().filter(a -> a.status() != ai.flatkey.migrate.plan.AssertionResult
                .Status.PASS).map(ai.flatkey.migrate.plan.AssertionResult::ruleId).distinct().toList());
        String said;
        if (run.allPassed()) {
            said = all.isEmpty() ? "Passed: the answer met the conformance rules" : "Passed: all " + all.size()
                    + (all.size() == 1 ? " assertion held" : " assertions held");
        } else if (failed > 0) {
            said = "Failed: " + failed + " of " + all.size() + (all.size() == 1 ? " assertion" : " assertions")
                    + " did not hold (" + rules + ")";
        } else {
            said = "Failed: " + run.results().stream().filter(r -> !r.passed()).map(r -> r.ruleId() + ": " + r.reason())
                    .findFirst().orElse(run.tally());
        }
        return said + ". Not stored in the plan: Run all stores a run.";
    }

    private void showResults() {
        List<AssertionLine> all = new ArrayList<>();
        List<CheckRow> done = table.rows.stream().filter(r -> r.result() != null).toList();
        for (CheckRow r : done) {
            for (AssertionLine a : AssertionLine.of(r.result())) {
                all.add(done.size() > 1 ? new AssertionLine(a.status(), a.tone(), a.ruleId(),
                        a.assertion() + " (" + r.modelProperty().get() + ")", a.evidence()) : a);
            }
            if (r.result().assertions().isEmpty() && !r.result().passed()) {
                all.add(new AssertionLine(r.statusProperty().get(), Tone.DANGER, r.ruleIdProperty().get(),
                        "the conformance rules", r.reasonProperty().get()));
            }
        }
        results.setAll(all);
        if (output.lines.isEmpty() && !done.isEmpty()) {
            output.pick(done.get(0)); // a non-streamed answer: shown whole once it is in
        }
    }
}
