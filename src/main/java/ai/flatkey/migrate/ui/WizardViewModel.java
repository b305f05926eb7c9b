package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.PlanStoreException;
import ai.flatkey.migrate.ui.doc.Dialogs;
import ai.flatkey.migrate.ui.doc.FileDialogs;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.doc.Prefs;
import ai.flatkey.migrate.ui.doc.Recovery;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.support.Notifier;
import ai.flatkey.migrate.ui.theme.ThemeMode;
import javafx.beans.property.ReadOnlyObjectProperty;
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

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The wizard shell: which step is shown, Back/Next, the demo offer, and the document commands (New, Open, Save,
 * Save As, Open Recent, close with unsaved changes). Disk work runs through {@link Background}.
 */
public final class WizardViewModel {

    private final PlanDocument doc;
    private final PlanStore store;
    private final FileDialogs files;
    private final Dialogs dialogs;
    private final Prefs prefs;
    private final Background background;
    private final Clock clock;

    private final ObjectProperty<Step> current = new SimpleObjectProperty<>(this, "current", Step.INVENTORY);
    private final BooleanBinding canBack = Bind.flag(() -> current.get().ordinal() > 0, current);
    private final BooleanBinding canNext = Bind.flag(
            () -> current.get().ordinal() < Step.values().length - 1, current);
    private final StringProperty planName = new SimpleStringProperty(this, "planName", "");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final BooleanProperty demoOffered = new SimpleBooleanProperty(this, "demoOffered");
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ObjectProperty<ThemeMode> themeMode = new SimpleObjectProperty<>(this, "themeMode", ThemeMode.SYSTEM);
    private final BooleanProperty systemPrefersDark = new SimpleBooleanProperty(this, "systemPrefersDark");
    private final BooleanBinding dark = Bind.flag(
            () -> themeMode.get().dark(systemPrefersDark.get()), themeMode, systemPrefersDark);
    private final BooleanProperty startShown = new SimpleBooleanProperty(this, "startShown", true);
    private final ObjectProperty<Recovery.Found> recoverable = new SimpleObjectProperty<>(this, "recoverable");
    private Recovery recovery;
    private Notifier notifier = new Notifier();
    private boolean recoveryWriting;
    private boolean recoveryAgain;
    private Prefs.Snapshot prefsSnapshot;
    private boolean loadingName;
    /** The step a "what to do next" hint in the status bar was given for; null when the status is not a hint. */
    private Step hintStep;
    private boolean settingHint;

