package ai.flatkey.migrate.ui.step.mapping;

import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.ModelSuggestions;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.ui.doc.FileDialogs;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.doc.TargetCatalog;
import ai.flatkey.migrate.ui.services.ConnectionChecker;
import ai.flatkey.migrate.ui.services.DemoHost;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.support.Tone;
import ai.flatkey.migrate.usage.UsageService;
import javafx.beans.Observable;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Step 3, Model mapping: one row per current model ID with its target model ID and the features used with it.
 * Rows are seeded from the inventory's models; target IDs are checked against the catalog from step 2's check.
 * <p>
 * Its sections: {@link CatalogLoads} (the gateway's prices, the demo gateway's catalog) and {@link CsvTransfer}
 * (import and export); each row checks itself ({@link MappingRow#check}). This class keeps the rows and the plan.
 */
public final class MappingViewModel {

    /** Known feature names, suggested in the view. */
    public static final List<String> FEATURES = List.of("chat", "streaming", "tools", "json", "json_schema", "vision",
            "responses", "embeddings");

    private final PlanDocument doc;
    private final TargetCatalog catalog;
    private final CatalogLoads loads;
    private final CsvTransfer csv;
    private final ObservableList<MappingRow> rows = FXCollections.observableArrayList(
            r -> new Observable[]{r.source, r.target, r.features, r.notes, r.inputPrice, r.outputPrice});
    private final FilteredList<MappingRow> filtered = new FilteredList<>(rows, r -> true);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final StringBinding summary;
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final ObjectProperty<Tone> messageTone = new SimpleObjectProperty<>(this, "messageTone", Tone.NEUTRAL);
    /** Rows whose status is OK, counted where the statuses are set, so the summary can never disagree with them. */
    private final IntegerProperty completeRows = new SimpleIntegerProperty(this, "completeRows");
    /** Rows whose current model stays on a kept provider: not counted as mappings to complete. */
    private final IntegerProperty keptRows = new SimpleIntegerProperty(this, "keptRows");
    private boolean loading;

    /**
     * @param demo    the embedded demo gateway: a plan whose target it is gets its catalog and prices loaded by this
     *                step itself, without a visit to step 2
     * @param checker lists the demo gateway's models
     */
    public MappingViewModel(PlanDocument doc, TargetCatalog catalog, FileDialogs files, Background background,
                            KeyResolver keys, UsageService usage, DemoHost demo, ConnectionChecker checker) {
        this.doc = Objects.requireNonNull(doc);
        this.catalog = Objects.requireNonNull(catalog);
        this.loads = new CatalogLoads(catalog, Objects.requireNonNull(keys), Objects.requireNonNull(usage),
                Objects.requireNonNull(demo), Objects.requireNonNull(checker), background, this::refreshStatus, this::say);
        this.csv = new CsvTransfer(Objects.requireNonNull(files), Objects.requireNonNull(background), this::say);
        filter.addListener((o, a, b) -> {
            String f = b == null ? "" : b.strip().toLowerCase(Locale.ROOT);
            filtered.setPredicate(r -> f.isEmpty() || (r.source.get() + " " + r.target.get() + " " + r.notes.get() + " "
                    + r.status.get() + " " + r.features.get() + " " + r.kind.get()).toLowerCase(Locale.ROOT).contains(f));
        });
        rows.addListener((ListChangeListener<MappingRow>) c -> {
            refreshStatus();
            save();
        });
        catalog.modelIds().addListener((ListChangeListener<String>) c -> refreshStatus());
        summary = Bind.text(this::describe, rows, catalog.modelIds(), completeRows, keptRows);
        doc.revisionProperty().addListener((o, a, b) -> load(doc.plan()));
        // a decision changed in step 1 (migrate / keep) changes which rows are kept: their kind and status follow
        doc.planProperty().addListener((o, a, b) -> {
            if (a == null || b == null || !a.inventory().providers().equals(b.inventory().providers())) {
                refreshStatus();
            }
        });
        // the last plan's import, export or price message is not about the plan opened now
        doc.openedProperty().addListener((o, a, b) -> say("", Tone.NEUTRAL));
        load(doc.plan());
    }

    // ---- state -------------------------------------------------------------------------------------------

    public ObservableList<MappingRow> rows() {
        return rows;
    }

    /** The rows that pass {@link #filterProperty()}, for the table (which sorts them). */
    public ObservableList<MappingRow> filteredRows() {
        return filtered;
    }

    /** Filter text: rows whose current or target ID, kind, notes, features or status contain it. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** The outcome of the last import, export or price load, in words. */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** How {@link #messageProperty()} reads: success, warning or danger. */
    public ReadOnlyObjectProperty<Tone> messageToneProperty() {
        return messageTone;
    }

    public ReadOnlyBooleanProperty pricesLoadingProperty() {
        return loads.loading.getReadOnlyProperty();
    }

    public ObservableList<String> catalogIds() {
        return catalog.modelIds();
    }

    public StringBinding summaryProperty() {
        return summary;
    }

    /** Target IDs for a row, ranked by name similarity and vendor: best first. */
    public List<String> suggestionsFor(MappingRow row, String typed) {
        return ModelSuggestions.complete(typed, row == null ? "" : row.source.get(), catalog.modelIds(), 12);
    }

    // ---- actions -----------------------------------------------------------------------------------------

    /** Fills every empty target with the best-ranked catalog ID (when a catalog is known). */
    public int suggestTargets() {
        int n = 0;
        for (MappingRow r : rows) {
            if (r.target.get().isBlank() && !r.source.get().isBlank()) {
                List<String> best = ModelSuggestions.rank(r.source.get(), catalog.modelIds(), 1);
                if (!best.isEmpty()) {
                    r.target.set(best.get(0));
                    n++;
                }
            }
        }
        String unknown = unknownTargets();
        if (n > 0) {
            say("Suggested a target for " + n + (n == 1 ? " row" : " rows") + " — check them." + (unknown.isEmpty() ? "" : " " + unknown),
                    unknown.isEmpty() ? Tone.SUCCESS : Tone.WARNING);
        } else if (!catalog.isKnown()) {
            say("Run the connection check in step 2 first to load the catalog.", Tone.NEUTRAL);
        } else if (!unknown.isEmpty()) {
            // "Every row already has a target" would be true and useless: a red row has one the gateway does not list
            say("No row is missing a target, but " + Character.toLowerCase(unknown.charAt(0)) + unknown.substring(1), Tone.WARNING);
        } else {
            say("Every row already has a target in the catalog.", Tone.NEUTRAL);
        }
        return n;
    }

    /**
     * The rows whose target the known catalog does not list, with the closest catalog ID for each: "1 target is not
     * in the target's catalog: gpt-4o-minii (closest: gpt-4o-mini). Replace it, or pick one from the suggestions."
     */
    private String unknownTargets() {
        if (!catalog.isKnown()) {
            return "";
        }
        List<String> named = new ArrayList<>();
        for (MappingRow r : rows) {
            String t = r.target.get().strip();
            if (!t.isEmpty() && !catalog.contains(t)) {
                List<String> best = ModelSuggestions.rank(t, catalog.modelIds(), 1);
                named.add(t + (best.isEmpty() ? "" : " (closest: " + best.get(0) + ")"));
            }
        }
        if (named.isEmpty()) {
            return "";
        }
        int k = named.size();
        return k + (k == 1 ? " target is" : " targets are") + " not in the target's catalog: " + String.join(", ", named)
                + ". Replace " + (k == 1 ? "it" : "them") + ", or pick one from the suggestions.";
    }

    /** Writes the table to a CSV file the person picks. */
    public void exportCsv() {
        csv.export(doc.plan().mappings());
    }

    /** Reads rows from a CSV file the person picks and adds them (a row for an already-mapped model replaces it). */
    public void importCsv() {
        csv.importInto(this::importRows);
    }

    /** Adds imported rows; a row whose current model is already mapped replaces that row. Returns how many. */
    public int importRows(List<ModelMapping> list) {
        for (ModelMapping m : list) {
            MappingRow existing = rows.stream().filter(r -> r.source.get().strip().equals(m.sourceModel())).findFirst().orElse(null);
            MappingRow fresh = new MappingRow(m);
            if (existing != null) {
                rows.set(rows.indexOf(existing), fresh);
            } else {
                rows.add(fresh);
            }
        }
        return list.size();
    }

    /** Reads the prices the target gateway publishes (where its usage API has them) into the price column. */
    public void loadGatewayPrices() {
        loads.loadPrices(doc.plan().target());
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
        for (String model : seedModels(inv)) {
            if (have.add(model)) {
                rows.add(new MappingRow(new ModelMapping(model, suggest(model), feats, "")));
                added++;
            }
        }
        return added;
    }

    /**
     * The current models to map: the production and fallback models, then each provider row's models and Azure
     * deployments; without those sent only to kept providers.
     */
    static List<String> seedModels(Inventory inv) {
        Set<String> all = new LinkedHashSet<>(inv.allModels());
        inv.providers().forEach(p -> {
            all.addAll(p.models());
            all.addAll(p.deployments());
        });
        return all.stream().filter(m -> !inv.isKept(m)).toList();
    }

    /** Seeds rows when the table is empty and the inventory lists models (called when the step is shown). */
    public void seedIfEmpty() {
        if (rows.isEmpty()) {
            seedFromInventory();
        }
    }

    // ---- internals -----------------------------------------------------------------------------------------

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
        List<String> best = ModelSuggestions.rank(model, catalog.modelIds(), 1);
        return !best.isEmpty() && ModelSuggestions.sameModel(model, best.get(0)) ? best.get(0) : "";
    }

    private void say(String text, Tone tone) {
        message.set(text);
        messageTone.set(tone);
    }

    private void load(MigrationPlan plan) {
        loading = true;
        try {
            rows.setAll(plan.mappings().stream().map(MappingRow::new).toList());
        } finally {
            loading = false;
        }
        refreshStatus();
        loads.planShown(plan);
    }

    private void save() {
        if (loading) {
            return;
        }
        List<ModelMapping> list = rows.stream().filter(r -> !r.isBlank())
                .map(r -> {
                    boolean prices = r.priceError().isEmpty();
                    ModelMapping old = doc.plan().mappings().stream().filter(m -> m.sourceModel().equals(r.source.get().strip()))
                            .findFirst().orElse(null);
                    return new ModelMapping(r.source.get(), r.target.get(), r.featureList(), r.notes.get(),
                            prices ? r.input() : old == null ? null : old.inputPer1M(),
                            prices ? r.output() : old == null ? null : old.outputPer1M());
                })
                .toList();
        doc.edit(p -> p.withMappings(list));
    }

    private void refreshStatus() {
        Set<String> seen = new LinkedHashSet<>();
        int complete = 0;
        int kept = 0;
        Inventory inv = doc.plan().inventory();
        for (MappingRow r : rows) {
            String src = r.source.get().strip();
            boolean mappedBefore = !src.isEmpty() && !seen.add(src);
            if (r.check(mappedBefore, catalog, loads.priceOf(r.target.get().strip()), inv)) {
                complete++;
            }
            kept += r.kept.get() ? 1 : 0;
        }
        keptRows.set(kept);
        completeRows.set(complete);
    }

    private String describe() {
        int complete = completeRows.get();
        int kept = keptRows.get();
        String cat = catalog.isKnown() ? catalog.modelIds().size() + " model IDs known from the connection check."
                : "Run the connection check in step 2 to load the target's catalog and check IDs against it.";
        return complete + " of " + (rows.size() - kept) + " mappings complete. "
                + (kept == 0 ? "" : kept + (kept == 1 ? " row stays" : " rows stay") + " on a kept provider (no check). ") + cat;
    }
}
