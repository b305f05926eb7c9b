package ai.flatkey.migrate.ui.step.mapping;

import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.doc.TargetCatalog;
import ai.flatkey.migrate.ui.step.inventory.InventoryViewModel;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Step 3, Model mapping: one row per current model ID with its target model ID and the features used with it.
 * Rows are seeded from the inventory's models; target IDs are checked against the catalog from step 2's check.
 */
public final class MappingViewModel {

    /** Known feature names, suggested in the view. */
    public static final List<String> FEATURES = List.of("chat", "streaming", "tools", "json", "json_schema", "vision",
            "responses", "embeddings");

    private final PlanDocument doc;
    private final TargetCatalog catalog;
    private final ObservableList<MappingRow> rows = FXCollections.observableArrayList(
            r -> new Observable[]{r.source, r.target, r.features, r.notes});
    private final StringBinding summary;
    private boolean loading;

    public MappingViewModel(PlanDocument doc, TargetCatalog catalog) {
        this.doc = doc;
        this.catalog = catalog;
        rows.addListener((javafx.collections.ListChangeListener<MappingRow>) c -> {
            refreshStatus();
            save();
        });
        catalog.modelIds().addListener((javafx.collections.ListChangeListener<String>) c -> refreshStatus());
        summary = Bindings.createStringBinding(this::describe, rows, catalog.modelIds());
        doc.revisionProperty().addListener((o, a, b) -> load(doc.plan()));
        load(doc.plan());
    }

    public ObservableList<MappingRow> rows() {
        return rows;
    }

    public ObservableList<String> catalogIds() {
        return catalog.modelIds();
    }

    public StringBinding summaryProperty() {
        return summary;
    }

    public MappingRow addRow() {
        MappingRow r = new MappingRow(new ModelMapping("", "", List.of("chat"), ""));
        rows.add(r);
        return r;
    }

    public void removeRow(MappingRow row) {
        rows.remove(row);
    }

    /** Adds a row for every inventory model not mapped yet; returns how many were added. */
    public int seedFromInventory() {
        Inventory inv = doc.plan().inventory();
        Set<String> have = new LinkedHashSet<>();
        rows.forEach(r -> have.add(r.source.get().strip()));
        List<String> feats = featuresFrom(inv);
        int added = 0;
        for (String model : inv.allModels()) {
            if (have.add(model)) {
                rows.add(new MappingRow(new ModelMapping(model, suggest(model), feats, "")));
                added++;
            }
        }
        return added;
    }

    /** Seeds rows when the table is empty and the inventory lists models (called when the step is shown). */
    public void seedIfEmpty() {
        if (rows.isEmpty()) {
            seedFromInventory();
        }
    }

    /** The features a model is used with, from the inventory's endpoints and parameters. */
    static List<String> featuresFrom(Inventory inv) {
        List<String> f = new ArrayList<>();
        if (inv.endpoints().isEmpty() || inv.endpoints().contains("chat")) {
            f.add("chat");
        }
        if (inv.parameters().stream()) {
            f.add("streaming");
        }
        if (inv.parameters().tools()) {
            f.add("tools");
        }
        if (inv.parameters().jsonOutput() || inv.parameters().responseFormat().startsWith("json")) {
            f.add(inv.parameters().responseFormat().equals("json_schema") ? "json_schema" : "json");
        }
        if (inv.endpoints().contains("responses")) {
            f.add("responses");
        }
        if (inv.endpoints().contains("embeddings")) {
            f.add("embeddings");
        }
        return f;
    }

    /** A catalog ID that matches the current one exactly or after a vendor prefix, else empty. */
    private String suggest(String model) {
        for (String id : catalog.modelIds()) {
            if (id.equals(model) || id.endsWith("/" + model)) {
                return id;
            }
        }
        return "";
    }

    private void load(MigrationPlan plan) {
        loading = true;
        try {
            rows.setAll(plan.mappings().stream().map(MappingRow::new).toList());
        } finally {
            loading = false;
        }
        refreshStatus();
    }

    private void save() {
        if (loading) {
            return;
        }
        List<ModelMapping> list = rows.stream().filter(r -> !r.isBlank())
                .map(r -> new ModelMapping(r.source.get(), r.target.get(),
                        InventoryViewModel.splitList(r.features.get()), r.notes.get()))
                .toList();
        doc.edit(p -> p.withMappings(list));
    }

    private void refreshStatus() {
        Set<String> seen = new LinkedHashSet<>();
        for (MappingRow r : rows) {
            String src = r.source.get().strip();
            String tgt = r.target.get().strip();
            String status;
            String style;
            if (src.isEmpty()) {
                status = "Enter the current model ID";
                style = "text-warning";
            } else if (!seen.add(src)) {
                status = "Mapped twice";
                style = "text-warning";
            } else if (tgt.isEmpty()) {
                status = "Choose a target model";
                style = "text-warning";
            } else if (catalog.isKnown() && !catalog.contains(tgt)) {
                status = "Not in the target's catalog";
                style = "text-danger";
            } else if (InventoryViewModel.splitList(r.features.get()).isEmpty()) {
                status = "List the features used";
                style = "text-warning";
            } else {
                status = catalog.isKnown() ? "OK, in catalog" : "OK";
                style = "text-success";
            }
            r.status.set(status);
            r.statusStyle.set(style);
        }
    }

    private String describe() {
        long complete = rows.stream().filter(r -> r.status.get().startsWith("OK")).count();
        String cat = catalog.isKnown() ? catalog.modelIds().size() + " model IDs known from the connection check."
                : "Run the connection check in step 2 to load the target's catalog and check IDs against it.";
        return complete + " of " + rows.size() + " mappings complete. " + cat;
    }
}
