package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.Parameters;
import ai.flatkey.migrate.plan.SourceProvider;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.support.Validation;
import javafx.beans.Observable;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Step 1, Inventory: what the current client sends. A plain, validated form over {@link Inventory}; each valid
 * edit is written to the plan at once, an invalid number is shown as an error and leaves the plan's value alone.
 */
public final class InventoryViewModel {

    /** Endpoint families, in display order (plan values). */
    public static final List<String> ENDPOINTS = List.of("chat", "responses", "embeddings", "images", "audio", "video",
            "moderations");
    /** Suggestions for the SDK field; any text is accepted. */
    public static final List<String> SDKS = List.of("Python openai", "Node openai", "Direct HTTP", "LangChain",
            "LiteLLM", "Vercel AI SDK", "Java openai-java", ".NET OpenAI", "Go openai");
    /** Suggestions for response_format. */
    public static final List<String> RESPONSE_FORMATS = List.of("", "text", "json_object", "json_schema");

    private final PlanDocument doc;
    private boolean loading;

    public final StringProperty sdk = text("sdk");
    public final StringProperty currentBaseUrl = text("currentBaseUrl");
    public final StringProperty productionModel = text("productionModel");
    public final StringProperty fallbackModels = text("fallbackModels");
    public final StringProperty messageShape = text("messageShape");
    public final BooleanProperty stream = flag("stream");
    public final StringProperty temperature = text("temperature");
    public final StringProperty maxTokens = text("maxTokens");
    public final BooleanProperty tools = flag("tools");
    public final BooleanProperty jsonOutput = flag("jsonOutput");
    public final StringProperty responseFormat = text("responseFormat");
    public final StringProperty seed = text("seed");
    public final StringProperty timeoutSeconds = text("timeoutSeconds");
    public final StringProperty retries = text("retries");
    public final StringProperty observability = text("observability");
    public final StringProperty rollbackPath = text("rollbackPath");
    private final Map<String, BooleanProperty> endpoints = new LinkedHashMap<>();
    /** The provider rows (from a scan), each with its decision; a changed decision is written to the plan at once. */
    private final ObservableList<ProviderRow> providers = FXCollections.observableArrayList(r -> new Observable[]{r.decision});

    public final StringBinding currentBaseUrlError = Bind.text(() -> Validation.baseUrl(currentBaseUrl.get()), currentBaseUrl);
    public final StringBinding temperatureError = Bind.text(() -> Validation.decimal(temperature.get(), 0, 2), temperature);
    public final StringBinding maxTokensError = Bind.text(() -> Validation.integer(maxTokens.get(), 1, 10_000_000), maxTokens);
    public final StringBinding seedError = Bind.text(() -> Validation.integer(seed.get(), Integer.MIN_VALUE, Integer.MAX_VALUE), seed);
    public final StringBinding timeoutError = Bind.text(() -> Validation.integer(timeoutSeconds.get(), 1, 86_400), timeoutSeconds);
    public final StringBinding retriesError = Bind.text(() -> Validation.integer(retries.get(), 0, 100), retries);
    public final StringBinding fallbackHint = Bind.text(() -> {
        List<String> f = splitList(fallbackModels.get());
        return f.contains(productionModel.get().strip()) && !productionModel.get().isBlank()
                ? "The production model is also listed as a fallback." : "";
    }, fallbackModels, productionModel);
    public final StringBinding summary;
    /** How many providers move, are kept or are not decided yet. */
    public final StringBinding providersSummary;

    public InventoryViewModel(PlanDocument doc) {
        this.doc = doc;
        ENDPOINTS.forEach(e -> endpoints.put(e, flag("endpoint-" + e)));
        List<Observable> all = new ArrayList<>(Arrays.asList(sdk, currentBaseUrl, productionModel, fallbackModels, messageShape,
                stream, temperature, maxTokens, tools, jsonOutput, responseFormat, seed, timeoutSeconds, retries,
                observability, rollbackPath));
        all.addAll(endpoints.values());
        all.forEach(o -> o.addListener(x -> save()));
        summary = Bind.text(() -> doc.plan().inventory().isDocumented()
                ? "Documented: the checklist's inventory item is done."
                : "Fill in the SDK, at least one endpoint and the production model to complete the inventory.", doc.planProperty());
        providers.addListener((ListChangeListener<ProviderRow>) c -> saveDecisions());
        providersSummary = Bind.text(this::describeProviders, providers);
        doc.revisionProperty().addListener((o, a, b) -> load(doc.plan()));
        load(doc.plan());
    }

    /** The provider rows the scan found, in plan order. */
    public ObservableList<ProviderRow> providers() {
        return providers;
    }

