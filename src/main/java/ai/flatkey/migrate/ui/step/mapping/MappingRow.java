package ai.flatkey.migrate.ui.step.mapping;

import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.ui.doc.TargetCatalog;
import ai.flatkey.migrate.ui.support.Tone;
import ai.flatkey.migrate.ui.support.Validation;
import ai.flatkey.migrate.usage.ModelPrice;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One editable row of the model-mapping table. */
public final class MappingRow {
    final StringProperty source = new SimpleStringProperty(this, "source", "");
    final StringProperty target = new SimpleStringProperty(this, "target", "");
    final StringProperty features = new SimpleStringProperty(this, "features", "");
    final StringProperty notes = new SimpleStringProperty(this, "notes", "");
    final StringProperty inputPrice = new SimpleStringProperty(this, "inputPrice", "");
    final StringProperty outputPrice = new SimpleStringProperty(this, "outputPrice", "");
    final StringProperty gatewayPrice = new SimpleStringProperty(this, "gatewayPrice", "");
    final StringProperty status = new SimpleStringProperty(this, "status", "");
    final ObjectProperty<Tone> statusTone = new SimpleObjectProperty<>(this, "statusTone", Tone.NEUTRAL);
    final ObjectProperty<Tone> targetTone = new SimpleObjectProperty<>(this, "targetTone", Tone.NEUTRAL);
    /** What the current side is: "Model", "Deployment" (Azure: the target is the model behind it) or "Kept" (not moved). */
    final StringProperty kind = new SimpleStringProperty(this, "kind", "Model");
    final BooleanProperty deployment = new SimpleBooleanProperty(this, "deployment");
    final BooleanProperty kept = new SimpleBooleanProperty(this, "kept");

    MappingRow(ModelMapping m) {
        source.set(m.sourceModel());
        target.set(m.targetModel());
        features.set(String.join(", ", m.features()));
        notes.set(m.notes());
        inputPrice.set(m.inputPer1M() == null ? "" : plain(m.inputPer1M()));
        outputPrice.set(m.outputPer1M() == null ? "" : plain(m.outputPer1M()));
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

    /** The typed input price, USD per 1M tokens (blank = none). */
    public StringProperty inputPriceProperty() {
        return inputPrice;
    }

    /** The typed output price, USD per 1M tokens (blank = none). */
    public StringProperty outputPriceProperty() {
        return outputPrice;
    }

    /** The price the gateway publishes for the target model ("in / out per 1M"), or empty. */
    public ReadOnlyStringProperty gatewayPriceProperty() {
        return gatewayPrice;
    }

    /** "Model", "Deployment" for an Azure deployment name, or "Kept" when its providers stay out of the move. */
    public ReadOnlyStringProperty kindProperty() {
        return kind;
    }

    /** Whether the current side is an Azure deployment name (the target is the model deployed behind it). */
    public ReadOnlyBooleanProperty deploymentProperty() {
        return deployment;
    }

    /** Whether the current model is sent only to providers kept out of the move (no check is run for it). */
    public ReadOnlyBooleanProperty keptProperty() {
        return kept;
    }

    /** What is still missing or wrong with this row, in words ("OK…" when complete). */
    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** How the status reads: {@link Tone#SUCCESS} when complete, a warning or danger tone for what is missing. */
    public ReadOnlyObjectProperty<Tone> statusToneProperty() {
        return statusTone;
    }

    /** {@link Tone#DANGER} when the target ID is not in the known catalog, else {@link Tone#NEUTRAL}. */
    public ReadOnlyObjectProperty<Tone> targetToneProperty() {
        return targetTone;
    }

    /**
     * Sets the status (the first thing missing or wrong, in the order the person fills the row), its tone, the
     * target's tone and the gateway's price for the target. Returns whether the row is complete.
     *
     * @param mappedBefore whether an earlier row maps the same current model
     * @param published    the price the gateway publishes for the target model, or null
     */
    boolean check(boolean mappedBefore, TargetCatalog catalog, ModelPrice published, Inventory inv) {
        String src = source.get().strip();
        String tgt = target.get().strip();
        boolean unknownTarget = catalog.isKnown() && !tgt.isEmpty() && !catalog.contains(tgt);
        describe(inv, src);
        if (src.isEmpty()) {
            show("Enter the current model ID", Tone.WARNING);
        } else if (mappedBefore) {
            show("Mapped twice", Tone.WARNING);
        } else if (kept.get()) {
            show("Kept: no check", Tone.NEUTRAL); // the provider is kept in step 1: its model is not moved
        } else if (tgt.isEmpty()) {
            show(deployment.get() ? "Pick the model behind it" : "Choose a target model", Tone.WARNING);
        } else if (unknownTarget) {
            show("Not in the target's catalog", Tone.DANGER);
        } else if (featureList().isEmpty()) {
            show("Choose the features used", Tone.WARNING);
        } else if (!priceError().isEmpty()) {
            show(priceError(), Tone.DANGER);
        } else {
            show(catalog.isKnown() ? "OK, in catalog" : "OK", Tone.SUCCESS);
        }
        targetTone.set(unknownTarget ? Tone.DANGER : Tone.NEUTRAL);
        gatewayPrice.set(published == null ? "" : "$" + plain(published.inputPer1M()) + " / $" + plain(published.outputPer1M()));
        return statusTone.get() == Tone.SUCCESS;
    }

    /** Sets {@link #kind}, {@link #deployment} and {@link #kept} from the inventory's provider rows. */
    private void describe(Inventory inv, String src) {
        deployment.set(!src.isEmpty() && inv.isDeployment(src));
        kept.set(!src.isEmpty() && inv.isKept(src));
        kind.set(kept.get() ? "Kept" : deployment.get() ? "Deployment" : "Model");
    }

    private void show(String text, Tone tone) {
        status.set(text);
        statusTone.set(tone);
    }

    /** The features as a list. */
    public List<String> featureList() {
        List<String> out = new ArrayList<>();
        for (String f : features.get().split("[,;\\s]+")) {
            String v = f.strip().toLowerCase(Locale.ROOT);
            if (!v.isEmpty() && !out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /** Turns one feature on or off. */
    public void setFeature(String feature, boolean on) {
        List<String> list = featureList();
        if (on && !list.contains(feature)) {
            list.add(feature);
        } else if (!on) {
            list.remove(feature);
        }
        features.set(String.join(", ", list));
    }

    String priceError() {
        String a = Validation.decimal(inputPrice.get(), 0, 10_000);
        String b = Validation.decimal(outputPrice.get(), 0, 10_000);
        if (!a.isEmpty() || !b.isEmpty()) {
            return "Prices: " + (a.isEmpty() ? b : a);
        }
        if (inputPrice.get().isBlank() != outputPrice.get().isBlank()) {
            return "Type both prices (input and output per 1M tokens) or neither";
        }
        return "";
    }

    Double input() {
        return parse(inputPrice.get());
    }

    Double output() {
        return parse(outputPrice.get());
    }

    private static Double parse(String v) {
        try {
            return v == null || v.isBlank() ? null : Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    boolean isBlank() {
        return source.get().isBlank() && target.get().isBlank() && features.get().isBlank() && notes.get().isBlank();
    }
}
