package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.plan.Assertion;
import ai.flatkey.migrate.plan.CheckFile;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.RequestCheck;
import ai.flatkey.migrate.smoke.SmokeSuite;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.Tone;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

/**
 * The smoke step's check editor: the plan's request checks listed (add, duplicate, delete with undo, rename), the
 * selected one edited (name, endpoint, body with live validation, model picker, assertions) and saved into the plan;
 * checks of a referenced check file shown read-only. Validation is the check file's ({@link CheckFile#edited}); "Try
 * it" is {@link CheckTrial}, the suite run of that one check.
 */
public final class CheckEditorViewModel {
    private final PlanDocument doc;
    private final ObservableList<CheckDraft> checks = FXCollections.observableArrayList();
    private final ObservableList<String> models = FXCollections.observableArrayList();
    public final ObjectProperty<CheckDraft> selected = new SimpleObjectProperty<>(this, "selected");
    private final BooleanProperty open = new SimpleBooleanProperty(this, "open");
    private final BooleanProperty readOnly = new SimpleBooleanProperty(this, "readOnly");
    private final StringProperty problems = new SimpleStringProperty(this, "problems", "");
    private final StringProperty model = new SimpleStringProperty(this, "model", "");
    private final StringProperty modelNote = new SimpleStringProperty(this, "modelNote", "");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final ObjectProperty<Tone> statusTone = new SimpleObjectProperty<>(this, "statusTone", Tone.NEUTRAL);
    private final BooleanProperty canUndo = new SimpleBooleanProperty(this, "canUndo");
    private final CheckTrial trial;
    private final InvalidationListener revalidate = x -> revalidate();
    private Deleted deleted;

    /** A deleted check and where it was, for Undo. */
    private record Deleted(CheckDraft draft, int index, RequestCheck saved) {
    }

    CheckEditorViewModel(PlanDocument doc, SuiteRun suite, Background background) {
        this.doc = doc;
        this.trial = new CheckTrial(doc, suite, background);
        selected.addListener((o, was, now) -> {
            if (was != null) {
                for (Observable d : was.dependencies()) {
                    d.removeListener(revalidate);
                }
            }
            if (now != null) {
                for (Observable d : now.dependencies()) {
                    d.addListener(revalidate);
                }
            }
            readOnly.set(now != null && now.readOnly());
            trial.clear();
            revalidate();
        });
        doc.openedProperty().addListener((o, a, b) -> reload());
        doc.addPendingEdits(this::unsavedInWords);
        doc.planProperty().addListener((o, was, now) -> { // a mapping edited in step 3 changes the picker and its note
            List<String> sources = sourceModels(now);
            if (!sources.equals(models)) {
                models.setAll(sources);
            }
            revalidate();
        });
        reload();
    }

    /** The checks edited and not saved, in words ("2 request checks edited and not saved"), or null when none. */
    String unsavedInWords() {
        long n = checks.stream().filter(d -> d.isDirty() && !d.readOnly()).count();
        return n == 0 ? null : n + " request check" + (n == 1 ? "" : "s") + " edited and not saved";
    }

    /** The editor of {@code smoke}'s plan, trying checks with the suite the step runs. */
    public static CheckEditorViewModel of(SmokeViewModel smoke, SuiteRun suite, Background background) {
        return new CheckEditorViewModel(smoke.document(), suite, background);
    }

    public ObservableList<CheckDraft> checks() {
        return checks;
    }

    /** The models the picker offers: the plan's source models (the app's IDs), which the mapping sends on. */
    public ObservableList<String> models() {
        return models;
    }

    public CheckTrial trial() {
        return trial;
    }

    /** Whether the editor card is shown. */
    public ReadOnlyBooleanProperty openProperty() {
        return open;
    }

    /** Whether the selected check is a check file's (not edited here). */
    public ReadOnlyBooleanProperty readOnlyProperty() {
        return readOnly;
    }

    /** What is wrong with the selected check, one problem a line ("body, line 3, column 14: …"); empty when it reads. */
    public ReadOnlyStringProperty problemsProperty() {
        return problems;
    }

    /** The model the selected body names (empty: none). */
    public ReadOnlyStringProperty modelProperty() {
        return model;
    }

    /** Which model the mapping sends for it. */
    public ReadOnlyStringProperty modelNoteProperty() {
        return modelNote;
    }

    /** What the last action did (saved, deleted, not saved and why). */
    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyObjectProperty<Tone> statusToneProperty() {
        return statusTone;
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo;
    }

