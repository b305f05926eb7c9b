package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.ui.doc.Dialogs;
import ai.flatkey.migrate.ui.doc.FileDialogs;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.doc.Prefs;
import ai.flatkey.migrate.ui.doc.Recovery;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.support.Notifier;
import ai.flatkey.migrate.ui.theme.ThemeMode;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The wizard shell: which step is shown, Back/Next, the plan name, the demo offer and the start screen. The rest is
 * in sections this class wires and forwards to: the status line ({@link StatusLine}), the document commands (New,
 * Open, Save, Save As, Open Recent, close with unsaved changes: {@link DocumentCommands}), crash recovery
 * ({@link RecoverySection}) and the remembered preferences ({@link PrefsSection}).
 */
public final class WizardViewModel {

    private final PlanDocument doc;
    private final ObjectProperty<Step> current = new SimpleObjectProperty<>(this, "current", Step.INVENTORY);
    private final BooleanBinding canBack = Bind.flag(() -> current.get().ordinal() > 0, current);
    private final BooleanBinding canNext = Bind.flag(
            () -> current.get().ordinal() < Step.values().length - 1, current);
    private final StringProperty planName = new SimpleStringProperty(this, "planName", "");
    private final BooleanProperty demoOffered = new SimpleBooleanProperty(this, "demoOffered");
    private final BooleanProperty startShown = new SimpleBooleanProperty(this, "startShown", true);
    private final StatusLine status;
    private final PrefsSection prefs;
    private final RecoverySection recovery;
    private final DocumentCommands commands;
    private boolean loadingName;
    private Notifier notifier = new Notifier();

    public WizardViewModel(PlanDocument doc, PlanStore store, FileDialogs files, Dialogs dialogs, Prefs prefs,
                           Prefs.Snapshot initialPrefs, Background background, Clock clock, boolean offerDemo) {
        this.doc = doc;
        this.status = new StatusLine(this, current, doc);
        this.prefs = new PrefsSection(this, prefs, initialPrefs, background, status);
        this.recovery = new RecoverySection(this, doc, background, clock, status);
        this.commands = new DocumentCommands(this, doc, store, files, dialogs, background, clock, status, this.prefs, recovery,
                current, demoOffered);
        demoOffered.set(offerDemo && !doc.plan().target().isDemo());
        planName.addListener((o, a, b) -> {
            if (!loadingName) {
                doc.edit(p -> p.withName(b));
            }
        });
        doc.revisionProperty().addListener((o, a, b) -> {
            loadName();
            startShown.set(false);
        });
        doc.openedProperty().addListener((o, a, b) -> notifier.dismissStepNotices());
        // an error toast is about the step it came from: it does not follow the person to the next one
        current.addListener((o, a, b) -> notifier.dismissStepNotices());
        doc.planProperty().addListener((o, a, b) -> {
            if (b.target().isDemo()) {
                demoOffered.set(false);
            }
        });
        loadName();
    }

    // ---- navigation ------------------------------------------------------------------------------------------

    public ObjectProperty<Step> currentProperty() {
        return current;
    }

    public BooleanBinding canBackProperty() {
        return canBack;
    }

    public BooleanBinding canNextProperty() {
        return canNext;
    }

    public void go(Step step) {
        current.set(step);
    }

    public void back() {
        if (canBack.get()) {
            current.set(Step.values()[current.get().ordinal() - 1]);
        }
    }

    public void next() {
        if (canNext.get()) {
            current.set(Step.values()[current.get().ordinal() + 1]);
        }
    }

    // ---- state -------------------------------------------------------------------------------------------------

    public PlanDocument document() {
        return doc;
    }

    public StringProperty planNameProperty() {
        return planName;
    }

    /** A one-line message for the status bar ("Saved …", "Opened …"). */
    public ReadOnlyStringProperty statusProperty() {
        return status.property();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return commands.busyProperty();
    }

    /** Whether the "no key found — try the demo gateway" offer is shown. */
    public ReadOnlyBooleanProperty demoOfferedProperty() {
        return demoOffered;
    }

    public void dismissDemoOffer() {
        demoOffered.set(false);
    }

    public ObservableList<Path> recent() {
        return prefs.recent();
    }

    public Prefs.Snapshot prefsSnapshot() {
        return prefs.snapshot();
    }

