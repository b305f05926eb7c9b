package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.export.ClientSnippets;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.smoke.MediaEvidence;
import ai.flatkey.migrate.smoke.SmokeService;
import ai.flatkey.migrate.smoke.SuiteOptions;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.BackgroundTask;
import ai.flatkey.migrate.ui.support.Tone;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.support.Notifier;
import ai.flatkey.migrate.ui.support.UiBridge;
import ai.flatkey.migrate.ui.support.Validation;
import ai.flatkey.migrate.usage.PriceTable;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.usage.Verification;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

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

    /** Group headers name Azure deployments: "gpt-4o (behind deployment gpt4o-prod)", "gpt4o-prod (Azure deployment)". */
    private final CheckTable table = new CheckTable((source, model) -> source
            ? doc().plan().inventory().currentModelLabel(model) : doc().plan().checkedModelLabel(model));
    private final FollowedOutput output = new FollowedOutput();
    private final MediaShelf media = new MediaShelf();
    private final AudioPlayback player;
    private final ObservableList<Metrics.ModelLatency> latency = FXCollections.observableArrayList();
    /** Repeat N as typed; validated. */
    public final StringProperty repeat = new SimpleStringProperty(this, "repeat", "1");
    public final StringBinding repeatError = Bind.text(
            () -> Validation.integer(repeat.get(), 1, SuiteOptions.MAX_REPEAT), repeat);
    /** Whether the same checks also run against the current provider (step 2's source). */
    public final BooleanProperty compare = new SimpleBooleanProperty(this, "compare");
    /** Which checks run: comma-separated globs over check IDs, blank for all. */
    public final StringProperty checks = new SimpleStringProperty(this, "checks", "");

    /** The listing of planned checks; a newer listing replaces an older one. */
    private final BackgroundTask.Slot listings;
    private final RunSection run;

    /** Without a usage API: nothing is reconciled automatically (the Verify step asks for confirmations). */
    public SmokeViewModel(PlanDocument doc, KeyResolver keys, SmokeService smoke, Background background) {
        this(doc, new SuiteRun(smoke, new Verification(UsageService.manualOnly()), keys), background, new Notifier());
    }

    public SmokeViewModel(PlanDocument doc, SuiteRun suite, Background background, Notifier notifier) {
        this(doc, suite, background, notifier, new JavaSoundSpeaker());
    }

    /** With {@code speaker} as the audio output of the player (tests record what it is asked to play). */
    SmokeViewModel(PlanDocument doc, SuiteRun suite, Background background, Notifier notifier,
                   AudioPlayback.Speaker speaker) {
        this.notifier = notifier;
        this.player = new AudioPlayback(speaker, background);
        this.doc = doc;
        this.suite = suite;
        this.background = background;
        this.ui = background.ui();
        this.listings = new BackgroundTask.Slot(background);
        this.run = new RunSection(doc, suite, background, notifier, table, output, media, latency);
        output.followed.addListener((o, was, now) -> {
            media.show(now);
            if (player.current.get() != null && !media.shown.get().contains(player.current.get())) {
                player.stop(); // the sound playing belongs to a check no longer shown
            }
        });
        checks.addListener((o, was, now) -> replan());
        // an edit in another step (a mapping added, a feature ticked) changes what Run all would send
        doc.planProperty().addListener((o, was, now) -> {
            if (now.latestRun().isEmpty()) {
                replan();
            }
        });
        doc.revisionProperty().addListener((o, a, b) -> {
            if (!run.isRunning()) {
                showStored(doc.plan());
            }
        });
        showStored(doc.plan());
    }

    PlanDocument document() {
        return doc;
    }

    /** The run the replay face shares: one at a time, the same table, live output and storing. */
    RunSection runSection() {
        return run;
    }

    public ObservableList<CheckRow> rows() {
        return table.rows;
    }

    /** The rows with a header row before each group (side and model), in a stable order. */
    private PlanDocument doc() {
        return doc;
    }

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

    /**
     * The followed check's images (as PNG thumbnails) and sounds, kept in memory for the session (never in the plan);
     * empty for a check without them.
     */
    public ReadOnlyObjectProperty<List<MediaEvidence>> mediaProperty() {
        return media.shown;
    }

    /** Why the followed check shows no images or sounds although its kind has them (a run of an earlier session). */
    public ReadOnlyStringProperty mediaNoteProperty() {
        return media.note;
    }

    /** Plays {@code sound} (one of {@link #mediaProperty()}); stops any other. */
    public void play(MediaEvidence sound) {
        player.play(sound);
    }

    /** Stops the sound playing. */
    public void stopPlaying() {
        player.stop();
    }

    /** Whether a sound is playing. */
    public ReadOnlyBooleanProperty playingProperty() {
        return player.playing;
    }

    /** The sound playing, or the last one played. */
    public ReadOnlyObjectProperty<MediaEvidence> soundProperty() {
        return player.current;
    }

    /** Where the sound is ("Playing: 0.8 of 2.5 s"), or why it cannot play. */
    public ReadOnlyStringProperty playerStatusProperty() {
        return player.status;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return run.running;
    }

    /** True while the finished run is being reconciled with the gateway's log. */
    public ReadOnlyBooleanProperty reconcilingProperty() {
        return run.reconciling;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return run.summary;
    }

    /** How the summary reads: success, danger, warning or neutral. */
    public ReadOnlyObjectProperty<Tone> summaryToneProperty() {
        return run.summaryTone;
    }

    public ReadOnlyStringProperty progressProperty() {
        return table.progress;
    }

    /** Set when the suite would run over the key's quota or the plan's budget; {@link #runAnyway()} goes on. */
    public ReadOnlyStringProperty budgetWarningProperty() {
        return run.budgetWarning;
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
        if (row.id.startsWith("request:replay-")) {
            run.fail("A replayed call runs again with the whole recording: press Replay in the Replay recorded calls card.");
            return;
        }
        String id = row.isSource() && row.id.startsWith("source:") ? "" : row.id;
        if (id.isEmpty()) {
            run.fail("Run one works on target checks; select the target row of this check.");
            return;
        }
        start(options().withChecks(id).withCompare(false));
    }

    private void start(SuiteOptions options) {
        if (run.isRunning()) {
            return;
        }
        if (!repeatError.get().isEmpty()) {
            run.fail("Repeat: " + repeatError.get());
            return;
        }
        try {
            SuiteRun.Sides sides = suite.resolve(doc.plan(), options);
            listings.drop();
            run.start(sides);
        } catch (SuiteRun.NotStartable e) {
            run.fail(hint(e));
        }
    }

    /** Runs despite the budget warning (the person agreed). */
    public void runAnyway() {
        listings.drop();
        run.runAnyway();
    }

    /** Drops the budget warning without running. */
    public void dismissBudgetWarning() {
        run.dismissBudgetWarning();
    }

    /** Cancels a running suite; nothing is stored in the plan. */
    public void cancel() {
        run.cancel();
    }

    /** Applies buffered runner events; called once per UI pulse while a run is going, and when it ends. */
    public void flush() {
        run.flush();
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

    private void showStored(MigrationPlan plan) {
        listings.drop();
        output.reset();
        latency.clear();
        plan.latestRun().ifPresentOrElse(stored -> {
            table.showStored(stored, PriceTable.of(List.of(), List.of(), plan));
            latency.setAll(Metrics.latency(stored));
            run.say("Showing the stored run of " + stored.when() + " against " + stored.targetBaseUrl() + ": "
                    + stored.results().size() + " checks, " + stored.tally() + ".",
                    stored.allPassed() ? Tone.SUCCESS : Tone.DANGER);
        }, () -> {
            table.clearUnlessPlanned(true);
            run.say("No run yet. Press Run all: one check per feature and mapped model, against the target from step 2.",
                    Tone.NEUTRAL);
            showPlanned(plan);
        });
    }

    /**
     * Before the first run, lists the checks a run would send (status "not run"), derived off the UI thread. Besides
     * showing what Run all will do, this has the table build its rows and cells right after the step first shows, not
     * on the click on Run all (building them there stalled the UI thread for a few hundred ms).
     */
    private void showPlanned(MigrationPlan plan) {
        SuiteOptions o = options();
        listings.start(BackgroundTask.of(c -> suite.checks(plan, o)).onSuccess(list -> {
            if (!run.isRunning() && doc.plan().latestRun().isEmpty()) {
                table.showPlanned(list);
            }
        }).onError(error -> run.summary.set("No run yet. The checks could not be listed (" + error.getMessage()
                + "); Run all says what to fix.")));
    }

    /** Lists the planned checks again (the plan or the selection changed); a newer listing replaces an older one. */
    private void replan() {
        if (table.isPlanned() && !run.isRunning()) {
            showPlanned(doc.plan());
        }
    }
}
