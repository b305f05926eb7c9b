package ai.flatkey.migrate.ui.step.rollout;

import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.plan.RolloutStage;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One rollout stage as a table row: name and gate are fixed, status and note are the person's. */
public final class StageRow {
    final StringProperty name = new SimpleStringProperty(this, "name", "");
    final StringProperty gate = new SimpleStringProperty(this, "gate", "");
    final ObjectProperty<ItemStatus> status = new SimpleObjectProperty<>(this, "status", ItemStatus.OPEN);
    final StringProperty note = new SimpleStringProperty(this, "note", "");
    final StringProperty number = new SimpleStringProperty(this, "number", "");
    final StringProperty measured = new SimpleStringProperty(this, "measured", "");
    final StringProperty measuredStyle = new SimpleStringProperty(this, "measuredStyle", "text-muted");

    StageRow(int index, RolloutStage s) {
        number.set(Integer.toString(index + 1));
        name.set(s.name());
        gate.set(s.gate());
        status.set(s.status());
        note.set(s.note());
    }

    public ReadOnlyStringProperty nameProperty() {
        return name;
    }

    public ReadOnlyStringProperty gateProperty() {
        return gate;
    }

    public ReadOnlyStringProperty numberProperty() {
        return number;
    }

    /** What the evidence in the plan says about this stage's gate. */
    public ReadOnlyStringProperty measuredProperty() {
        return measured;
    }

    public ReadOnlyStringProperty measuredStyleProperty() {
        return measuredStyle;
    }

    void gate(Gates.StageGate g) {
        measured.set(switch (g.reading()) {
            case HOLDS -> "✓ " + g.measured();
            case FAILS -> "✗ " + g.measured();
            case MANUAL -> g.measured();
        });
        measuredStyle.set(switch (g.reading()) {
            case HOLDS -> "text-success";
            case FAILS -> "text-danger";
            case MANUAL -> "text-muted";
        });
    }

    public ObjectProperty<ItemStatus> statusProperty() {
        return status;
    }

    public StringProperty noteProperty() {
        return note;
    }

    RolloutStage toStage() {
        return new RolloutStage(name.get(), gate.get(), status.get(), note.get());
    }
}
