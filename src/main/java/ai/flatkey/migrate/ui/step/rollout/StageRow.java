package ai.flatkey.migrate.ui.step.rollout;

import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.plan.RolloutStage;
import ai.flatkey.migrate.smoke.Gates;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.support.Tone;
import ai.flatkey.migrate.ui.support.Validation;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

/**
 * One rollout stage as a table row: name and gate are fixed; status, owner, date and note are the person's. A date
 * that is not a valid {@code YYYY-MM-DD} stays in the field with a message, and the plan keeps the last value it had
 * (nothing typed is lost, nothing invalid is stored).
 */
public final class StageRow {
    final StringProperty name = new SimpleStringProperty(this, "name", "");
    final StringProperty gate = new SimpleStringProperty(this, "gate", "");
    final ObjectProperty<ItemStatus> status = new SimpleObjectProperty<>(this, "status", ItemStatus.OPEN);
    final StringProperty note = new SimpleStringProperty(this, "note", "");
    final StringProperty owner = new SimpleStringProperty(this, "owner", "");
    final StringProperty date = new SimpleStringProperty(this, "date", "");
    final StringProperty number = new SimpleStringProperty(this, "number", "");
    final StringProperty measured = new SimpleStringProperty(this, "measured", "");
    final ObjectProperty<Tone> measuredTone = new SimpleObjectProperty<>(this, "measuredTone", Tone.MUTED);
    private final StringBinding dateError;
    private final StringBinding ownerError;
    private final StringBinding ownerAndDate;
    private final ObservableValue<Tone> ownerAndDateTone;
    private final StringBinding title;
    /** What the plan holds for the date: the last valid value, or the plan's own (possibly malformed) text. */
    private String storedDate;
    private String storedOwner;

    StageRow(int index, RolloutStage s) {
        number.set(Integer.toString(index + 1));
        name.set(s.name());
        gate.set(s.gate());
        status.set(s.status());
        note.set(s.note());
        owner.set(s.owner());
        date.set(s.date());
        storedDate = s.date();
        storedOwner = s.owner();
        dateError = Bind.text(() -> RolloutStage.dateProblem(date.get()), date);
        ownerError = Bind.text(() -> Validation.looksLikeKey(owner.get())
                ? "That looks like an API key. Write a person or a team here — keys never go in the plan." : "", owner);
        ownerAndDate = Bind.text(() -> {
            String o = owner.get().strip();
            String d = date.get().strip();
            if (o.isEmpty() && d.isEmpty()) {
                return "";
            }
            return (o.isEmpty() ? "no owner" : o) + "\n" + (d.isEmpty() ? "no date" : d + (dateError.get().isEmpty() ? "" : " ⚠ not a date"));
        }, owner, date, dateError);
        ownerAndDateTone = dateError.map(e -> e.isEmpty() ? Tone.NEUTRAL : Tone.DANGER);
        title = Bind.text(() -> "Stage " + number.get() + ": " + name.get(), number, name);
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

    /** "Stage 3: Replay known prompts". */
    public StringBinding titleProperty() {
        return title;
    }

    /** What the evidence in the plan says about this stage's gate. */
    public ReadOnlyStringProperty measuredProperty() {
        return measured;
    }

    /** How the measurement reads: the gate holds (success), fails (danger) or is for a person to judge (muted). */
    public ReadOnlyObjectProperty<Tone> measuredToneProperty() {
        return measuredTone;
    }

    void gate(Gates.StageGate g) {
        measured.set(g.text());
        measuredTone.set(switch (g.reading()) {
            case HOLDS -> Tone.SUCCESS;
            case FAILS -> Tone.DANGER;
            case MANUAL -> Tone.MUTED;
        });
    }

    public ObjectProperty<ItemStatus> statusProperty() {
        return status;
    }

    public StringProperty noteProperty() {
        return note;
    }

    /** Who owns the stage: a person or a team (free text). */
    public StringProperty ownerProperty() {
        return owner;
    }

    /** When the stage is due or was done, as typed ({@code YYYY-MM-DD}). */
    public StringProperty dateProperty() {
        return date;
    }

    /** Empty, or why the typed date is not stored. */
    public StringBinding dateErrorProperty() {
        return dateError;
    }

    /** Empty, or why the typed owner is not stored. */
    public StringBinding ownerErrorProperty() {
        return ownerError;
    }

    /** Owner and date on two lines for the table ("" when neither is set). */
    public StringBinding ownerAndDateProperty() {
        return ownerAndDate;
    }

    /** {@link Tone#DANGER} while the date is not a date, else {@link Tone#NEUTRAL}. */
    public ObservableValue<Tone> ownerAndDateToneProperty() {
        return ownerAndDateTone;
    }

    /** The stage as the plan should hold it: typed values that are valid, else what the plan had. */
    RolloutStage toStage() {
        // Read the properties, not the bindings: this runs from the list's listener, possibly before they recompute.
        if (RolloutStage.dateProblem(date.get()).isEmpty()) {
            storedDate = date.get().strip();
        }
        if (!Validation.looksLikeKey(owner.get())) {
            storedOwner = owner.get().strip();
        }
        return new RolloutStage(name.get(), gate.get(), status.get(), note.get(), storedOwner, storedDate);
    }
}