    /**
     * "3 providers: 1 to migrate, 1 kept, 1 not decided. A kept provider's models get no mapping and no smoke check."
     */
    private String describeProviders() {
        long migrate = providers.stream().filter(r -> SourceProvider.MIGRATE.equals(r.decision.get())).count();
        long keep = providers.stream().filter(r -> SourceProvider.KEEP.equals(r.decision.get())).count();
        long open = providers.size() - migrate - keep;
        int n = providers.size();
        return n + (n == 1 ? " provider: " : " providers: ") + migrate + " to migrate, " + keep + " kept, " + open + " not decided."
                + (keep > 0 ? " A kept provider's models get no mapping and no smoke check." : "");
    }

    /** Writes each provider row's decision into the plan (the rows' other values are the scan's, unchanged). */
    private void saveDecisions() {
        if (loading) {
            return;
        }
        List<SourceProvider> rows = providers.stream().map(ProviderRow::withDecision).toList();
        if (!rows.equals(doc.plan().inventory().providers())) {
            doc.edit(plan -> plan.withInventory(plan.inventory().withProviders(rows)));
        }
    }

    public BooleanProperty endpoint(String family) {
        return endpoints.get(family);
    }

    /** Whether every field holds a valid value. */
    public boolean isValid() {
        return List.of(currentBaseUrlError, temperatureError, maxTokensError, seedError, timeoutError, retriesError)
                .stream().allMatch(b -> b.get().isEmpty());
    }

    private void load(MigrationPlan plan) {
        loading = true;
        try {
            Inventory inv = plan.inventory();
            sdk.set(inv.sdk());
            currentBaseUrl.set(inv.currentBaseUrl());
            productionModel.set(inv.productionModel());
            fallbackModels.set(String.join(", ", inv.fallbackModels()));
            messageShape.set(inv.messageShape());
            endpoints.forEach((k, v) -> v.set(inv.endpoints().contains(k)));
            Parameters p = inv.parameters();
            stream.set(p.stream());
            temperature.set(p.temperature() == null ? "" : stripZero(p.temperature()));
            maxTokens.set(str(p.maxTokens()));
            tools.set(p.tools());
            jsonOutput.set(p.jsonOutput());
            responseFormat.set(p.responseFormat());
            seed.set(str(p.seed()));
            timeoutSeconds.set(str(p.timeoutSeconds()));
            retries.set(str(p.retries()));
            observability.set(inv.observability());
            rollbackPath.set(inv.rollbackPath());
            if (!inv.providers().equals(providers.stream().map(ProviderRow::withDecision).toList())) {
                providers.setAll(inv.providers().stream().map(ProviderRow::new).toList());
            }
        } finally {
            loading = false;
        }
    }

    private void save() {
        if (loading) {
            return;
        }
        doc.edit(plan -> {
            Inventory old = plan.inventory();
            Parameters op = old.parameters();
            List<String> eps = new ArrayList<>();
            endpoints.forEach((k, v) -> {
                if (v.get()) {
                    eps.add(k);
                }
            });
            // keep endpoint families this form does not show (e.g. from a scan)
            old.endpoints().stream().filter(e -> !ENDPOINTS.contains(e)).forEach(eps::add);
            Parameters params = new Parameters(stream.get(),
                    parse(temperature.get(), temperatureError, Double::valueOf, op.temperature()),
                    parse(maxTokens.get(), maxTokensError, Integer::valueOf, op.maxTokens()),
                    tools.get(), jsonOutput.get(), responseFormat.get() == null ? "" : responseFormat.get().strip(),
                    parse(seed.get(), seedError, Integer::valueOf, op.seed()),
                    parse(timeoutSeconds.get(), timeoutError, Integer::valueOf, op.timeoutSeconds()),
                    parse(retries.get(), retriesError, Integer::valueOf, op.retries()));
            String url = currentBaseUrlError.get().isEmpty() ? currentBaseUrl.get().strip() : old.currentBaseUrl();
            return plan.withInventory(new Inventory(sdk.get().strip(), eps, url, productionModel.get().strip(),
                    splitList(fallbackModels.get()), messageShape.get(), params, observability.get(), rollbackPath.get(),
                    old.providers())); // the provider rows (from a scan) are not on this form: kept
        });
    }

    /** Splits "a, b c" into model IDs. */
    public static List<String> splitList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static <T> T parse(String text, StringBinding error, Function<String, T> parser, T previous) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        return error.get().isEmpty() ? parser.apply(t) : previous;
    }

    private static String str(Integer i) {
        return i == null ? "" : i.toString();
    }

    private static String stripZero(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString((long) d) : Double.toString(d);
    }

    private StringProperty text(String name) {
        return new SimpleStringProperty(this, name, "");
    }

    private BooleanProperty flag(String name) {
        return new SimpleBooleanProperty(this, name, false);
    }
}
