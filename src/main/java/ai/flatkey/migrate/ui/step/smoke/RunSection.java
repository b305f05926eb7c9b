package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.traffic.Replay;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.BackgroundTask;
import ai.flatkey.migrate.ui.support.Notifier;
import ai.flatkey.migrate.ui.support.Tone;
import ai.flatkey.migrate.ui.support.UiBridge;
import ai.flatkey.migrate.usage.PriceTable;
import ai.flatkey.migrate.usage.Verification;
import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.FailureKind;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * The smoke step's run: one suite at a time through the {@link SuiteRun} use case — the books read first (and a
 * budget warning that holds the run), then the checks with their live events applied once per UI pulse, then the
 * run stored in the plan and reconciled with the gateway's log. Says how it went in the step's summary line.
 */
final class RunSection {
    final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    final BooleanProperty reconciling = new SimpleBooleanProperty(this, "reconciling");
    final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    final ObjectProperty<Tone> summaryTone = new SimpleObjectProperty<>(this, "summaryTone", Tone.NEUTRAL);
    final StringProperty budgetWarning = new SimpleStringProperty(this, "budgetWarning", "");

    private final PlanDocument doc;
    private final SuiteRun suite;
    private final UiBridge ui;
    private final Notifier notifier;
    private final CheckTable table;
    private final FollowedOutput output;
    private final MediaShelf media;
    private final ObservableList<Metrics.ModelLatency> latency;
    /** The suite's preflight, then its run and reconciliation: one at a time; a new run replaces an old one's. */
    private final BackgroundTask.Slot runs;
    private LiveEvents live = new LiveEvents(run -> { });
    private UiBridge.Registration pulse;
    private PriceTable prices = PriceTable.empty();
    /** A run held back by the budget warning; {@link #runAnyway()} sends it. */
    private SuiteRun.Prepared held;
    /** Whether a run is stored in the plan and reconciled (false for the check editor's "Try it"). */
    private final boolean stores;

    RunSection(PlanDocument doc, SuiteRun suite, Background background, Notifier notifier, CheckTable table,
               FollowedOutput output, MediaShelf media, ObservableList<Metrics.ModelLatency> latency) {
        this(doc, suite, background, notifier, table, output, media, latency, true);
    }

    private RunSection(PlanDocument doc, SuiteRun suite, Background background, Notifier notifier, CheckTable table,
                       FollowedOutput output, MediaShelf media, ObservableList<Metrics.ModelLatency> latency,
                       boolean stores) {
        this.stores = stores;
        this.doc = doc;
        this.suite = suite;
        this.ui = background.ui();
        this.notifier = notifier;
        this.table = table;
        this.output = output;
        this.media = media;
        this.latency = latency;
        this.runs = new BackgroundTask.Slot(background);
    }

    /**
     * A run that is only tried (the check editor's "Try it"): the same preflight, live events and cancel, but nothing is
     * stored in the plan and the gateway's log is not read.
     */
    static RunSection trial(PlanDocument doc, SuiteRun suite, Background background, CheckTable table,
                            FollowedOutput output) {
        return new RunSection(doc, suite, background, new Notifier(), table, output, new MediaShelf(),
                javafx.collections.FXCollections.observableArrayList(), false);
    }

    boolean isRunning() {
        return running.get();
    }

    /** Runs despite the budget warning (the person agreed). */
    void runAnyway() {
        SuiteRun.Prepared p = held;
        held = null;
        budgetWarning.set("");
        if (p != null && !running.get()) {
            showRun(p.sides().checks());
            begin();
            execute(p);
        }
    }

    /** Drops the budget warning without running. */
    void dismissBudgetWarning() {
        budgetWarning.set("");
        held = null;
        say("Not run: the estimate is over the budget. Lower Repeat, narrow the checks, or raise the budget in step 5.",
                Tone.WARNING);
    }

    /** Starts a resolved suite: reads the books, then runs it (or holds it at the budget warning). */
    void start(SuiteRun.Sides sides) {
        budgetWarning.set("");
        held = null;
        showRun(sides.checks());
        summary.set("Reading the key's quota and the gateway's prices…");
        begin();
        runs.start(BackgroundTask.of(c -> suite.prepare(sides, List.of(), stores)).onSuccess(p -> {
            if (p.preflight().overBudget().isPresent()) {
                holdForBudget(p);
            } else {
                execute(p);
            }
        }).onCancelled(this::cancelled).onError(this::stopped));
    }

    /** Lists {@code checks} as the rows of a run about to start. */
    private void showRun(List<Check> checks) {
        output.reset(); // first: the table's new rows may bring back the check the person had selected, to follow
        table.showRun(checks);
        latency.clear();
        summaryTone.set(Tone.NEUTRAL);
    }

    /** Marks a run as going: a fresh buffer for its live events, and the pulse that applies them. */
    private void begin() {
        running.set(true);
        LiveEvents[] events = new LiveEvents[1];
        events[0] = new LiveEvents(run -> ui.post(() -> {
            if (live == events[0]) {
                finish(run);
            }
        }));
        live = events[0];
        pulse = ui.onPulse(this::flush);
    }

    private void holdForBudget(SuiteRun.Prepared p) {
        stopPulse();
        running.set(false);
        table.cancelled();
        held = p;
        String warning = p.preflight().overBudget().orElse("");
        budgetWarning.set(warning);
        say("Not run yet: " + warning + " Run anyway, or lower Repeat / narrow the checks.", Tone.WARNING);
    }

