package ai.flatkey.migrate.ui.components;

import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.ui.support.Bind;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One checklist entry as a row: title and evidence from the plan, status and note editable. */
public final class ChecklistRow {
    final String id;
    final StringProperty title = new SimpleStringProperty(this, "title", "");
    final StringProperty evidence = new SimpleStringProperty(this, "evidence", "");
    final ObjectProperty<ItemStatus> status = new SimpleObjectProperty<>(this, "status", ItemStatus.OPEN);
    final StringProperty note = new SimpleStringProperty(this, "note", "");
    final StringProperty source = new SimpleStringProperty(this, "source", "");
    private final StringBinding statusStyle = Bind.text(() -> switch (status.get()) {
        case DONE -> "text-success";
        case NOT_APPLICABLE -> "text-muted";
        case OPEN -> "text-warning";
    }, status);

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

    public StringBinding statusStyleProperty() {
        return statusStyle;
    }
}
