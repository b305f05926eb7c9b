package ai.flatkey.migrate.ui.step.mapping;

import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.ui.support.Validation;
import javafx.beans.property.ReadOnlyStringProperty;
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
    final StringProperty statusStyle = new SimpleStringProperty(this, "statusStyle", "");
    final StringProperty targetStyle = new SimpleStringProperty(this, "targetStyle", "");

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

    /** What is still missing or wrong with this row, in words ("OK…" when complete). */
    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyStringProperty statusStyleProperty() {
        return statusStyle;
    }

    /** "text-danger" when the target ID is not in the catalog, else "". */
    public ReadOnlyStringProperty targetStyleProperty() {
        return targetStyle;
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
