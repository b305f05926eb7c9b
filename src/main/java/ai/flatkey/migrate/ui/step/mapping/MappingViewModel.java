package ai.flatkey.migrate.ui.step.mapping;

import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.MappingCsv;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.ModelSuggestions;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.doc.TargetCatalog;
import ai.flatkey.migrate.ui.step.inventory.InventoryViewModel;
import ai.flatkey.migrate.ui.support.Bind;
import javafx.beans.Observable;
import javafx.beans.binding.StringBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.ui.doc.FileDialogs;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.services.ConnectionChecker;
import ai.flatkey.migrate.ui.services.DemoHost;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.ModelInfo;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import ai.flatkey.migrate.usage.ModelPrice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

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
            r -> new Observable[]{r.source, r.target, r.features, r.notes, r.inputPrice, r.outputPrice});
    private final FilteredList<MappingRow> filtered = new FilteredList<>(rows, r -> true);
    /** Filter text: rows whose current or target ID, notes or status contain it. */
    public final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final StringBinding summary;
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final StringProperty messageStyle = new SimpleStringProperty(this, "messageStyle", "");
    private final BooleanProperty pricesLoading = new SimpleBooleanProperty(this, "pricesLoading");
    private final Map<String, ModelPrice> gatewayPrices = new HashMap<>();
    private final FileDialogs files;
    private final Background background;
    private final KeyResolver keys;
    private final UsageService usage;
    private final DemoHost demo;
    private final ConnectionChecker checker;
    /** Rows whose status is OK, counted where the statuses are set, so the summary can never disagree with them. */
    private final IntegerProperty completeRows = new SimpleIntegerProperty(this, "completeRows");
    /** The demo gateway URL whose catalog and prices this step loaded itself; null before. */
    private String demoCatalogUrl;
    private boolean demoLoading;
    private boolean loading;

    /** Without files, network or prices (tests of the table logic). */
    public MappingViewModel(PlanDocument doc, TargetCatalog catalog) {
        this(doc, catalog, null, null, null, null);
    }

    public MappingViewModel(PlanDocument doc, TargetCatalog catalog, FileDialogs files, Background background,
                            KeyResolver keys, UsageService usage) {
        this(doc, catalog, files, background, keys, usage, null, null);
    }

    /**
     * With the embedded demo gateway and the connection check: a plan whose target is the demo gateway gets its
     * catalog and prices loaded by this step itself, without a visit to step 2.
     */
    public MappingViewModel(PlanDocument doc, TargetCatalog catalog, FileDialogs files, Background background,
                            KeyResolver keys, UsageService usage, DemoHost demo, ConnectionChecker checker) {
        this.doc = doc;
        this.demo = demo;
        this.checker = checker;
        this.catalog = catalog;
        this.files = files;
        this.background = background;
        this.keys = keys;
        this.usage = usage;
        filter.addListener((o, a, b) -> {
            String f = b == null ? "" : b.strip().toLowerCase(java.util.Locale.ROOT);
            filtered.setPredicate(r -> f.isEmpty() || (r.source.get() + " " + r.target.get() + " " + r.notes.get() + " "
                    + r.status.get() + " " + r.features.get()).toLowerCase(java.util.Locale.ROOT).contains(f));
        });
        rows.addListener((javafx.collections.ListChangeListener<MappingRow>) c -> {
            refreshStatus();
            save();
        });
        catalog.modelIds().addListener((javafx.collections.ListChangeListener<String>) c -> refreshStatus());
        summary = Bind.text(this::describe, rows, catalog.modelIds(), completeRows);
        doc.revisionProperty().addListener((o, a, b) -> load(doc.plan()));
        load(doc.plan());
    }

    public ObservableList<MappingRow> rows() {
        return rows;
    }

    /** The rows that pass {@link #filter}, for the table (which sorts them). */
    public ObservableList<MappingRow> filteredRows() {
        return filtered;
    }

    /** The outcome of the last import, export or price load, in words. */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyStringProperty messageStyleProperty() {
        return messageStyle;
    }

    public ReadOnlyBooleanProperty pricesLoadingProperty() {
        return pricesLoading;
    }

    /** Target IDs for a row, ranked by name similarity and vendor: best first. */
    public List<String> suggestionsFor(MappingRow row, String typed) {
        return ModelSuggestions.complete(typed, row == null ? "" : row.source.get(), catalog.modelIds(), 12);
    }

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
        say(n == 0 ? (catalog.isKnown() ? "Every row already has a target." : "Run the connection check in step 2 first to load the catalog.")
                : "Suggested a target for " + n + (n == 1 ? " row" : " rows") + " — check them.", n == 0 ? "" : "text-success");
        return n;
    }

    /** Writes the table to a CSV file the person picks. */
    public void exportCsv() {
        if (files == null || background == null) {
            return;
        }
        Optional<Path> to = files.saveExport(Path.of(System.getProperty("user.home")), "model-mapping.csv", "Model mapping CSV", "csv");
        if (to.isEmpty()) {
            return;
        }
        String csv = MappingCsv.write(doc.plan().mappings());
        background.run(() -> {
            Path parent = to.get().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(to.get(), csv, StandardCharsets.UTF_8);
            return to.get();
        }, p -> say("Exported " + doc.plan().mappings().size() + " rows to " + p.toAbsolutePath() + ".", "text-success"),
                e -> say("Not exported: " + e.getMessage() + ". Pick another folder.", "text-danger"));
    }

    /** Reads rows from a CSV file the person picks and adds them (a row for an already-mapped model replaces it). */
    public void importCsv() {
        if (files == null || background == null) {
            return;
        }
        Optional<Path> from = files.openImport(Path.of(System.getProperty("user.home")), "Model mapping CSV", "csv");
        if (from.isEmpty()) {
            return;
        }
        background.run(() -> {
            if (Files.size(from.get()) > 5L * 1024 * 1024) {
                throw new MappingCsv.CsvException("The file is larger than 5 MB; a mapping table is a few lines.");
            }
            return MappingCsv.read(Files.readString(from.get(), StandardCharsets.UTF_8));
        }, list -> {
            int n = importRows(list);
            say("Imported " + n + (n == 1 ? " row" : " rows") + " from " + from.get().getFileName() + ".", "text-success");
        }, e -> say("Nothing imported from " + from.get().getFileName() + ": " + (e instanceof java.nio.charset.MalformedInputException
                ? "the file is not UTF-8 text." : e.getMessage()), "text-danger"));
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
        if (usage == null || background == null || pricesLoading.get()) {
            return;
        }
        ai.flatkey.migrate.plan.Endpoint target = doc.plan().target();
        String key = keys.resolve(target.keyRef()).orElse(null);
        pricesLoading.set(true);
        background.run(() -> usage.adapter(target, key).prices(), list -> {
            pricesLoading.set(false);
            showGatewayPrices(list);
            say(list.isEmpty() ? "This gateway publishes no prices here; type them per row if you know them."
                    : "Loaded " + list.size() + " prices from the gateway.", list.isEmpty() ? "text-warning" : "text-success");
        }, e -> {
            pricesLoading.set(false);
            say("Prices not loaded: " + e.getMessage(), "text-danger");
        });
    }

    private void showGatewayPrices(List<ModelPrice> list) {
        gatewayPrices.clear();
        list.forEach(p -> gatewayPrices.put(p.model(), p));
        refreshStatus();
    }

    /** What this step loads from the demo gateway by itself. */
    private record DemoCatalog(String baseUrl, List<String> modelIds, List<ModelPrice> prices) {
    }

    /**
     * A plan on the embedded demo gateway needs no connection check to know its catalog and prices: the gateway runs
     * on this computer. Starts it if needed (its port may differ from the plan's), lists its models and reads its
     * prices, once per gateway URL.
     */
    private void loadDemoCatalogIfNeeded(MigrationPlan plan) {
        if (!plan.target().isDemo() || demo == null || checker == null || background == null || demoLoading
                || (demoCatalogUrl != null && demoCatalogUrl.equals(catalog.baseUrlProperty().get()) && demo.isRunning())) {
            return;
        }
        demoLoading = true;
        pricesLoading.set(usage != null);
        background.run(() -> {
            String url = demo.ensureStarted();
            List<String> ids = checker.listModels(url, demo.demoKey(), new Cancellation()).models().stream().map(ModelInfo::id).toList();
            List<ModelPrice> prices = usage == null ? List.of() : usage.adapter(Endpoint.demo(url), demo.demoKey()).prices();
            return new DemoCatalog(url, ids, prices);
        }, c -> {
            demoLoading = false;
            pricesLoading.set(false);
            demoCatalogUrl = c.baseUrl();
            catalog.update(c.baseUrl(), c.modelIds());
            showGatewayPrices(c.prices());
        }, e -> {
            demoLoading = false;
            pricesLoading.set(false);
            say("The demo gateway's catalog did not load: " + e.getMessage(), "text-warning");
        });
    }

    private void say(String text, String style) {
        message.set(text);
        messageStyle.set(style);
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
        List<String> best = ModelSuggestions.rank(model, catalog.modelIds(), 1);
        return !best.isEmpty() && ModelSuggestions.sameModel(model, best.get(0)) ? best.get(0) : "";
    }

    private void load(MigrationPlan plan) {
        loading = true;
        try {
            rows.setAll(plan.mappings().stream().map(MappingRow::new).toList());
        } finally {
            loading = false;
        }
        refreshStatus();
        loadDemoCatalogIfNeeded(plan);
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
            } else if (r.featureList().isEmpty()) {
                status = "Choose the features used";
                style = "text-warning";
            } else if (!r.priceError().isEmpty()) {
                status = r.priceError();
                style = "text-danger";
            } else {
                status = catalog.isKnown() ? "OK, in catalog" : "OK";
                style = "text-success";
                complete++;
            }
            r.status.set(status);
            r.statusStyle.set(style);
            r.targetStyle.set(catalog.isKnown() && !tgt.isEmpty() && !catalog.contains(tgt) ? "text-danger" : "");
            ModelPrice gp = gatewayPrices.get(tgt);
            r.gatewayPrice.set(gp == null ? "" : "$" + MappingRow.plain(gp.inputPer1M()) + " / $" + MappingRow.plain(gp.outputPer1M()));
        }
        completeRows.set(complete);
    }

    private String describe() {
        int complete = completeRows.get();
        String cat = catalog.isKnown() ? catalog.modelIds().size() + " model IDs known from the connection check."
                : "Run the connection check in step 2 to load the target's catalog and check IDs against it.";
        return complete + " of " + rows.size() + " mappings complete. " + cat;
    }
}
