package ai.flatkey.migrate.ui.components;

import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.ui.support.Tone;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

/** One checklist entry as a row: title and evidence from the plan, status and note editable. */
public final class ChecklistRow {
    final String id;
    final StringProperty title = new SimpleStringProperty(this, "title", "");
    final StringProperty evidence = new SimpleStringProperty(this, "evidence", "");
    final ObjectProperty<ItemStatus> status = new SimpleObjectProperty<>(this, "status", ItemStatus.OPEN);
    final StringProperty note = new SimpleStringProperty(this, "note", "");
    final StringProperty source = new SimpleStringProperty(this, "source", "");
    private final ObservableValue<Tone> statusTone = status.map(s -> switch (s) {
        case DONE -> Tone.SUCCESS;
        case NOT_APPLICABLE -> Tone.MUTED;
        case OPEN -> Tone.WARNING;
    });

    ChecklistRow(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title;
    }

    public ReadOnlyStringProperty evidenceProperty() {
        return evidence;
    }

    public ObjectProperty<ItemStatus> statusProperty() {
        return status;
    }

    public StringProperty noteProperty() {
        return note;
    }

    /** "from evidence" or "set by you". */
    public ReadOnlyStringProperty sourceProperty() {
        return source;
    }

    /** How the item reads: done in the success tone, open as a warning, not applicable muted. */
    public ObservableValue<Tone> statusToneProperty() {
        return statusTone;
    }
}
