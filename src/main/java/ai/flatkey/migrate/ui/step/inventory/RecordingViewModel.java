package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.scan.PlanScan;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.traffic.RecordingProxy;
import ai.flatkey.migrate.traffic.RecordingReader;
import ai.flatkey.migrate.traffic.Shadow;
import ai.flatkey.migrate.traffic.ShadowResult;
import ai.flatkey.migrate.traffic.ShadowSummary;
import ai.flatkey.migrate.traffic.TrafficInventory;
import ai.flatkey.migrate.ui.doc.FileDialogs;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.Tone;
import ai.flatkey.migrate.ui.support.UiBridge;
import ai.flatkey.migrate.wire.SafeText;
import ai.flatkey.migrate.wire.Transport;
import javafx.beans.binding.BooleanBinding;
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

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/**
 * Step 1's "Record live traffic": a thin face over {@link RecordingProxy} (and {@link Shadow}, {@link TrafficInventory})
 * as {@code flatkey-migrate record} is. Start binds the proxy on loopback and shows the {@code OPENAI_BASE_URL} to set;
 * calls appear in the table as they pass, applied once per UI pulse; Stop closes the file. Then the recording's
 * inventory is proposed and applied like the scan's. Network and disk work runs off the UI thread.
 */
public final class RecordingViewModel {
    /** The port tried first (the CLI's default); any free one when it is taken. */
    public static final int PREFERRED_PORT = 8788;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final PlanDocument doc;
    private final KeyResolver keys;
    private final Supplier<Transport> http;
    private final FileDialogs files;
    private final Background background;
    private final UiBridge ui;
    private final Clock clock;

    /** The provider calls are forwarded to; empty: the plan's current base URL. */
    public final StringProperty upstream = new SimpleStringProperty(this, "upstream", "");
    /** The recording file; empty: one next to the plan. */
    public final StringProperty outputFile = new SimpleStringProperty(this, "outputFile", "");
    public final BooleanProperty shapesOnly = new SimpleBooleanProperty(this, "shapesOnly");
    /** Also mirror each call to the plan's target and compare. */
    public final BooleanProperty shadow = new SimpleBooleanProperty(this, "shadow");
    /** The share of calls mirrored, in percent (1-100), as typed. */
    public final StringProperty shadowPercent = new SimpleStringProperty(this, "shadowPercent", "100");
    public final javafx.beans.binding.StringBinding shadowPercentError = ai.flatkey.migrate.ui.support.Bind.text(
            () -> ai.flatkey.migrate.ui.support.Validation.integer(shadowPercent.get(), 1, 100), shadowPercent);

    private final BooleanProperty recording = new SimpleBooleanProperty(this, "recording");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final BooleanProperty hasRecording = new SimpleBooleanProperty(this, "hasRecording");
    private final StringProperty baseUrl = new SimpleStringProperty(this, "baseUrl", "");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final ObjectProperty<Tone> statusTone = new SimpleObjectProperty<>(this, "statusTone", Tone.NEUTRAL);
    private final StringProperty shadowSummary = new SimpleStringProperty(this, "shadowSummary", "");
    private final ObjectProperty<Tone> shadowTone = new SimpleObjectProperty<>(this, "shadowTone", Tone.NEUTRAL);
    private final StringProperty shadowLatest = new SimpleStringProperty(this, "shadowLatest", "");
    private final ObservableList<CallRow> calls = FXCollections.observableArrayList();
    private final RecordedProposals proposals;

    private RecordingProxy proxy;
    private LiveCalls live;
    private UiBridge.Registration pulse;
    private Path recorded;

    public RecordingViewModel(PlanDocument doc, KeyResolver keys, Supplier<Transport> http, FileDialogs files,
                              Background background, Clock clock) {
        this.doc = doc;
        this.keys = keys;
        this.http = http;
        this.files = files;
        this.background = background;
        this.ui = background.ui();
        this.clock = clock;
        this.proposals = new RecordedProposals(doc);
    }

    public ReadOnlyBooleanProperty recordingProperty() {
        return recording;
    }

