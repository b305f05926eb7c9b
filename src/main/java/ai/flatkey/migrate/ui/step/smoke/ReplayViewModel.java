package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.traffic.Recording;
import ai.flatkey.migrate.traffic.RecordingReader;
import ai.flatkey.migrate.traffic.Replay;
import ai.flatkey.migrate.traffic.ReplayCalls;
import ai.flatkey.migrate.ui.doc.FileDialogs;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.BackgroundTask;
import ai.flatkey.migrate.ui.support.Tone;
import ai.flatkey.migrate.usage.QuotaGuard;
import ai.flatkey.migrate.wire.SafeText;
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

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * The smoke step's "Replay recorded calls": a thin face over {@link Replay}, as {@code flatkey-migrate replay} is.
 * Pick a recording → the selection (distinct calls, the costly ones listed, to opt in) and the quota estimate, read
 * off the UI thread → Replay sends the calls through the smoke step's run: live rows in the checks table, Cancel,
 * and the stored run shown like a smoke run.
 */
public final class ReplayViewModel {
    private final PlanDocument doc;
    private final Replay replay;
    private final RunSection run;
    private final FileDialogs files;
    private final Clock clock;
    private final BackgroundTask.Slot reading;

    /** Also send the costly calls (large, several answers, audio out, background jobs, image generations, speech). */
    public final BooleanProperty includeCostly = new SimpleBooleanProperty(this, "includeCostly");
    private final StringProperty file = new SimpleStringProperty(this, "file", "");
    private final StringProperty selection = new SimpleStringProperty(this, "selection", "");
    private final StringProperty estimate = new SimpleStringProperty(this, "estimate", "");
    private final ObjectProperty<Tone> estimateTone = new SimpleObjectProperty<>(this, "estimateTone", Tone.NEUTRAL);
    private final StringProperty replayLabel = new SimpleStringProperty(this, "replayLabel", "Replay");
    private final BooleanProperty ready = new SimpleBooleanProperty(this, "ready");
    private final BooleanProperty preparing = new SimpleBooleanProperty(this, "preparing");
    private final ObservableList<String> costly = FXCollections.observableArrayList();
    private final ObservableList<String> notReplayed = FXCollections.observableArrayList();
    private final javafx.beans.binding.StringBinding costlyLabel = ai.flatkey.migrate.ui.support.Bind.text(() ->
            "Also replay the " + (costly.size() == 1 ? "costly call" : costly.size() + " costly calls") + " listed"
                    + " (large, several answers, audio out, background jobs)", costly);

    private Path path;
    private Recording recording;
    private Replay.Prepared prepared;

    ReplayViewModel(PlanDocument doc, Replay replay, RunSection run, FileDialogs files, Background background,
                    Clock clock) {
        this.doc = doc;
        this.replay = replay;
        this.run = run;
        this.files = files;
        this.clock = clock;
        this.reading = new BackgroundTask.Slot(background);
        includeCostly.addListener((o, was, now) -> reselect());
        run.running.addListener((o, was, now) -> ready.set(!now && prepared != null));
    }

    /** The replay face of {@code smoke}: its replays run (and show, and are stored) as its runs do. */
    public static ReplayViewModel of(SmokeViewModel smoke, Replay replay, FileDialogs files, Background background,
                                     Clock clock) {
        return new ReplayViewModel(smoke.document(), replay, smoke.runSection(), files, background, clock);
    }

    /** The recording's file name; empty before one is picked. */
    public ReadOnlyStringProperty fileProperty() {
        return file;
    }

    /** What will be sent: recorded, distinct, replayed. */
    public ReadOnlyStringProperty selectionProperty() {
        return selection;
    }

    /** The quota guard's estimate from the recorded tokens, or why there is none. */
    public ReadOnlyStringProperty estimateProperty() {
        return estimate;
    }

    public ObjectProperty<Tone> estimateToneProperty() {
        return estimateTone;
    }

    /** "Replay N calls" (or "Replay anyway" over the budget). */
    public ReadOnlyStringProperty replayLabelProperty() {
        return replayLabel;
    }