    private void execute(SuiteRun.Prepared p) {
        prices = p.preflight().prices();
        SuiteRun.Sides sides = p.sides();
        summary.set("Running " + sides.checks().size() + " checks against " + sides.target().baseUrl()
                + (sides.source() != null ? " and the current provider " + sides.source().baseUrl() : "")
                + (sides.options().repeat() > 1 ? ", " + sides.options().repeat() + " times each" : "") + "…");
        LiveEvents events = live;
        runs.start(BackgroundTask.of(c -> suite.execute(p, events, c)).onSuccess(this::reconciled)
                .onCancelled(this::cancelled).onError(this::stopped));
    }

    /**
     * Sends a prepared replay: its calls as the run's rows, live events applied per pulse, Cancel as for a run; the
     * outcome is stored in the plan ({@link Replay.Outcome#applyTo}) and shown like a smoke run.
     */
    void replay(Replay replay, Replay.Prepared p, Clock clock) {
        if (running.get()) {
            return;
        }
        budgetWarning.set("");
        held = null;
        showRun(p.suite().sides().checks());
        begin();
        prices = p.suite().preflight().prices();
        summary.set("Replaying " + p.suite().sides().checks().size() + " recorded calls against "
                + p.suite().sides().target().baseUrl() + "…");
        LiveEvents events = live;
        runs.start(BackgroundTask.of(c -> replay.execute(p, events, c)).onSuccess(o -> replayed(o, clock))
                .onCancelled(this::cancelled).onError(this::stopped));
    }

    /** The replay ended: stored with its reconciliation in one edit, then shown like a run. */
    private void replayed(Replay.Outcome outcome, Clock clock) {
        if (outcome.suite().cancelled()) {
            cancelled();
            return;
        }
        SmokeRun run = outcome.run();
        stopPulse();
        flush();
        table.settle(run, prices);
        table.addSources(run, prices); // the recorded answers beside the target's
        latency.setAll(Metrics.latency(run));
        running.set(false);
        doc.edit(p -> outcome.applyTo(p, clock));
        int n = run.results().size();
        if (run.allPassed()) {
            say("All " + n + " replayed calls passed: the target answered with the recorded structure. The run is"
                    + " stored in the plan (see steps 5 and 7).", Tone.SUCCESS);
        } else {
            fail(n + " replayed calls: " + run.tally() + ". Select a row for the REPLAY rules and their evidence. The"
                    + " run is stored in the plan.");
        }
        if (!outcome.suite().problems().isEmpty()) {
            summary.set(summary.get() + " " + String.join(" ", outcome.suite().problems()));
        }
    }

    /** Cancels a running suite; nothing is stored in the plan. */
    void cancel() {
        if (running.get()) {
            summary.set("Cancelling…");
            runs.cancel();
        }
    }

    /** Applies buffered runner events; called once per UI pulse while a run is going, and when it ends. */
    void flush() {
        List<LiveEvents.Event> batch = live.drain();
        if (batch.isEmpty()) {
            return;
        }
        boolean results = false;
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
            } else if (e instanceof LiveEvents.Media m) {
                media.put(m.check().id(), m.requestId(), m.media());
            } else if (e instanceof LiveEvents.Finished f) {
                CheckRow row = table.rowFor(f.check());
                boolean hadOutput = row.output.length() > 0;
                table.finished(row, f.result(), prices);
                output.finished(row, hadOutput);
                results = true;
            }
        }
        if (results) {
            media.refresh();
        }
    }

    /** The checks ran: shows and stores the run; its reconciliation follows ({@link #reconciled}). */
    private void finish(SmokeRun run) {
        stopPulse();
        flush();
        running.set(false);
        table.settle(run, prices);
        latency.setAll(Metrics.latency(run));
        int n = run.results().size();
        if (!stores) {
            say(CheckTrial.summary(run), run.allPassed() ? Tone.SUCCESS : Tone.DANGER);
            return;
        }
        doc.edit(p -> SuiteRun.withRun(p, run));
        if (run.allPassed()) {
            say("All " + n + " checks passed. The run is stored in the plan (see steps 5 and 7).", Tone.SUCCESS);
        } else {
            fail(n + " checks: " + run.tally() + ". Select a row for the rules and their evidence. The run is stored"
                    + " in the plan.");
        }
        reconciling.set(true);
    }

    /** The whole use case ended: the reconciliation is stored with its run, and what went wrong is said. */
    private void reconciled(SuiteRun.Outcome outcome) {
        if (outcome.cancelled()) {
            cancelled();
            return;
        }
        reconciling.set(false);
        if (outcome.reconciliation() != null) {
            doc.edit(p -> Verification.store(p, outcome.reconciliation()));
        }
        if (!outcome.problems().isEmpty()) {
            String problems = String.join(" ", outcome.problems());
            summary.set(summary.get() + " " + problems);
            if (outcome.reconciliation() == null) {
                notifier.warning("The gateway's log could not be checked", problems);
            }
        }
    }

    private void cancelled() {
        reconciling.set(false);
        if (!running.get()) {
            return;
        }
        stopPulse();
        flush();
        running.set(false);
        table.cancelled();
        say("Run cancelled. Its results were not stored in the plan.", Tone.WARNING);
    }

    private void stopped(Throwable error) {
        reconciling.set(false);
        stopPulse();
        flush();
        running.set(false);
        table.cancelled();
        if (error instanceof CancellationException || (error instanceof ApiException api && api.kind() == FailureKind.CANCELLED)) {
            say("Run cancelled. Its results were not stored in the plan.", Tone.WARNING);
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

    void fail(String message) {
        say(message, Tone.DANGER);
    }

    void say(String message, Tone tone) {
        summary.set(message);
        summaryTone.set(tone);
    }
}
