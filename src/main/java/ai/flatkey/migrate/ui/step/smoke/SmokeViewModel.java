package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.smoke.SmokeListener;
import ai.flatkey.migrate.smoke.Target;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.services.SmokeService;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.UiBridge;
import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.FailureKind;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * Step 4, Smoke tests: runs the plan's smoke suite, shows each check's live status and the streamed output.
 * Runner events arrive on network threads and are buffered; {@link #flush()} applies them once per UI pulse
 * (tokens for the same check are joined in the buffer), so a fast stream costs one UI update per frame.
 * The finished run is stored in the plan.
 */
public final class SmokeViewModel {

    /** Runs kept in the plan, so a later run can be compared with earlier ones. */
    public static final int KEEP_RUNS = 10;

    private sealed interface Event permits Started, Tokens, Finished {
    }

    private record Started(Check check) implements Event {
    }

    private record Tokens(Check check, StringBuilder text) implements Event {
    }

    private record Finished(Check check, CheckResult result) implements Event {
    }

    private final PlanDocument doc;
    private final KeyResolver keys;
    private final SmokeService smoke;
    private final Background background;
    private final UiBridge ui;

    private final ObservableList<CheckRow> rows = FXCollections.observableArrayList();
    private final Map<String, CheckRow> byId = new LinkedHashMap<>();
    /** The followed check's output as lines; the view shows it in a virtualized list. */
    private final ObservableList<String> outputLines = FXCollections.observableArrayList();
    private final ObjectProperty<CheckRow> followed = new SimpleObjectProperty<>(this, "followed");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final StringProperty summaryStyle = new SimpleStringProperty(this, "summaryStyle", "");
    private final StringProperty progress = new SimpleStringProperty(this, "progress", "");

    private final Object lock = new Object();
    private List<Event> pending = new ArrayList<>();
    private boolean autoFollow = true;
    private Cancellation cancel;
    private UiBridge.Registration pulse;
    private int finishedCount;

    public SmokeViewModel(PlanDocument doc, KeyResolver keys, SmokeService smoke, Background background) {
        this.doc = doc;
        this.keys = keys;
        this.smoke = smoke;
        this.background = background;
        this.ui = background.ui();
        doc.revisionProperty().addListener((o, a, b) -> {
            if (!running.get()) {
                showStored(doc.plan());
            }
        });
        showStored(doc.plan());
    }

    public ObservableList<CheckRow> rows() {
        return rows;
    }

    public ObservableList<String> outputLines() {
        return outputLines;
    }

    public ObjectProperty<CheckRow> followedProperty() {
        return followed;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    /** "text-success", "text-danger", "text-warning" or "" for the summary. */
    public ReadOnlyStringProperty summaryStyleProperty() {
        return summaryStyle;
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress;
    }

    /** Shows a check's output (the person picked a row); stops following the live one. */
    public void follow(CheckRow row) {
        if (row == null || row == followed.get()) {
            return;
        }
        autoFollow = false;
        setFollowed(row);
    }

    /** Starts the smoke suite for the current plan. */
    public void run() {
        if (running.get()) {
            return;
        }
        MigrationPlan plan = doc.plan();
        String url = plan.target().baseUrl();
        if (url.isBlank()) {
            fail("Set the target's base URL in step 2 first.");
            return;
        }
        String ref = plan.target().keyRef();
        Optional<String> key = keys.resolve(ref);
        if (!ref.isBlank() && key.isEmpty()) {
            fail("No key for " + ai.flatkey.migrate.plan.Endpoint.describeKeyRef(ref)
                    + ". Set it up in step 2 (or use the embedded demo gateway), then run again.");
            return;
        }
        List<Check> checks = smoke.derive(plan);
        rows.clear();
        byId.clear();
        checks.forEach(c -> rowFor(c));
        outputLines.clear();
        autoFollow = true;
        followed.set(null);
        finishedCount = 0;
        synchronized (lock) {
            pending = new ArrayList<>();
        }
        running.set(true);
        summary.set("Running " + checks.size() + " checks against " + url + "…");
        summaryStyle.set("");
        updateProgress();
        Cancellation c = new Cancellation();
        cancel = c;
        pulse = ui.onPulse(this::flush);
        background.deliver(smoke.run(plan, new Target(url, key.orElse(null)), listener(), c),
                run -> finish(run, c), error -> finishWithError(error, c));
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

    /** Applies buffered runner events; called once per UI pulse while a run is going, and when it ends. */
    public void flush() {
        List<Event> batch;
        synchronized (lock) {
            if (pending.isEmpty()) {
                return;
            }
            batch = pending;
            pending = new ArrayList<>();
        }
        for (Event e : batch) {
            if (e instanceof Started s) {
                rowFor(s.check()).running();
            } else if (e instanceof Tokens t) {
                CheckRow row = rowFor(t.check());
                row.output.append(t.text());
                if (autoFollow && followed.get() != row) {
                    setFollowed(row);
                } else if (followed.get() == row) {
                    appendLines(t.text().toString());
                }
            } else if (e instanceof Finished f) {
                CheckRow row = rowFor(f.check());
                boolean hadOutput = row.output.length() > 0;
                row.finished(f.result());
                if (!hadOutput && row.output.length() > 0 && followed.get() == row) {
                    appendLines(row.output.toString());
                }
                finishedCount++;
            }
        }
        updateProgress();
    }

    private SmokeListener listener() {
        return new SmokeListener() {
            @Override
            public void onStarted(Check c) {
                synchronized (lock) {
                    pending.add(new Started(c));
                }
            }

            @Override
            public void onToken(Check c, String text) {
                if (text == null || text.isEmpty()) {
                    return;
                }
                synchronized (lock) {
                    if (!pending.isEmpty() && pending.get(pending.size() - 1) instanceof Tokens t && t.check().id().equals(c.id())) {
                        t.text().append(text);
                    } else {
                        pending.add(new Tokens(c, new StringBuilder(text)));
                    }
                }
            }

            @Override
            public void onFinished(Check c, CheckResult r) {
                synchronized (lock) {
                    pending.add(new Finished(c, r));
                }
            }
        };
    }

    private void finish(SmokeRun run, Cancellation c) {
        if (c != cancel) {
            return;
        }
        stopPulse();
        flush();
        running.set(false);
        for (CheckResult r : run.results()) {
            CheckRow row = byId.get(r.checkId());
            if (row == null) {
                row = new CheckRow(r.checkId(), r.checkId(), r.model());
                byId.put(r.checkId(), row);
                rows.add(row);
            }
            if (!row.status.get().equals(r.verdict().name().toLowerCase(java.util.Locale.ROOT))) {
                row.finished(r);
            }
        }
        if (c.isCancelled()) {
            rows.forEach(CheckRow::cancelled);
            summary.set("Run cancelled. Its results were not stored in the plan.");
            summaryStyle.set("text-warning");
            return;
        }
        doc.edit(p -> p.withSmokeRunAdded(run, KEEP_RUNS));
        long pass = run.count(Verdict.PASS);
        int n = run.results().size();
        if (run.allPassed()) {
            summary.set("All " + n + " checks passed. The run is stored in the plan (see steps 5 and 7).");
            summaryStyle.set("text-success");
        } else {
            summary.set(pass + " of " + n + " checks passed; " + run.count(Verdict.FAIL) + " failed, "
                    + run.count(Verdict.UNSUPPORTED) + " unsupported, " + run.count(Verdict.ERROR)
                    + " errors. Select a row for the rule and reason. The run is stored in the plan.");
            summaryStyle.set("text-danger");
        }
        updateProgress();
    }

    private void finishWithError(Throwable error, Cancellation c) {
        if (c != cancel) {
            return;
        }
        stopPulse();
        flush();
        running.set(false);
        rows.forEach(CheckRow::cancelled);
        boolean cancelled = c.isCancelled() || error instanceof CancellationException
                || (error instanceof ApiException api && api.kind() == FailureKind.CANCELLED);
        if (cancelled) {
            summary.set("Run cancelled. Its results were not stored in the plan.");
            summaryStyle.set("text-warning");
        } else {
            fail("The run stopped: " + error.getMessage());
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

    private CheckRow rowFor(Check c) {
        CheckRow row = byId.get(c.id());
        if (row == null) {
            row = CheckRow.of(c);
            byId.put(c.id(), row);
            rows.add(row);
        }
        return row;
    }

    private void setFollowed(CheckRow row) {
        followed.set(row);
        outputLines.clear();
        if (row != null && row.output.length() > 0) {
            appendLines(row.output.toString());
        }
    }

    /** Appends text to the line list: the first part extends the last line, each newline starts a new one. */
    private void appendLines(String text) {
        String[] parts = text.split("\n", -1);
        if (outputLines.isEmpty()) {
            outputLines.add("");
        }
        int last = outputLines.size() - 1;
        outputLines.set(last, outputLines.get(last) + parts[0]);
        if (parts.length > 1) {
            outputLines.addAll(java.util.Arrays.asList(parts).subList(1, parts.length));
        }
    }

    private void updateProgress() {
        progress.set(rows.isEmpty() ? "" : finishedCount + " of " + rows.size() + " checks finished");
    }

    private void showStored(MigrationPlan plan) {
        rows.clear();
        byId.clear();
        outputLines.clear();
        followed.set(null);
        autoFollow = true;
        finishedCount = 0;
        plan.latestRun().ifPresentOrElse(run -> {
            for (CheckResult r : run.results()) {
                CheckRow row = new CheckRow(r.checkId(), r.checkId(), r.model());
                row.finished(r);
                byId.put(r.checkId(), row);
                rows.add(row);
                finishedCount++;
            }
            summary.set("Showing the stored run of " + run.when() + " against " + run.targetBaseUrl() + ": "
                    + run.count(Verdict.PASS) + " of " + run.results().size() + " passed.");
            summaryStyle.set(run.allPassed() ? "text-success" : "text-danger");
        }, () -> {
            summary.set("No run yet. Press Run smoke tests: one check per feature and mapped model, against the target from step 2.");
            summaryStyle.set("");
        });
        updateProgress();
    }
}