    // ---- look and start screen ---------------------------------------------------------------------------------

    /** The theme choice (System / Light / Dark); remembered with the preferences. */
    public ObjectProperty<ThemeMode> themeModeProperty() {
        return prefs.themeModeProperty();
    }

    /** What the OS prefers (set by the composition root after asking it, off the UI thread). */
    public BooleanProperty systemPrefersDarkProperty() {
        return prefs.systemPrefersDarkProperty();
    }

    /** Whether the dark theme is in effect now. */
    public BooleanBinding darkProperty() {
        return prefs.darkProperty();
    }

    /** Picks the theme and remembers the choice. */
    public void setThemeMode(ThemeMode mode) {
        prefs.setThemeMode(mode);
    }

    /** Switches between light and dark (an explicit choice, no longer following the OS). */
    public void toggleDark() {
        prefs.toggleDark();
    }

    /** Records the window geometry to be stored with the preferences. */
    public void rememberWindow(Prefs.WindowGeometry geometry) {
        prefs.rememberWindow(geometry);
    }

    /** Whether the start screen (new, open, recent, demo, recover) covers the steps. */
    public ReadOnlyBooleanProperty startShownProperty() {
        return startShown;
    }

    /** Shows the start screen again (File ▸ Start screen). */
    public void showStart() {
        startShown.set(true);
    }

    /** Leaves the start screen for the plan that is open. */
    public void continueWithCurrent() {
        startShown.set(false);
    }

    // ---- recovery ------------------------------------------------------------------------------------------------

    /** Where notifications go (the window shows them). */
    public void useNotifier(Notifier n) {
        notifier = java.util.Objects.requireNonNull(n);
        recovery.useNotifier(n);
    }

    /** A recovery file left by a session that did not close normally, or null. */
    public ReadOnlyObjectProperty<Recovery.Found> recoverableProperty() {
        return recovery.recoverableProperty();
    }

    /**
     * Turns on autosave into {@code r} (every change of an unsaved plan is written there, coalesced) and looks for
     * what a previous session left behind; the start screen then offers it.
     */
    public void useRecovery(Recovery r) {
        recovery.use(r);
    }

    /** Opens the recovered plan as an unsaved document (its original file, if any, is remembered). */
    public void recover() {
        recovery.recover();
    }

    /** Throws the recovery file away. */
    public void discardRecovery() {
        recovery.discard();
    }

    /** Called on a normal close after the plan was saved or discarded: nothing to recover next time. */
    public void closedCleanly() {
        recovery.closedCleanly();
    }

    // ---- document commands ---------------------------------------------------------------------------------------

    /** Starts a new plan (asks about unsaved changes first). */
    public void newPlan() {
        commands.newPlan();
    }

    /**
     * Starts the demo migration: the shipped sample plan (filled-in inventory and mapping) targeting the embedded
     * demo gateway, which step 2 starts. Runs offline end to end; asks about unsaved changes first.
     */
    public void newDemoMigration() {
        commands.newDemoMigration();
    }

    /**
     * Starts the demo migration of every endpoint family and chat feature (images, audio, moderations, video jobs,
     * tools, JSON modes, vision, Responses, embeddings): the second shipped sample plan, on the embedded demo gateway.
     */
    public void newAllFeaturesDemo() {
        commands.newDemoMigration("all-features");
    }

    /** Asks for a plan file and opens it. */
    public void open() {
        commands.open();
    }

    /** Opens a plan from the recent list. */
    public void openRecent(Path file) {
        commands.openRecent(file);
    }

    /** Saves to the current file, or asks for one. {@code done} gets whether it was saved. */
    public void save(Consumer<Boolean> done) {
        commands.save(done);
    }

    public void save() {
        save(ok -> { });
    }

    public void saveAs(Consumer<Boolean> done) {
        commands.saveAs(done);
    }

    public void saveAs() {
        saveAs(ok -> { });
    }

    /**
     * Called when the window is asked to close: runs {@code close} at once if there is nothing to save, else asks
     * Save / Discard / Cancel (and closes only after a successful save or a discard).
     */
    public void requestClose(Runnable close) {
        commands.requestClose(close);
    }

    private void loadName() {
        loadingName = true;
        try {
            planName.set(doc.plan().name());
        } finally {
            loadingName = false;
        }
    }
}