    /** True once the selection is estimated and can be sent. */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready;
    }

    /** True while the recording is read or the estimate is made. */
    public ReadOnlyBooleanProperty preparingProperty() {
        return preparing;
    }

    /** The costly calls, listed: sent only with {@link #includeCostly}. */
    public ObservableList<String> costly() {
        return costly;
    }

    /** The opt-in's words: "Also replay the costly call listed…", in the number the list has. */
    public javafx.beans.binding.StringBinding costlyLabelProperty() {
        return costlyLabel;
    }

    /** The calls that are not replayed and why (not replayable, no answer recorded). */
    public ObservableList<String> notReplayed() {
        return notReplayed;
    }

    /** Asks for a recording (opening in the last folder used) and reads it. */
    public void choose() {
        if (run.isRunning()) {
            return;
        }
        Path dir = path != null ? path.toAbsolutePath().getParent()
                : doc.file() == null ? null : doc.file().toAbsolutePath().getParent();
        files.openImport(dir, "Recording (JSON Lines)", "jsonl").ifPresent(this::load);
    }

    /** Reads {@code recording} off the UI thread, then selects and estimates. */
    public void load(Path recordingFile) {
        path = recordingFile;
        recording = null;
        file.set(String.valueOf(recordingFile.getFileName()));
        clear("Reading " + recordingFile.getFileName() + "…");
        reading.start(BackgroundTask.of(c -> RecordingReader.read(recordingFile)).onSuccess(r -> {
            recording = r;
            reselect();
        }).onError(e -> failed("Could not read " + recordingFile.getFileName() + ": "
                + SafeText.scrub(String.valueOf(e.getMessage())))));
    }

    /** Closes the replay card (nothing is sent). */
    public void dismiss() {
        reading.drop();
        path = null;
        recording = null;
        file.set("");
        clear("");
        estimate.set("");
    }

    private void clear(String message) {
        prepared = null;
        ready.set(false);
        preparing.set(!message.isEmpty());
        selection.set(message);
        estimate.set("");
        costly.clear();
        notReplayed.clear();
    }

    /** Selects the calls (the costly ones in or out), then reads the books for the estimate, off the UI thread. */
    private void reselect() {
        if (recording == null || run.isRunning()) {
            return;
        }
        Recording r = recording;
        String name = file.get();
        Replay.Options options = new Replay.Options(0, Replay.Options.defaults().concurrency(), includeCostly.get());
        MigrationPlan plan = doc.plan();
        clear("Selecting the calls and reading the key's quota…");
        reading.start(BackgroundTask.of(c -> {
            Replay.Selected selected = Replay.select(r, name, options);
            return replay.prepare(plan, selected, options, List.of(), true);
        }).onSuccess(this::show)
                .onError(Replay.NothingToReplay.class, e -> failed(SafeText.scrub(e.getMessage())))
                .onError(SuiteRun.NotStartable.class, e -> failed(SmokeViewModel.hint(e)))
                .onError(e -> failed("Could not prepare the replay: " + SafeText.scrub(String.valueOf(e.getMessage())))));
        listCostly(r);
    }

    /** The costly calls of the recording, whether or not they are included. */
    private void listCostly(Recording r) {
        ReplayCalls.Selection cheap = ReplayCalls.select(r.calls(), 0, false);
        costly.setAll(cheap.skipped().stream().filter(x -> x.skip() == ReplayCalls.Skip.COSTLY).map(this::line).toList());
        notReplayed.setAll(cheap.skipped().stream().filter(x -> x.skip() == ReplayCalls.Skip.NOT_REPLAYABLE
                || x.skip() == ReplayCalls.Skip.NO_ANSWER).map(this::line).toList());
    }

    private String line(ReplayCalls.Skipped x) {
        var c = x.call().call();
        return "#" + c.seq() + " " + c.method() + " " + c.route() + (c.model() == null ? "" : " " + SafeText.scrub(c.model()))
                + " — " + SafeText.scrub(x.why());
    }

    private void show(Replay.Prepared p) {
        prepared = p;
        preparing.set(false);
        ReplayCalls.Selection s = p.selected().selection();
        int n = p.suite().sides().checks().size();
        selection.set(s.recorded() + " recorded calls, " + s.distinct() + " distinct; " + n + " will be sent to "
                + SafeText.scrub(p.suite().sides().target().baseUrl()) + ", each compared by structure with its"
                + " recorded answer.");
        QuotaGuard.Estimate e = p.estimate();
        String figures = "Estimated from the recorded tokens: " + e.requests() + " requests, ~" + e.tokens() + " tokens"
                + (e.costUsd() == null ? " (no prices known)" : String.format(Locale.ROOT, ", about $%.4f", e.costUsd()));
        if (p.overBudget().isPresent()) {
            estimate.set(figures + ". " + SafeText.scrub(p.overBudget().get()));
            estimateTone.set(Tone.WARNING);
            replayLabel.set("Replay anyway");
        } else {
            estimate.set(figures + ".");
            estimateTone.set(Tone.NEUTRAL);
            replayLabel.set("Replay " + n + " call" + (n == 1 ? "" : "s"));
        }
        ready.set(true);
    }

    private void failed(String message) {
        preparing.set(false);
        ready.set(false);
        selection.set("");
        estimate.set(message);
        estimateTone.set(Tone.DANGER);
    }

    /** Sends the selection through the smoke step's run (live rows, Cancel, stored like a smoke run). */
    public void replay() {
        Replay.Prepared p = prepared;
        if (p == null || run.isRunning()) {
            return;
        }
        ready.set(false);
        run.replay(replay, p, clock);
    }
}