    public WizardViewModel(PlanDocument doc, PlanStore store, FileDialogs files, Dialogs dialogs, Prefs prefs,
                           Prefs.Snapshot initialPrefs, Background background, Clock clock, boolean offerDemo) {
        this.doc = doc;
        this.store = store;
        this.files = files;
        this.dialogs = dialogs;
        this.prefs = prefs;
        this.background = background;
        this.clock = clock;
        this.prefsSnapshot = initialPrefs;
        recent.setAll(initialPrefs.recent());
        themeMode.set(ThemeMode.parse(initialPrefs.theme()));
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
        doc.planProperty().addListener((o, a, b) -> autosave());
        doc.dirtyProperty().addListener((o, a, b) -> autosave());
        doc.planProperty().addListener((o, a, b) -> {
            if (b.target().isDemo()) {
                demoOffered.set(false);
            }
        });
        status.addListener((o, a, b) -> {
            if (!settingHint) {
                hintStep = null;
            }
        });
        // A hint says what to do next on the step it was given for: once the person moves on, or starts editing, it
        // is no longer news and would read as stale advice, so it goes.
        current.addListener((o, a, b) -> {
            if (hintStep != null && b != hintStep) {
                status.set("");
            }
        });
        doc.dirtyProperty().addListener((o, a, b) -> {
            if (b && hintStep != null) {
                status.set("");
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
        return status;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** Whether the "no key found — try the demo gateway" offer is shown. */
    public ReadOnlyBooleanProperty demoOfferedProperty() {
        return demoOffered;
    }

    public void dismissDemoOffer() {
        demoOffered.set(false);
    }

    public ObservableList<Path> recent() {
        return recent;
    }

    public Prefs.Snapshot prefsSnapshot() {
        return prefsSnapshot;
    }

    // ---- look and start screen ---------------------------------------------------------------------------------

    /** The theme choice (System / Light / Dark); remembered with the preferences. */
    public ObjectProperty<ThemeMode> themeModeProperty() {
        return themeMode;
    }

    /** What the OS prefers (set by the composition root after asking it, off the UI thread). */
    public BooleanProperty systemPrefersDarkProperty() {
        return systemPrefersDark;
    }

    /** Whether the dark theme is in effect now. */
    public BooleanBinding darkProperty() {
        return dark;
    }

    /** Picks the theme and remembers the choice. */
    public void setThemeMode(ThemeMode mode) {
        themeMode.set(mode);
        prefsSnapshot = prefsSnapshot.withTheme(mode.name().toLowerCase(java.util.Locale.ROOT));
        storePrefs();
    }

    /** Switches between light and dark (an explicit choice, no longer following the OS). */
    public void toggleDark() {
        setThemeMode(dark.get() ? ThemeMode.LIGHT : ThemeMode.DARK);
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

    /** Where notifications go (the window shows them). */
    public void useNotifier(Notifier n) {
        this.notifier = java.util.Objects.requireNonNull(n);
    }

    /** A recovery file left by a session that did not close normally, or null. */
    public ReadOnlyObjectProperty<Recovery.Found> recoverableProperty() {
        return recoverable;
    }

    /**
     * Turns on autosave into {@code r} (every change of an unsaved plan is written there, coalesced) and looks for
     * what a previous session left behind; the start screen then offers it.
     */
    public void useRecovery(Recovery r) {
        this.recovery = r;
        background.run(r::find, found -> recoverable.set(found.orElse(null)),
                error -> status.set("The recovery file could not be read: " + error.getMessage()));
    }

    /** Opens the recovered plan as an unsaved document (its original file, if any, is remembered). */
    public void recover() {
        Recovery.Found f = recoverable.get();
        if (f == null) {
            return;
        }
        recoverable.set(null);
        doc.replace(f.plan(), f.file());
        doc.edit(p -> p.withUpdatedAt(Instant.now(clock).toString()));
        status.set("Recovered the unsaved plan from " + f.savedAt() + ". Save it to keep it.");
    }

    /** Throws the recovery file away. */
    public void discardRecovery() {
        recoverable.set(null);
        if (recovery != null) {
            Recovery r = recovery;
            background.run(() -> {
                r.clear();
                return true;
            }, ok -> { }, error -> status.set("The recovery file could not be removed: " + error.getMessage()));
        }
    }

    /** Called on a normal close after the plan was saved or discarded: nothing to recover next time. */
    public void closedCleanly() {
        if (recovery != null) {
            try {
                recovery.clear();
            } catch (java.io.IOException e) {
                status.set("The recovery file could not be removed: " + e.getMessage());
            }
        }
    }

    private void autosave() {
        if (recovery == null || !doc.isDirty()) {
            return;
        }
        if (recoveryWriting) {
            recoveryAgain = true;
            return;
        }
        recoveryWriting = true;
        recoveryAgain = false;
        MigrationPlan snapshot = doc.plan();
        Path file = doc.file();
        Recovery r = recovery;
        background.run(() -> {
            r.save(snapshot, file);
            return true;
        }, ok -> {
            recoveryWriting = false;
            if (recoveryAgain) {
                autosave();
            }
        }, error -> {
            recoveryWriting = false;
            status.set("Autosave failed (" + error.getMessage() + "); save the plan to be safe.");
            notifier.warning("Autosave failed", error.getMessage() + " Save the plan (Ctrl+S) to be safe.");
        });
    }

    // ---- document commands ---------------------------------------------------------------------------------------

    /** Starts a new plan (asks about unsaved changes first). */
    public void newPlan() {
        whenSafeTo("starting a new plan", () -> {
            doc.replace(MigrationPlan.newPlan("Untitled migration"), null);
            current.set(Step.INVENTORY);
            hint("New plan. Start with the inventory, or jump to any step.");
        });
    }

    /**
     * Starts the demo migration: the shipped sample plan (filled-in inventory and mapping) targeting the embedded
     * demo gateway, which step 2 starts. Runs offline end to end; asks about unsaved changes first.
     */
    public void newDemoMigration() {
        whenSafeTo("starting the demo migration", () -> {
            busy.set(true);
            background.run(() -> store.sample("demo"), plan -> {
                busy.set(false);
                doc.replace(plan, null);
                demoOffered.set(false);
                current.set(Step.ENDPOINTS);
                hint("Demo migration: the embedded demo gateway is the target. Check the connection, then run step 4.");
            }, error -> {
                busy.set(false);
                dialogs.showError("Could not start the demo migration", message(error));
            });
        });
    }

    /** Asks for a plan file and opens it. */
    public void open() {
        whenSafeTo("opening another plan", () -> files.openPlan(suggestedDir()).ifPresent(this::load));
    }

    /** Opens a plan from the recent list. */
    public void openRecent(Path file) {
        whenSafeTo("opening another plan", () -> load(file));
    }

    /** Saves to the current file, or asks for one. {@code done} gets whether it was saved. */
    public void save(Consumer<Boolean> done) {
        if (doc.file() == null) {
            saveAs(done);
        } else {
            write(doc.file(), done);
        }
    }

    public void save() {
        save(ok -> { });
    }

    public void saveAs(Consumer<Boolean> done) {
        Optional<Path> to = files.savePlan(suggestedDir(), suggestedFileName());
        if (to.isEmpty()) {
            done.accept(false);
            return;
        }
        write(to.get(), done);
    }

    public void saveAs() {
        saveAs(ok -> { });
    }

    /**
     * Called when the window is asked to close: runs {@code close} at once if there is nothing to save, else asks
     * Save / Discard / Cancel (and closes only after a successful save or a discard).
     */
    public void requestClose(Runnable close) {
        whenSafeTo("closing", close);
    }

    /** Records the window geometry to be stored with the preferences. */
    public void rememberWindow(Prefs.WindowGeometry geometry) {
        prefsSnapshot = prefsSnapshot.withWindow(geometry);
        storePrefs();
    }

    // ---- internals -----------------------------------------------------------------------------------------------

    private void whenSafeTo(String action, Runnable then) {
        if (busy.get()) {
            status.set("Please wait: the plan is being read or written.");
            return;
        }
        if (!doc.isDirty()) {
            then.run();
            return;
        }
        switch (dialogs.askUnsaved(doc.plan().name(), action)) {
            case SAVE -> save(ok -> {
                if (ok) {
                    then.run();
                }
            });
            case DISCARD -> then.run();
            case CANCEL -> { }
        }
    }

    private void load(Path file) {
        busy.set(true);
        status.set("Opening " + file.getFileName() + "…");
        background.run(() -> store.open(file), opened -> {
            busy.set(false);
            if (opened.readOnly()) {
                // Not bound to its file: Save asks for a new name, so the newer file is never overwritten.
                doc.replace(opened.plan(), null);
                status.set("Opened " + file.toAbsolutePath() + " read-only (written by a newer version).");
                dialogs.showError("Opened read-only", opened.notice());
                return;
            }
            doc.replace(opened.plan(), file);
            addRecent(file);
            status.set("Opened " + file.toAbsolutePath() + "." + (opened.notice().isEmpty() ? "" : " " + opened.notice()));
        }, error -> {
            busy.set(false);
            status.set("Could not open " + file.getFileName() + ". The current plan is unchanged.");
            dialogs.showError("Could not open the plan", message(error));
        });
    }

    private void write(Path file, Consumer<Boolean> done) {
        MigrationPlan original = doc.plan();
        MigrationPlan written = original.withUpdatedAt(Instant.now(clock).toString());
        busy.set(true);
        status.set("Saving " + file.getFileName() + "…");
        background.run(() -> {
            store.save(file, written);
            return file;
        }, saved -> {
            busy.set(false);
            doc.markSaved(original, written, file);
            addRecent(file);
            if (!doc.isDirty()) {
                discardRecovery();
            }
            status.set("Saved to " + file.toAbsolutePath() + ".");
            done.accept(true);
        }, error -> {
            busy.set(false);
            status.set("Not saved.");
            dialogs.showError("Could not save the plan", message(error));
            done.accept(false);
        });
    }

    /** Shows a "what to do next" hint for the current step; it clears when the person leaves the step or edits. */
    private void hint(String text) {
        settingHint = true;
        try {
            status.set(text);
        } finally {
            settingHint = false;
        }
        hintStep = current.get();
    }

    private void addRecent(Path file) {
        prefsSnapshot = prefsSnapshot.withRecent(file);
        recent.setAll(prefsSnapshot.recent());
        storePrefs();
    }

    private void storePrefs() {
        Prefs.Snapshot s = prefsSnapshot;
        background.run(() -> {
            prefs.save(s);
            return s;
        }, ok -> { }, error -> status.set("Preferences not stored: " + error.getMessage()));
    }

    private Path suggestedDir() {
        if (doc.file() != null && doc.file().toAbsolutePath().getParent() != null) {
            return doc.file().toAbsolutePath().getParent();
        }
        if (!recent.isEmpty() && recent.get(0).getParent() != null) {
            return recent.get(0).getParent();
        }
        return Path.of(System.getProperty("user.home"));
    }

    private String suggestedFileName() {
        if (doc.file() != null) {
            return doc.file().getFileName().toString();
        }
        String base = doc.plan().name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return (base.isEmpty() ? "migration" : base) + ".flatkey-plan.json";
    }

    private void loadName() {
        loadingName = true;
        try {
            planName.set(doc.plan().name());
        } finally {
            loadingName = false;
        }
    }

    private static String message(Throwable error) {
        if (error instanceof PlanStoreException) {
            return error.getMessage();
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