    public void open() {
        open.set(true);
        if (selected.get() == null && !checks.isEmpty()) {
            selected.set(checks.get(0));
        }
    }

    /** Hides the card; unsaved edits stay until the plan is replaced. */
    public void close() {
        trial.cancel();
        open.set(false);
    }

    /** The endpoint as the picker names it. */
    public static String apiLabel(RequestCheck.Api api) {
        return api.title() + " (/v1/" + api.path() + ")";
    }

    /** A new check with a small streamed chat body on the first mapped model, selected, not saved yet. */
    public void add() {
        insert(CheckDraft.fresh(freeName("check"), models.isEmpty() ? "" : models.get(0)));
        say("Added a check: name it, write its body and assertions, then Save. Try it sends it as typed.", Tone.NEUTRAL);
    }

    /** A copy of the selected check (with its unsaved edits), as a new check not saved yet. */
    public void duplicate() {
        CheckDraft from = selected.get();
        if (from == null) {
            return;
        }
        CheckDraft d = CheckDraft.copyOf(from, freeName(from.name.get().isBlank() ? "check" : from.name.get() + "-copy"));
        insert(d);
        say("Duplicated as " + d.name.get() + " (not saved yet).", Tone.NEUTRAL);
    }

    /** Deletes the selected check from the plan; Undo brings it back. A check file's checks are deleted in the file. */
    public void delete() {
        CheckDraft d = selected.get();
        if (d == null) {
            return;
        }
        if (d.readOnly()) {
            say("This check is in " + d.origin + ": delete it there (the wizard does not change your files).", Tone.WARNING);
            return;
        }
        int index = checks.indexOf(d);
        RequestCheck saved = d.savedName == null ? null : savedCheck(d.savedName);
        if (saved != null) {
            doc.edit(p -> p.withRequestChecks(p.requestChecks().stream().filter(c -> !c.name().equals(d.savedName)).toList()));
        }
        checks.remove(d);
        deleted = new Deleted(d, index, saved);
        canUndo.set(true);
        selected.set(checks.isEmpty() ? null : checks.get(Math.min(index, checks.size() - 1)));
        say("Deleted " + d.name.get() + (saved == null ? "" : " from the plan") + ". Undo brings it back.", Tone.NEUTRAL);
    }

    /** Brings the last deleted check back, where it was. */
    public void undoDelete() {
        Deleted x = deleted;
        if (x == null) {
            return;
        }
        deleted = null;
        canUndo.set(false);
        if (x.saved() != null) {
            doc.edit(p -> {
                List<RequestCheck> list = new ArrayList<>(p.requestChecks());
                list.add(Math.min(x.index(), list.size()), x.saved());
                return p.withRequestChecks(list);
            });
        }
        checks.add(Math.min(x.index(), checks.size()), x.draft());
        selected.set(x.draft());
        say("Brought back " + x.draft().name.get() + ".", Tone.NEUTRAL);
    }

    /** Saves the selected check into the plan; a check with a problem is not saved, and the problem is said. */
    public boolean save() {
        CheckDraft d = selected.get();
        if (d == null || d.readOnly()) {
            return false;
        }
        List<String> wrong = problemsOf(d);
        if (!wrong.isEmpty()) {
            say("Not saved: " + wrong.get(0) + (wrong.size() > 1 ? " (and " + (wrong.size() - 1) + " more)" : ""),
                    Tone.DANGER);
            return false;
        }
        RequestCheck check = CheckDraft.located(d.read().check(), doc.file());
        String was = d.savedName;
        doc.edit(p -> p.withRequestChecks(CheckDraft.replaced(p.requestChecks(), was, check)));
        d.saved(check);
        say("Saved " + check.name() + " in the plan" + (was != null && !was.equals(check.name()) ? " (renamed from "
                + was + ")" : "") + ".", Tone.SUCCESS);
        return true;
    }

    /** Drops the selected check's unsaved edits (a new check is removed). */
    public void revert() {
        CheckDraft d = selected.get();
        if (d == null || !d.isDirty() || d.readOnly()) {
            return;
        }
        int index = checks.indexOf(d);
        RequestCheck saved = d.savedName == null ? null : savedCheck(d.savedName);
        checks.remove(index);
        if (saved != null) {
            CheckDraft fresh = new CheckDraft(saved, true);
            checks.add(index, fresh);
            selected.set(fresh);
        } else {
            selected.set(checks.isEmpty() ? null : checks.get(Math.min(index, checks.size() - 1)));
        }
        say("Edits dropped.", Tone.NEUTRAL);
    }

