package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.doc.Recovery;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.BackgroundTask;
import ai.flatkey.migrate.ui.support.Notifier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Crash recovery: autosaves an unsaved plan into the recovery file (coalesced: one write at a time, the latest plan
 * next), finds what a previous session left behind, recovers or discards it.
 */
final class RecoverySection {

    private final PlanDocument doc;
    private final Background background;
    private final Clock clock;
    private final StatusLine status;
    private final ObjectProperty<Recovery.Found> recoverable;
    private Recovery recovery;
    private Notifier notifier = new Notifier();
    private boolean writing;
    private boolean again;

    RecoverySection(Object bean, PlanDocument doc, Background background, Clock clock, StatusLine status) {
        this.doc = doc;
        this.background = background;
        this.clock = clock;
        this.status = status;
        this.recoverable = new SimpleObjectProperty<>(bean, "recoverable");
        doc.planProperty().addListener((o, a, b) -> autosave());
        doc.dirtyProperty().addListener((o, a, b) -> autosave());
    }

    ObjectProperty<Recovery.Found> recoverableProperty() {
        return recoverable;
    }

    void useNotifier(Notifier n) {
        this.notifier = Objects.requireNonNull(n);
    }

    void use(Recovery r) {
        this.recovery = r;
        background.start(BackgroundTask.of(cancel -> r.find())
                .onSuccess(found -> recoverable.set(found.orElse(null)))
                .onError(error -> status.set("The recovery file could not be read: " + error.getMessage())));
    }

    void recover() {
        Recovery.Found f = recoverable.get();
        if (f == null) {
            return;
        }
        recoverable.set(null);
        doc.replace(f.plan(), f.file());
        doc.edit(p -> p.withUpdatedAt(Instant.now(clock).toString()));
        status.set("Recovered the unsaved plan from " + f.savedAt() + ". Save it to keep it.");
    }

    void discard() {
        recoverable.set(null);
        if (recovery != null) {
            Recovery r = recovery;
            background.start(BackgroundTask.of(cancel -> {
                r.clear();
                return true;
            }).onError(error -> status.set("The recovery file could not be removed: " + error.getMessage())));
        }
    }

    void closedCleanly() {
        if (recovery != null) {
            try {
                recovery.clear();
            } catch (IOException e) {
                status.set("The recovery file could not be removed: " + e.getMessage());
            }
        }
    }

    private void autosave() {
        if (recovery == null || !doc.isDirty()) {
            return;
        }
        if (writing) {
            again = true;
            return;
        }
        writing = true;
        again = false;
        MigrationPlan snapshot = doc.plan();
        Path file = doc.file();
        Recovery r = recovery;
        background.start(BackgroundTask.of(cancel -> {
            r.save(snapshot, file);
            return true;
        }).onSuccess(ok -> {
            writing = false;
            if (again) {
                autosave();
            }
        }).onError(error -> {
            writing = false;
            status.set("Autosave failed (" + error.getMessage() + "); save the plan to be safe.");
            notifier.documentWarning("Autosave failed", error.getMessage() + " Save the plan (Ctrl+S) to be safe.");
        }));
    }
}
