package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.PlanStoreException;
import ai.flatkey.migrate.ui.doc.Dialogs;
import ai.flatkey.migrate.ui.doc.FileDialogs;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.BackgroundTask;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The wizard's document commands: New, the demo migration, Open, Open Recent, Save, Save As and close, each asking
 * about unsaved changes first. Reading and writing run off the UI thread while {@link #busyProperty()} holds.
 */
final class DocumentCommands {

    private final PlanDocument doc;
    private final PlanStore store;
    private final FileDialogs files;
    private final Dialogs dialogs;
    private final Background background;
    private final Clock clock;
    private final StatusLine status;
    private final PrefsSection prefs;
    private final RecoverySection recovery;
    private final ObjectProperty<Step> current;
    private final BooleanProperty demoOffered;
    private final BooleanProperty busy;

    DocumentCommands(Object bean, PlanDocument doc, PlanStore store, FileDialogs files, Dialogs dialogs, Background background,
                     Clock clock, StatusLine status, PrefsSection prefs, RecoverySection recovery, ObjectProperty<Step> current,
                     BooleanProperty demoOffered) {
        this.doc = doc;
        this.store = store;
        this.files = files;
        this.dialogs = dialogs;
        this.background = background;
        this.clock = clock;
        this.status = status;
        this.prefs = prefs;
        this.recovery = recovery;
        this.current = current;
        this.demoOffered = demoOffered;
        this.busy = new SimpleBooleanProperty(bean, "busy");
    }

    BooleanProperty busyProperty() {
        return busy;
    }

    void newPlan() {
        whenSafeTo("starting a new plan", () -> {
            doc.replace(MigrationPlan.newPlan("Untitled migration"), null);
            current.set(Step.INVENTORY);
            status.hint("New plan. Start with the inventory, or jump to any step.");
        });
    }

    void newDemoMigration() {
        newDemoMigration("demo");
    }

    /** A demo migration from the shipped sample plan {@code sample} ({@code demo}, {@code all-features}). */
    void newDemoMigration(String sample) {
        whenSafeTo("starting the demo migration", () -> {
            busy.set(true);
            background.start(BackgroundTask.of(cancel -> store.sample(sample)).onSuccess(plan -> {
                busy.set(false);
                doc.replace(plan, null);
                demoOffered.set(false);
                current.set(Step.ENDPOINTS);
                status.hint("Demo migration: the embedded demo gateway is the target. Check the connection, then run step 4.");
            }).onError(error -> {
                busy.set(false);
                dialogs.showError("Could not start the demo migration", message(error));
            }));
        });
    }

    void open() {
        whenSafeTo("opening another plan", () -> files.openPlan(suggestedDir()).ifPresent(this::load));
    }

    void openRecent(Path file) {
        whenSafeTo("opening another plan", () -> load(file));
    }

    void save(Consumer<Boolean> done) {
        if (doc.file() == null) {
            saveAs(done);
        } else {
            write(doc.file(), done);
        }
    }

    void saveAs(Consumer<Boolean> done) {
        Optional<Path> to = files.savePlan(suggestedDir(), suggestedFileName());
        if (to.isEmpty()) {
            done.accept(false);
            return;
        }
        write(to.get(), done);
    }

    void requestClose(Runnable close) {
        whenSafeTo("closing", close);
    }

    private void whenSafeTo(String action, Runnable then) {
        if (busy.get()) {
            status.set("Please wait: the plan is being read or written.");
            return;
        }
        java.util.List<String> pending = doc.pendingEdits();
        if (!pending.isEmpty() && !dialogs.askDiscardEdits(String.join(" and ", pending), action)) {
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
        background.start(BackgroundTask.of(cancel -> store.open(file)).onSuccess(opened -> {
            busy.set(false);
            if (opened.readOnly()) {
                // Not bound to its file: Save asks for a new name, so the newer file is never overwritten.
                doc.replace(opened.plan(), null);
                status.set("Opened " + file.toAbsolutePath() + " read-only (written by a newer version).");
                dialogs.showError("Opened read-only", opened.notice());
                return;
            }
            doc.replace(opened.plan(), file);
            prefs.addRecent(file);
            status.set("Opened " + file.toAbsolutePath() + "." + (opened.notice().isEmpty() ? "" : " " + opened.notice()));
        }).onError(error -> {
            busy.set(false);
            status.set("Could not open " + file.getFileName() + ". The current plan is unchanged.");
            dialogs.showError("Could not open the plan", message(error));
        }));
    }

    private void write(Path file, Consumer<Boolean> done) {
        MigrationPlan original = doc.plan();
        // Save As into another folder: the check files' relative paths still name the same files
        MigrationPlan written = PlanStore.movedTo(original, doc.file(), file).withUpdatedAt(Instant.now(clock).toString());
        busy.set(true);
        status.set("Saving " + file.getFileName() + "…");
        background.start(BackgroundTask.of(cancel -> {
            store.save(file, written);
            return file;
        }).onSuccess(saved -> {
            busy.set(false);
            doc.markSaved(original, written, file);
            prefs.addRecent(file);
            if (!doc.isDirty()) {
                recovery.discard();
            }
            status.set("Saved to " + file.toAbsolutePath() + ".");
            done.accept(true);
        }).onError(error -> {
            busy.set(false);
            status.set("Not saved.");
            dialogs.showError("Could not save the plan", message(error));
            done.accept(false);
        }));
    }

    private Path suggestedDir() {
        if (doc.file() != null && doc.file().toAbsolutePath().getParent() != null) {
            return doc.file().toAbsolutePath().getParent();
        }
        Path recentDir = prefs.recentDir();
        return recentDir != null ? recentDir : Path.of(System.getProperty("user.home"));
    }

    private String suggestedFileName() {
        if (doc.file() != null) {
            return doc.file().getFileName().toString();
        }
        String base = doc.plan().name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return (base.isEmpty() ? "migration" : base) + ".flatkey-plan.json";
    }

    private static String message(Throwable error) {
        if (error instanceof PlanStoreException) {
            return error.getMessage();
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
