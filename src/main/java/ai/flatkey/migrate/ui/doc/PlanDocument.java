package ai.flatkey.migrate.ui.doc;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.ui.support.Bind;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The open plan: the one {@link MigrationPlan} every step reads and writes, the file it came from, and whether it
 * has unsaved changes. Steps change it with {@link #edit}; New/Open replace it with {@link #replace}, which bumps
 * {@link #revisionProperty()} so forms reload.
 */
public final class PlanDocument {

    public static final String APP_NAME = "Flatkey Migration Assistant";

    private final ObjectProperty<MigrationPlan> plan = new SimpleObjectProperty<>(this, "plan");
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>(this, "file");
    private final BooleanProperty dirty = new SimpleBooleanProperty(this, "dirty");
    private final IntegerProperty revision = new SimpleIntegerProperty(this, "revision");
    private final IntegerProperty opened = new SimpleIntegerProperty(this, "opened");
    private final StringBinding title;
    private final java.util.List<java.util.function.Supplier<String>> pendingEdits = new java.util.concurrent.CopyOnWriteArrayList<>();

    public PlanDocument(MigrationPlan initial) {
        plan.set(Objects.requireNonNull(initial));
        title = Bind.text(
                () -> plan.get().name() + (dirty.get() ? " •" : "") + " — " + APP_NAME, plan, dirty);
    }

    public MigrationPlan plan() {
        return plan.get();
    }

    public ReadOnlyObjectProperty<MigrationPlan> planProperty() {
        return plan;
    }

    public Path file() {
        return file.get();
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file;
    }

    public boolean isDirty() {
        return dirty.get();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty;
    }

    /** Bumped whenever the whole plan is replaced (New, Open): forms reload from the plan then. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision;
    }

    /**
     * Bumped when another plan takes the place of this one (New, Open, a demo, a recovered plan), after
     * {@link #revisionProperty()}: what the steps show about the last plan (messages, scroll positions, notices) goes.
     * Not bumped by {@link #editAndReload} (the same plan with values from a scan).
     */
    public ReadOnlyIntegerProperty openedProperty() {
        return opened;
    }

    /** The window title: plan name, an unsaved marker, the app name. */
    public StringBinding titleProperty() {
        return title;
    }

    /** Applies a change; marks the plan unsaved if the change made a difference. */
    public void edit(UnaryOperator<MigrationPlan> change) {
        MigrationPlan before = plan.get();
        MigrationPlan after = Objects.requireNonNull(change.apply(before));
        if (!after.equals(before)) {
            plan.set(after);
            dirty.set(true);
        }
    }

    /**
     * Applies a change the app makes to keep the plan in step with this session rather than an edit of the person's
     * (the embedded demo gateway's base URL, whose port is chosen when it starts): the plan changes, but whether it
     * has unsaved changes does not — opening a plan and starting its demo gateway leaves it saved.
     */
    public void adjust(UnaryOperator<MigrationPlan> change) {
        MigrationPlan before = plan.get();
        MigrationPlan after = Objects.requireNonNull(change.apply(before));
        if (!after.equals(before)) {
            plan.set(after);
        }
    }

    /**
     * Applies a change made outside the forms (values from a source scan): like {@link #edit}, and if the plan changed
     * the forms reload from it, as after Open. The change is unsaved.
     */
    public void editAndReload(UnaryOperator<MigrationPlan> change) {
        MigrationPlan before = plan.get();
        MigrationPlan after = Objects.requireNonNull(change.apply(before));
        if (!after.equals(before)) {
            plan.set(after);
            dirty.set(true);
            revision.set(revision.get() + 1);
        }
    }

    /**
     * Registers edits kept outside the plan until their own Save (e.g. the request check editor's drafts): before the
     * plan is replaced or the window closes, {@code pending} is asked what would be lost — in words, or null when
     * nothing.
     */
    public void addPendingEdits(java.util.function.Supplier<String> pending) {
        pendingEdits.add(Objects.requireNonNull(pending));
    }

    /** What edits kept outside the plan would be lost now, in words (empty when none). */
    public java.util.List<String> pendingEdits() {
        return pendingEdits.stream().map(java.util.function.Supplier::get).filter(Objects::nonNull).toList();
    }

    /** Replaces the whole plan (New, Open): not dirty, forms reload. */
    public void replace(MigrationPlan newPlan, Path from) {
        plan.set(Objects.requireNonNull(newPlan));
        file.set(from);
        dirty.set(false);
        revision.set(revision.get() + 1);
        opened.set(opened.get() + 1);
    }

    /**
     * Records a successful save. {@code original} is the plan as it was when saving began and {@code written} what
     * was written (the same plan with a new {@code updatedAt}); if nothing changed meanwhile the document becomes
     * {@code written} and clean, otherwise it stays dirty with the newer edits.
     */
    public void markSaved(MigrationPlan original, MigrationPlan written, Path to) {
        file.set(to);
        if (plan.get().equals(original)) {
            plan.set(written);
            dirty.set(false);
        } else {
            dirty.set(true);
        }
    }
}
