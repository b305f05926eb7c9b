package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.export.ClientSnippets;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.smoke.SmokeService;
import ai.flatkey.migrate.smoke.SuiteOptions;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.support.Notifier;
import ai.flatkey.migrate.ui.support.UiBridge;
import ai.flatkey.migrate.ui.support.Validation;
import ai.flatkey.migrate.usage.PriceTable;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.usage.Verification;
import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.FailureKind;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Step 4, Smoke tests: runs the plan's smoke suite, shows each check's live status and the streamed output.
 * Runner events arrive on network threads and are buffered; {@link #flush()} applies them once per UI pulse
 * (tokens for the same check are joined in the buffer), so a fast stream costs one UI update per frame.
 * Before a run it reads the key's quota and the gateway's prices and asks before running over budget; after it,
 * the run is stored in the plan and reconciled with the gateway's log (step 5 shows that). All network work runs
 * off the UI thread through {@link Background}.
 */
public final class SmokeViewModel {

    /** Runs kept in the plan, so a later run can be compared with earlier ones. */
    public static final int KEEP_RUNS = SuiteRun.KEEP_RUNS;

    private final PlanDocument doc;
    private final SuiteRun suite;
    private final Background background;
    private final UiBridge ui;
    private final Notifier notifier;

    private final CheckTable table = new CheckTable();
    private final FollowedOutput output = new FollowedOutput();
    /** Bumped whenever the rows change for another reason, so a late list of planned checks is dropped. */
    private long plannedGeneration;
    /** A list of planned checks is being derived; {@link #relist}: the plan changed meanwhile, derive again. */
    private boolean listing;
    private boolean relist;
    private final ObservableList<Metrics.ModelLatency> latency = FXCollections.observableArrayList();
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final BooleanProperty reconciling = new SimpleBooleanProperty(this, "reconciling");
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final StringProperty summaryStyle = new SimpleStringProperty(this, "summaryStyle", "");
    private final StringProperty budgetWarning = new SimpleStringProperty(this, "budgetWarning", "");
    /** Repeat N as typed; validated. */
    public final StringProperty repeat = new SimpleStringProperty(this, "repeat", "1");
    public final StringBinding repeatError = Bind.text(
            () -> Validation.integer(repeat.get(), 1, SuiteOptions.MAX_REPEAT), repeat);
    /** Whether the same checks also run against the current provider (step 2's source). */
    public final BooleanProperty compare = new SimpleBooleanProperty(this, "compare");
    /** Which checks run: comma-separated globs over check IDs, blank for all. */
    public final StringProperty checks = new SimpleStringProperty(this, "checks", "");

    private LiveEvents live = new LiveEvents(run -> { });
    private Cancellation cancel;
    private UiBridge.Registration pulse;
    private PriceTable prices = PriceTable.empty();
    /** A run held back by the budget warning; {@link #runAnyway()} sends it. */
    private SuiteRun.Prepared held;

    /** Without a usage API: nothing is reconciled automatically (the Verify step asks for confirmations). */
    public SmokeViewModel(PlanDocument doc, KeyResolver keys, SmokeService smoke, Background background) {
        this(doc, new SuiteRun(smoke, new Verification(UsageService.manualOnly()), keys), background, new Notifier());
    }

    public SmokeViewModel(PlanDocument doc, SuiteRun suite, Background background, Notifier notifier) {
        this.notifier = notifier;
        this.doc = doc;
        this.suite = suite;
        this.background = background;
        this.ui = background.ui();
        checks.addListener((o, was, now) -> replan());
        // an edit in another step (a mapping added, a feature ticked) changes what Run all would send
        doc.planProperty().addListener((o, was, now) -> {
            if (now.latestRun().isEmpty()) {
                replan();
            }
        });
        doc.revisionProperty().addListener((o, a, b) -> {
            if (!running.get()) {
                showStored(doc.plan());
            }
        });
        showStored(doc.plan());
    }

    public ObservableList<CheckRow> rows() {
        return table.rows;
    }

    /** The rows with a header row before each group (side and model), in a stable order. */
    public ObservableList<CheckRow> groupedRows() {
        return table.groupedRows;
    }

    /** Latency per feature, one entry per target model, from the latest run. */
    public ObservableList<Metrics.ModelLatency> latency() {
        return latency;
    }

    public ObservableList<String> outputLines() {
        return output.lines;
    }

    /** The followed check's raw SSE lines (empty while the raw view is off). */
    public ObservableList<String> rawLines() {
        return output.rawLines;
    }

    /** Raw view on: the live pane shows the event stream exactly as received (redacted) instead of the rendered text. */
    public BooleanProperty rawViewProperty() {
        return output.rawView;
    }

    /** What the raw view holds for the followed check: how many lines, how many dropped, or why there are none. */
    public ReadOnlyStringProperty rawNoteProperty() {
        return output.rawNote;
    }

    public ObjectProperty<CheckRow> followedProperty() {
        return output.followed;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    /** True while the finished run is being reconciled with the gateway's log. */
    public ReadOnlyBooleanProperty reconcilingProperty() {
        return reconciling;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    /** "text-success", "text-danger", "text-warning" or "" for the summary. */
    public ReadOnlyStringProperty summaryStyleProperty() {
        return summaryStyle;
    }

    public ReadOnlyStringProperty progressProperty() {
        return table.progress;
    }

    /** Set when the suite would run over the key's quota or the plan's budget; {@link #runAnyway()} goes on. */
    public ReadOnlyStringProperty budgetWarningProperty() {
        return budgetWarning;
    }

    /** Shows a check's output (the person picked a row); stops following the live one. */
    public void follow(CheckRow row) {
        output.pick(row);
    }

    /** The suite options from the fields (repeat, compare, selection). */
    public SuiteOptions options() {
        int n = repeatError.get().isEmpty() && !repeat.get().isBlank() ? Integer.parseInt(repeat.get().strip()) : 1;
        return SuiteOptions.defaults().withRepeat(n).withCompare(compare.get()).withChecks(checks.get());
    }

    /** Starts the smoke suite for the current plan with the options in the fields. */
    public void run() {
        start(options());
    }

    /** Runs a single check again (same options, only that check). */
    public void runOne(CheckRow row) {
        if (row == null || row.isGroup()) {
            return;
        }
        String id = row.isSource() && row.id.startsWith("source:") ? "" : row.id;
        if (id.isEmpty()) {
            fail("Run one works on target checks; select the target row of this check.");
            return;
        }
        start(options().withChecks(id).withCompare(false));
    }

    /** Runs despite the budget warning (the person agreed). */
    public void runAnyway() {
        SuiteRun.Prepared p = held;
        held = null;
        budgetWarning.set("");
        if (p != null && !running.get()) {
            showRun(p.sides().checks());
            execute(p, begin());
        }
    }

    /** Drops the budget warning without running. */
    public void dismissBudgetWarning() {
        budgetWarning.set("");
        held = null;
        summary.set("Not run: the estimate is over the budget. Lower Repeat, narrow the checks, or raise the budget in step 5.");
        summaryStyle.set("text-warning");
    }

    private void start(SuiteOptions options) {
        if (running.get()) {
            return;
        }
        if (!repeatError.get().isEmpty()) {
            fail("Repeat: " + repeatError.get());
            return;
        }
        SuiteRun.Sides sides;
        try {
            sides = suite.resolve(doc.plan(), options);
        } catch (SuiteRun.NotStartable e) {
            fail(hint(e));
            return;
        }
        budgetWarning.set("");
        held = null;
        showRun(sides.checks());
        summary.set("Reading the key's quota and the gateway's prices…");
        Cancellation c = begin();
        background.run(() -> suite.prepare(sides, List.of(), true), p -> {
            if (c != cancel) {
                return;
            }
            if (c.isCancelled()) {
                finishWithError(new CancellationException(), c);
            } else if (p.preflight().overBudget().isPresent()) {
                holdForBudget(p);
            } else {
                execute(p, c);
            }
        }, error -> finishWithError(error, c));
    }

    /** The fix for a suite that cannot start, in the wizard's words (the step to visit, the control to change). */
    static String hint(SuiteRun.NotStartable e) {
        return switch (e.problem()) {
            case NO_TARGET_URL -> "Set the target's base URL in step 2 first.";
            case NO_TARGET_KEY -> e.getMessage() + " Set it up in step 2 (or use the embedded demo gateway), then run again.";
            case NO_SOURCE_URL -> "Compare needs the current provider's base URL: set it in step 2, or turn Compare off.";
            case NO_SOURCE_KEY -> e.getMessage() + " Set it up in step 2, or turn Compare off.";
            case NO_CHECK_SELECTED -> e.getMessage() + " Clear the selection to run all checks.";
        };
    }

    /** Lists {@code checks} as the rows of a run about to start. */
    private void showRun(List<Check> checks) {
        plannedGeneration++;
        table.showRun(checks);
        output.reset();
        latency.clear();
        summaryStyle.set("");
    }

    /** Marks a run as going: a new cancel switch, the pulse that applies live events. */
    private Cancellation begin() {
        running.set(true);
        Cancellation c = new Cancellation();
        cancel = c;
        live = new LiveEvents(run -> ui.post(() -> finish(run, c)));
        pulse = ui.onPulse(this::flush);
        return c;
    }

    private void holdForBudget(SuiteRun.Prepared p) {
        stopPulse();
        running.set(false);
        table.cancelled();
        held = p;
        String warning = p.preflight().overBudget().orElse("");
        budgetWarning.set(warning);
        summary.set("Not run yet: " + warning + " Run anyway, or lower Repeat / narrow the checks.");
        summaryStyle.set("text-warning");
    }

    private void execute(SuiteRun.Prepared p, Cancellation c) {
        prices = p.preflight().prices();
        SuiteRun.Sides sides = p.sides();
        summary.set("Running " + sides.checks().size() + " checks against " + sides.target().baseUrl()
                + (sides.source() != null ? " and the current provider " + sides.source().baseUrl() : "")
                + (sides.options().repeat() > 1 ? ", " + sides.options().repeat() + " times each" : "") + "…");
        LiveEvents events = live;
        background.run(() -> suite.execute(p, events, c), outcome -> reconciled(outcome, c),
                error -> finishWithError(error, c));
    }

    /** Cancels a running suite; nothing is stored in the plan. */
    public void cancel() {
        if (running.get() && cancel != null) {
            summary.set("Cancelling…");
            cancel.cancel();
        }
    }

    /** The curl command of a check, for the clipboard. */
    public String curlFor(CheckRow row) {
        return row == null ? "" : row.curl.get();
    }

    /** Python (openai package) for a check, in the runbook's env-var pattern. */
    public String pythonFor(CheckRow row) {
        return row == null || row.isGroup() ? "" : ClientSnippets.python(doc.plan(), row.model.get(), row.feature);
    }

    /** Node.js (openai package) for a check, in the runbook's env-var pattern. */
    public String nodeFor(CheckRow row) {
        return row == null || row.isGroup() ? "" : ClientSnippets.node(doc.plan(), row.model.get(), row.feature);
    }

    /** Applies buffered runner events; called once per UI pulse while a run is going, and when it ends. */
    public void flush() {
        List<LiveEvents.Event> batch = live.drain();
        if (batch.isEmpty()) {
            return;
        }
        for (LiveEvents.Event e : batch) {
            if (e instanceof LiveEvents.Started s) {
                table.rowFor(s.check()).running();
            } else if (e instanceof LiveEvents.Tokens t) {
                CheckRow row = table.rowFor(t.check());
                row.output.append(t.text());
                output.tokens(row, t.text().toString());
            } else if (e instanceof LiveEvents.Fragments f) {
                CheckRow row = table.rowFor(f.check());
                int before = row.toolCalls.size();
                int position = row.toolCalls.add(f.index(), f.name(), f.arguments().toString());
                output.toolCall(row, position, row.toolCalls.size() > before);
            } else if (e instanceof LiveEvents.Raw r) {
                CheckRow row = table.rowFor(r.check());
                List<String> added = new ArrayList<>();
                int dropped = row.raw.add(r.events(), added);
                output.raw(row, added, dropped);
            } else if (e instanceof LiveEvents.Finished f) {
                CheckRow row = table.rowFor(f.check());
                boolean hadOutput = row.output.length() > 0;
                table.finished(row, f.result(), prices);
                output.finished(row, hadOutput);
            }
        }
    }

    /** The checks ran: shows and stores the run; its reconciliation follows ({@link #reconciled}). */
    private void finish(SmokeRun run, Cancellation c) {
        if (c != cancel) {
            return;
        }
        stopPulse();
        flush();
        running.set(false);
        table.settle(run, prices);
        doc.edit(p -> SuiteRun.withRun(p, run));
        latency.setAll(Metrics.latency(run));
        long pass = run.count(Verdict.PASS);
        int n = run.results().size();
        if (run.allPassed()) {
            summary.set("All " + n + " checks passed. The run is stored in the plan (see steps 5 and 7).");
            summaryStyle.set("text-success");
        } else {
            summary.set(pass + " of " + n + " checks passed; " + run.count(Verdict.FAIL) + " failed, "
                    + run.count(Verdict.UNSUPPORTED) + " unsupported, " + run.count(Verdict.ERROR)
                    + " errors. Select a row for the rule and its evidence. The run is stored in the plan.");
            summaryStyle.set("text-danger");
        }
        reconciling.set(true);
    }

    /** The whole use case ended: a cancelled run is shown as such; a reconciliation is stored with its run. */
    private void reconciled(SuiteRun.Outcome outcome, Cancellation c) {
        if (outcome.cancelled()) {
            if (c == cancel) {
                stopPulse();
                flush();
                running.set(false);
                table.cancelled();
                summary.set("Run cancelled. Its results were not stored in the plan.");
                summaryStyle.set("text-warning");
            }
            return;
        }
        if (outcome.reconciliation() != null) {
            doc.edit(p -> Verification.store(p, outcome.reconciliation()));
        }
        if (c != cancel) {
            return;
        }
        reconciling.set(false);
        if (!outcome.problems().isEmpty()) {
            String problems = String.join(" ", outcome.problems());
            summary.set(summary.get() + " " + problems);
            if (outcome.reconciliation() == null) {
                notifier.warning("The gateway's log could not be checked", problems);
            }
        }
    }

    private void finishWithError(Throwable error, Cancellation c) {
        if (c != cancel) {
            return;
        }
        reconciling.set(false);
        stopPulse();
        flush();
        running.set(false);
        table.cancelled();
        boolean cancelled = c.isCancelled() || error instanceof CancellationException
                || (error instanceof ApiException api && api.kind() == FailureKind.CANCELLED);
        if (cancelled) {
            summary.set("Run cancelled. Its results were not stored in the plan.");
            summaryStyle.set("text-warning");
        } else {
            fail("The run stopped: " + error.getMessage() + " Check the target in step 2, then run again.");
            notifier.error("The smoke run stopped", error.getMessage() + " Check the target in step 2, then run again.");
        }
    }

    private void stopPulse() {
        if (pulse != null) {
            pulse.cancel();
            pulse = null;
        }
    }

    private void fail(String message) {
        summary.set(message);
        summaryStyle.set("text-danger");
    }

    private void showStored(MigrationPlan plan) {
        plannedGeneration++;
        output.reset();
        latency.clear();
        plan.latestRun().ifPresentOrElse(run -> {
            table.showStored(run, PriceTable.of(List.of(), List.of(), plan));
            latency.setAll(Metrics.latency(run));
            summary.set("Showing the stored run of " + run.when() + " against " + run.targetBaseUrl() + ": "
                    + run.count(Verdict.PASS) + " of " + run.results().size() + " passed.");
            summaryStyle.set(run.allPassed() ? "text-success" : "text-danger");
        }, () -> {
            table.clearUnlessPlanned(true);
            summary.set("No run yet. Press Run all: one check per feature and mapped model, against the target from step 2.");
            summaryStyle.set("");
            showPlanned(plan);
        });
    }

    /**
     * Before the first run, lists the checks a run would send (status "not run"), derived off the UI thread. Besides
     * showing what Run all will do, this has the table build its rows and cells right after the step first shows, not
     * on the click on Run all (building them there stalled the UI thread for a few hundred ms).
     */
    private void showPlanned(MigrationPlan plan) {
        long generation = plannedGeneration;
        SuiteOptions o = options();
        listing = true;
        background.run(() -> suite.checks(plan, o), list -> {
            listing = false;
            if (generation != plannedGeneration || running.get() || doc.plan().latestRun().isPresent()) {
                return;
            }
            if (relist) {
                relist = false;
                showPlanned(doc.plan());
                return;
            }
            table.showPlanned(list);
        }, error -> {
            listing = false;
            summary.set("No run yet. The checks could not be listed (" + error.getMessage()
                + "); Run all says what to fix.");
        });
    }

    /** Lists the planned checks again (the plan or the selection changed), at most one listing at a time. */
    private void replan() {
        if (!table.isPlanned() || running.get()) {
            return;
        }
        if (listing) {
            relist = true;
            return;
        }
        showPlanned(doc.plan());
    }
}