    /** True while the proxy is starting or stopping. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** The {@code OPENAI_BASE_URL} the app should use while recording; empty when stopped. */
    public ReadOnlyStringProperty baseUrlProperty() {
        return baseUrl;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ObjectProperty<Tone> statusToneProperty() {
        return statusTone;
    }

    /** The shadow's running tally: mirrored, agreed, differed, dropped; empty without a shadow. */
    public ReadOnlyStringProperty shadowSummaryProperty() {
        return shadowSummary;
    }

    /** Success while every mirror agreed, warning once one differed, failed or was dropped. */
    public ObjectProperty<Tone> shadowToneProperty() {
        return shadowTone;
    }

    /** The latest mirror that did not agree, in words; empty when all agreed. */
    public ReadOnlyStringProperty shadowLatestProperty() {
        return shadowLatest;
    }

    /** The calls seen, newest last (at most {@link LiveCalls#MAX_ROWS}). */
    public ObservableList<CallRow> calls() {
        return calls;
    }

    /** What the recording proposes for the inventory (after "Use this recording for the inventory"). */
    public ObservableList<ProposalRow> proposals() {
        return proposals.rows;
    }

    public ReadOnlyStringProperty applyLabelProperty() {
        return proposals.applyLabel;
    }

    public BooleanBinding canApplyProperty() {
        return proposals.canApply;
    }

    /** True once a recording was stopped (its file can be used for the inventory). */
    public ReadOnlyBooleanProperty hasRecordingProperty() {
        return hasRecording;
    }

    /** The finished recording's file, or null before one was stopped. */
    public Path recordedFile() {
        return recorded;
    }

    /** The upstream used: the field, else the plan's current base URL. */
    public String effectiveUpstream() {
        String u = upstream.get() == null ? "" : upstream.get().strip();
        return u.isEmpty() ? doc.plan().source().baseUrl() : u;
    }

    /** The file used: the field, else {@code recording-STAMP.jsonl} next to the plan (or in the home folder). */
    public Path effectiveOutput() {
        String f = outputFile.get() == null ? "" : outputFile.get().strip();
        if (!f.isEmpty()) {
            return Path.of(f);
        }
        Path dir = doc.file() != null && doc.file().toAbsolutePath().getParent() != null
                ? doc.file().toAbsolutePath().getParent() : Path.of(System.getProperty("user.home"));
        return dir.resolve("recording-" + STAMP.format(clock.instant()) + ".jsonl");
    }

    /** Asks where to write the recording (opening in the last folder used). */
    public void chooseOutput() {
        Path suggested = effectiveOutput();
        files.saveExport(suggested.getParent(), String.valueOf(suggested.getFileName()), "Recording (JSON Lines)",
                "jsonl").ifPresent(p -> outputFile.set(p.toString()));
    }

    /** Starts the proxy (off the UI thread); the base URL to set appears once it listens. */
    public void start() {
        if (recording.get() || busy.get()) {
            return;
        }
        String up = effectiveUpstream();
        String problem = urlProblem(up);
        if (problem != null) {
            say("Upstream: " + problem, Tone.DANGER);
            return;
        }
        MigrationPlan plan = doc.plan();
        if (shadow.get() && plan.target().baseUrl().isBlank()) {
            say("Shadow needs the target's base URL: set it in step 2, or turn Shadow off.", Tone.DANGER);
            return;
        }
        if (shadow.get() && !shadowPercentError.get().isEmpty()) {
            say("Shadow share: " + shadowPercentError.get(), Tone.DANGER);
            return;
        }
        Path out = effectiveOutput();
        boolean withShadow = shadow.get();
        String percent = shadowPercent.get() == null || shadowPercent.get().isBlank() ? "100" : shadowPercent.get().strip();
        Double sample = withShadow ? Integer.parseInt(percent) / 100.0 : null;
        boolean shapes = shapesOnly.get();
        LiveCalls events = new LiveCalls();
        busy.set(true);
        say("Starting the recording proxy…", Tone.NEUTRAL);
        background.run(() -> ProxyStart.open(http.get(), keys, clock, plan, up, out, shapes, sample, events),
                p -> started(p, events, out, withShadow), this::failedToStart);
    }

    private void started(RecordingProxy p, LiveCalls events, Path out, boolean withShadow) {
        busy.set(false);
        proxy = p;
        live = events;
        recording.set(true);
        calls.clear();
        proposals.clear();
        shadowSummary.set(withShadow ? "Shadow: waiting for the first call…" : "");
        shadowTone.set(Tone.NEUTRAL);
        shadowLatest.set("");
        baseUrl.set(p.baseUrl());
        outputFile.set(out.toString());
        pulse = ui.onPulse(this::flush);
        say("Recording into " + out.getFileName() + ". Set OPENAI_BASE_URL in the app to the address above and use it"
                + " as usual; calls pass through unchanged.", Tone.SUCCESS);
    }

    private void failedToStart(Throwable e) {
        busy.set(false);
        say("Could not start the recording proxy: " + SafeText.scrub(String.valueOf(e.getMessage())), Tone.DANGER);
    }

    /** Applies the calls and shadow results that arrived since the last pulse. */
    public void flush() {
        if (live == null) {
            return;
        }
        var next = live.drain(calls);
        if (next != null) {
            calls.setAll(next);
        }
        var shadowed = live.drainShadowed();
        if (!shadowed.isEmpty()) {
            calls.setAll(LiveCalls.withShadows(calls, shadowed));
        }
        for (ShadowResult r : shadowed) {
            if (!r.agrees()) {
                shadowLatest.set("#" + r.seq() + " " + SafeText.scrub(r.targetModel()) + ": " + (r.failure() != null
                        ? "no answer: " + SafeText.scrub(r.failure()) : SafeText.scrub(String.join("; ", r.differences()))));
            }
        }
        ShadowSummary s = proxy == null ? null : proxy.shadowSummary();
        if (s != null && s.mirrored() + s.dropped() + s.failed() > 0) {
            shadowSummary.set(shadowLine(s));
            shadowTone.set(s.differed() + s.failed() + s.dropped() == 0 ? Tone.SUCCESS : Tone.WARNING);
        }
    }

    static String shadowLine(ShadowSummary s) {
        return "Shadow: " + s.mirrored() + " mirrored, " + s.agreed() + " agreed, " + s.differed() + " differed, "
                + s.failed() + " failed, " + s.dropped() + " dropped";
    }

    /** Stops the proxy and closes the file (off the UI thread: calls in flight are cut and recorded). */
    public void stop() {
        if (!recording.get() || busy.get()) {
            return;
        }
        RecordingProxy p = proxy;
        busy.set(true);
        say("Stopping…", Tone.NEUTRAL);
        background.run(() -> {
            p.close();
            return p;
        }, this::stopped, e -> {
            stopped(p);
            say("The recording file was not closed cleanly: " + SafeText.scrub(String.valueOf(e.getMessage())),
                    Tone.WARNING);
        });
    }

    private void stopped(RecordingProxy p) {
        flush();
        if (pulse != null) {
            pulse.cancel();
            pulse = null;
        }
        busy.set(false);
        recording.set(false);
        baseUrl.set("");
        recorded = p.writer().file();
        hasRecording.set(true);
        if (p.shadowSummary() != null) {
            ShadowSummary s = p.shadowSummary();
            shadowSummary.set(shadowLine(s));
            shadowTone.set(s.differed() + s.failed() + s.dropped() == 0 ? Tone.SUCCESS : Tone.WARNING);
        }
        proxy = null;
        boolean failures = p.writeFailures() > 0;
        say("Stopped. " + p.summary().line() + ". Saved " + recorded.getFileName()
                + (failures ? "; " + p.writeFailures() + " calls could not be written" : "") + ".",
                failures ? Tone.WARNING : Tone.SUCCESS);
    }

    /** Reads the stopped recording (off the UI thread) and proposes its inventory, as a scan does. */
    public void useForInventory() {
        Path file = recorded;
        if (file == null || recording.get()) {
            return;
        }
        String name = String.valueOf(file.getFileName());
        background.run(() -> TrafficInventory.of(RecordingReader.read(file), name), this::propose,
                e -> say("Could not read " + name + ": " + SafeText.scrub(String.valueOf(e.getMessage())), Tone.DANGER));
    }

    private void propose(TrafficInventory.Outcome outcome) {
        // every row's evidence is this recording: its name is said once, in the status line
        String prefix = recorded == null ? "" : recorded.getFileName() + ": ";
        proposals.show(outcome, prefix);
        say(prefix + outcome.calls() + " recorded calls; " + outcome.proposals().size() + " values proposed: review"
                + " them and apply the ones you accept.", Tone.NEUTRAL);
    }

    /** Merges the accepted proposals into the plan (empty fields and missing rows only). */
    public int applyAccepted() {
        PlanScan.Applied applied = proposals.apply();
        if (applied == null) {
            return 0;
        }
        say("Filled " + applied.filled() + " value" + (applied.filled() == 1 ? "" : "s") + " from the recording"
                + (applied.kept() > 0 ? "; kept " + applied.kept() + " you had entered" : "") + ".", Tone.SUCCESS);
        return applied.filled();
    }

    /** Ticks or clears every proposal. */
    public void acceptAll(boolean accept) {
        proposals.rows.forEach(r -> r.accepted.set(accept));
    }

    /** Stops a proxy still running (the window closes). */
    public void close() {
        RecordingProxy p = proxy;
        if (p != null) {
            try {
                p.close();
            } catch (IOException ignored) {
                // the window is closing; the file holds what was written
            }
        }
    }

    static String urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "enter the provider's base URL (e.g. https://api.openai.com/v1), or set it in step 2.";
        }
        try {
            URI u = URI.create(url.strip());
            if (u.getHost() != null && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                return null;
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        return "an http(s) base URL is needed, e.g. https://api.openai.com/v1.";
    }

    private void say(String message, Tone tone) {
        status.set(message);
        statusTone.set(tone);
    }
}
