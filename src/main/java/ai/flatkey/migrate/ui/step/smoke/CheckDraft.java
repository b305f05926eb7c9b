package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.plan.CheckFile;
import ai.flatkey.migrate.plan.RequestCheck;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
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
 * One request check as the check editor holds it: name, endpoint, the body as text and the assertions as typed. Edits
 * stay here until saved (switching to another check keeps them); {@link #read()} reads it with the check file's
 * validator. A check of a referenced check file is read-only.
 */
public final class CheckDraft {
    public final StringProperty name = new SimpleStringProperty(this, "name", "");
    public final ObjectProperty<RequestCheck.Api> api = new SimpleObjectProperty<>(this, "api", RequestCheck.Api.CHAT);
    public final StringProperty body = new SimpleStringProperty(this, "body", "");
    private final ObservableList<AssertionDraft> assertions = FXCollections.observableArrayList(a -> a.dependencies());
    /** Edited since it was loaded or saved. */
    final BooleanProperty dirty = new SimpleBooleanProperty(this, "dirty");
    private final StringProperty label = new SimpleStringProperty(this, "label", "");
    /** Its name in the plan when it was last saved; null for a check not saved yet. */
    String savedName;
    /** Where a file check was written ({@code checks.yaml:12}); empty for the plan's own. */
    final String origin;

    CheckDraft(RequestCheck check, boolean saved) {
        origin = check.origin();
        savedName = saved ? check.name() : null;
        name.set(check.name());
        api.set(check.api());
        body.set(CheckFile.bodyText(check));
        check.assertions().forEach(a -> assertions.add(AssertionDraft.of(a)));
        dirty.set(!saved);
        for (Observable o : new Observable[]{name, api, body, assertions}) {
            o.addListener(x -> dirty.set(true));
        }
        dirty.addListener(x -> relabel());
        name.addListener(x -> relabel());
        api.addListener((o, was, now) -> restart(was, now));
        relabel();
    }

    /**
     * A check still as its starter left it (the model aside) that changes endpoint gets that endpoint's starter body
     * and assertion, so it reads at once; a body or assertion someone wrote is never replaced.
     */
    private void restart(RequestCheck.Api was, RequestCheck.Api now) {
        if (readOnly() || was == null || now == null) {
            return;
        }
        CheckFile.restarted(name.get(), body.get(), assertions.stream().map(AssertionDraft::text).toList(), was, now)
                .ifPresent(after -> {
                    body.set(CheckFile.bodyText(after));
                    assertions.setAll(after.assertions().stream().map(AssertionDraft::of).toList());
                });
    }

    /** A new check, not saved: {@link RequestCheck#starter}. */
    static CheckDraft fresh(String name, String model) {
        return new CheckDraft(RequestCheck.starter(name, model), false);
    }

    /**
     * Sets the body's {@code model} to {@code model} (first in the body), or removes it when blank; the body must read
     * as a JSON object first. Returns what is wrong, or null when set.
     */
    String setModel(String model) {
        try {
            body.set(CheckFile.withModel(body.get(), model));
            return null;
        } catch (IllegalArgumentException e) {
            return "Fix the body first, then pick the model: " + e.getMessage();
        }
    }

    /** {@code list} with the check saved as {@code was} replaced by {@code check} (appended when new). */
    /**
     * A check kept in the plan, its upload's relative {@code file} looked for in the plan file's folder (unchanged
     * for a plan not saved yet: then the working folder).
     */
    static RequestCheck located(RequestCheck check, java.nio.file.Path planFile) {
        java.nio.file.Path dir = planFile == null ? null : planFile.toAbsolutePath().getParent();
        return dir == null ? check : check.withFolder(dir);
    }

    static List<RequestCheck> replaced(List<RequestCheck> list, String was, RequestCheck check) {
        List<RequestCheck> out = new ArrayList<>();
        boolean found = false;
        for (RequestCheck c : list) {
            if (java.util.Objects.equals(c.name(), was)) {
                out.add(check);
                found = true;
            } else {
                out.add(c);
            }
        }
        if (!found) {
            out.add(check);
        }
        return out;
    }

    /** A copy of {@code other}'s current edits, not saved, called {@code newName}. */
    static CheckDraft copyOf(CheckDraft other, String newName) {
        CheckDraft d = new CheckDraft(new RequestCheck(newName, other.api.get(), null, List.of(), ""), false);
        d.body.set(other.body.get());
        other.assertions.forEach(a -> d.assertions.add(a.copy()));
        return d;
    }

    public ObservableList<AssertionDraft> assertions() {
        return assertions;
    }

    /** Whether it comes from a check file the plan references (shown, tried, not edited). */
    public boolean readOnly() {
        return !origin.isEmpty();
    }

    /** The list's label: the name, "(unsaved)" while edited, and the file for a file check. */
    public ReadOnlyStringProperty labelProperty() {
        return label;
    }

    public boolean isDirty() {
        return dirty.get();
    }

    /** What an edit of the check changes (for live validation). */
    Observable[] dependencies() {
        return new Observable[]{name, api, body, assertions};
    }

    /** The check as typed, read by the same validator as a check file. */
    CheckFile.Edited read() {
        return CheckFile.edited(name.get(), api.get(), body.get(), assertions.stream().map(AssertionDraft::text).toList());
    }

    /** Saved as {@code check}: no longer edited. */
    void saved(RequestCheck check) {
        savedName = check.name();
        dirty.set(false);
    }

    private void relabel() {
        String n = name.get().isBlank() ? "(no name)" : name.get();
        label.set(n + (readOnly() ? "  · " + origin.replaceFirst(":\\d+$", "") + " (read-only)"
                : dirty.get() ? "  · unsaved" : ""));
    }

    @Override
    public String toString() {
        return label.get();
    }
}