    /** Adds an assertion of {@code kind} to the selected check. */
    public AssertionDraft addAssertion(Assertion.Kind kind) {
        CheckDraft d = selected.get();
        if (d == null || d.readOnly()) {
            return null;
        }
        AssertionDraft a = new AssertionDraft(kind == null ? Assertion.Kind.CONTAINS : kind, "");
        d.assertions().add(a);
        return a;
    }

    public void removeAssertion(AssertionDraft a) {
        CheckDraft d = selected.get();
        if (d != null && !d.readOnly()) {
            d.assertions().remove(a);
        }
    }

    /**
     * Sets the body's {@code model} to {@code source} (one of {@link #models()}; blank removes it, so the check runs on
     * every mapped target model). The body must read first.
     */
    public void pickModel(String source) {
        CheckDraft d = selected.get();
        String m = source == null ? "" : source.strip();
        if (d == null || d.readOnly() || m.equals(model.get())) {
            return;
        }
        String problem = d.setModel(m);
        if (problem != null) {
            say(problem, Tone.DANGER);
        }
    }

    /** Runs the selected check as it is typed (saved or not) against the target, alone; see {@link CheckTrial}. */
    public void tryIt() {
        CheckDraft d = selected.get();
        if (d == null) {
            return;
        }
        List<String> wrong = problemsOf(d);
        if (!wrong.isEmpty()) {
            trial.fail("Not tried: " + wrong.get(0));
            return;
        }
        RequestCheck check = CheckDraft.located(d.read().check(), doc.file());
        MigrationPlan plan = doc.plan();
        trial.start(d.readOnly() ? plan : plan.withRequestChecks(CheckDraft.replaced(plan.requestChecks(), d.savedName, check)),
                check.name());
    }

    private void reload() {
        MigrationPlan plan = doc.plan();
        trial.cancel();
        deleted = null;
        canUndo.set(false);
        List<CheckDraft> list = new ArrayList<>();
        plan.requestChecks().forEach(c -> list.add(new CheckDraft(c, true)));
        plan.fileChecks().forEach(c -> list.add(new CheckDraft(c, true)));
        checks.setAll(list);
        models.setAll(sourceModels(plan));
        selected.set(checks.isEmpty() ? null : checks.get(0));
        say(plan.checkFiles().isEmpty() ? "" : "Checks of the plan's check files are shown read-only: edit them in"
                + " your repository.", Tone.NEUTRAL);
    }

    private static List<String> sourceModels(MigrationPlan plan) {
        return plan.mappings().stream().map(ModelMapping::sourceModel).filter(s -> !s.isBlank()).distinct().toList();
    }

    private void revalidate() {
        CheckDraft d = selected.get();
        if (d == null) {
            problems.set("");
            model.set("");
            modelNote.set("");
            return;
        }
        CheckFile.Edited e = d.read();
        problems.set(String.join("\n", problemsOf(d, e)));
        if (e.check() != null) {
            model.set(e.check().model());
            modelNote.set(SmokeSuite.requestModelNote(doc.plan(), e.check()));
        }
    }

    /** The check file validator's problems, and a name another check has. */
    private List<String> problemsOf(CheckDraft d) {
        return problemsOf(d, d.read());
    }

    private List<String> problemsOf(CheckDraft d, CheckFile.Edited e) {
        List<String> out = new ArrayList<>(e.problems());
        String n = d.name.get().strip();
        if (checks.stream().anyMatch(o -> o != d && o.name.get().strip().equals(n))) {
            out.add("another check is called \"" + n + "\": names are unique (they become check IDs request:NAME)");
        }
        return out;
    }

    private void insert(CheckDraft d) {
        int at = (int) checks.stream().filter(c -> !c.readOnly()).count();
        checks.add(at, d);
        selected.set(d);
        open.set(true);
    }

    private String freeName(String base) {
        for (int i = 1; ; i++) {
            String n = base.equals("check") || i > 1 ? base + (base.equals("check") ? "-" + i : "-" + i) : base;
            if (checks.stream().noneMatch(c -> c.name.get().equals(n))) {
                return n;
            }
        }
    }

    private RequestCheck savedCheck(String name) {
        return doc.plan().requestChecks().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private void say(String message, Tone tone) {
        status.set(message);
        statusTone.set(tone);
    }
}
