package ai.flatkey.migrate.ui.step.mapping;

import ai.flatkey.migrate.plan.ModelMapping;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One editable row of the model-mapping table. */
public final class MappingRow {
    final StringProperty source = new SimpleStringProperty(this, "source", "");
    final StringProperty target = new SimpleStringProperty(this, "target", "");
    final StringProperty features = new SimpleStringProperty(this, "features", "");
    final StringProperty notes = new SimpleStringProperty(this, "notes", "");
    final StringProperty status = new SimpleStringProperty(this, "status", "");
    final StringProperty statusStyle = new SimpleStringProperty(this, "statusStyle", "");

    MappingRow(ModelMapping m) {
        source.set(m.sourceModel());
        target.set(m.targetModel());
        features.set(String.join(", ", m.features()));
        notes.set(m.notes());
    }

    public StringProperty sourceProperty() {
        return source;
    }

    public StringProperty targetProperty() {
        return target;
    }

    /** Features as comma-separated text: chat, streaming, tools, json, vision, responses, embeddings. */
    public StringProperty featuresProperty() {
        return features;
    }

    public StringProperty notesProperty() {
        return notes;
    }

    /** What is still missing or wrong with this row, in words ("ok" when complete). */
    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyStringProperty statusStyleProperty() {
        return statusStyle;
    }

    boolean isBlank() {
        return source.get().isBlank() && target.get().isBlank() && features.get().isBlank() && notes.get().isBlank();
    }
}
