package ai.flatkey.migrate.ui.step.mapping;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.ui.doc.TargetCatalog;
import ai.flatkey.migrate.ui.services.ConnectionChecker;
import ai.flatkey.migrate.ui.services.DemoHost;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.BackgroundTask;
import ai.flatkey.migrate.ui.support.Tone;
import ai.flatkey.migrate.usage.ModelPrice;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.wire.ModelInfo;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Step 3's loads from the target gateway: the prices it publishes (on request) and, for a plan on the embedded demo
 * gateway, its catalog and prices without a visit to step 2. One load at a time, for one target: a plan opened with
 * another target drops a load still running for the old one (its request is cancelled and its result never shows).
 */
final class CatalogLoads {

    private final TargetCatalog catalog;
    private final KeyResolver keys;
    private final UsageService usage;
    private final DemoHost demo;
    private final ConnectionChecker checker;
    private final BackgroundTask.Slot loads;
    private final Runnable onPrices;
    private final BiConsumer<String, Tone> say;

    final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "pricesLoading");
    private final Map<String, ModelPrice> prices = new HashMap<>();
    /** The base URL of the gateway {@link #prices} came from; null when none were loaded. */
    private String pricesFrom;
    /** The target the running load is for; null when none runs. */
    private Endpoint loadingFor;
    /** Whether the running load is the demo gateway's catalog (not only prices). */
    private boolean loadingDemo;
    /** The demo gateway URL whose catalog and prices this step loaded itself; null before. */
    private String demoCatalogUrl;

    /**
     * @param onPrices runs when the gateway's prices changed
     * @param say      shows a message in a tone
     */
    CatalogLoads(TargetCatalog catalog, KeyResolver keys, UsageService usage, DemoHost demo, ConnectionChecker checker,
                 Background background, Runnable onPrices, BiConsumer<String, Tone> say) {
        this.catalog = catalog;
        this.keys = keys;
        this.usage = usage;
        this.demo = demo;
        this.checker = checker;
        this.loads = new BackgroundTask.Slot(background);
        this.onPrices = onPrices;
        this.say = say;
    }

    /** The price the gateway publishes for {@code model}, or null. */
    ModelPrice priceOf(String model) {
        return prices.get(model);
    }

    /** Reads the prices {@code target} publishes (where its usage API has them). */
    void loadPrices(Endpoint target) {
        if (loading.get()) {
            return;
        }
        String key = keys.resolve(target.keyRef()).orElse(null);
        start(target, false, BackgroundTask.of(cancel -> usage.adapter(target, key).prices())
                .onSuccess(list -> {
                    show(target.baseUrl(), list);
                    say.accept(list.isEmpty() ? "This gateway publishes no prices here; type them per row if you know them."
                            : "Loaded " + list.size() + " prices from the gateway.", list.isEmpty() ? Tone.WARNING : Tone.SUCCESS);
                })
                .onError(e -> say.accept("Prices not loaded: " + e.getMessage(), Tone.DANGER)));
    }

    /**
     * The plan now shown: drops a load for another target, and for a plan on the embedded demo gateway loads its
     * catalog and prices, once per gateway URL. The demo gateway runs on this computer: this starts it if needed (its
     * port may differ from the plan's), lists its models and reads its prices.
     */
    void planShown(MigrationPlan plan) {
        Endpoint target = plan.target();
        if (loading.get() && !target.equals(loadingFor)) {
            loads.drop();
            finished();
        }
        boolean sameDemo = target.isDemo() && pricesFrom != null && pricesFrom.equals(demoCatalogUrl); // its port may differ
        if (pricesFrom != null && !pricesFrom.equals(target.baseUrl()) && !sameDemo) {
            show(null, List.of()); // another gateway's prices are not this plan's
        }
        boolean loaded = demoCatalogUrl != null && demoCatalogUrl.equals(catalog.baseUrlProperty().get()) && demo.isRunning();
        if (!target.isDemo() || loaded || (loading.get() && loadingDemo)) {
            return;
        }
        start(target, true, BackgroundTask.of(cancel -> {
            String url = demo.ensureStarted();
            List<String> ids = checker.listModels(url, demo.demoKey(), cancel).models().stream().map(ModelInfo::id).toList();
            List<ModelPrice> list = usage.adapter(Endpoint.demo(url), demo.demoKey()).prices();
            return new DemoCatalog(url, ids, list);
        }).onSuccess(c -> {
            demoCatalogUrl = c.baseUrl();
            catalog.update(c.baseUrl(), c.modelIds());
            show(c.baseUrl(), c.prices());
        }).onError(e -> say.accept("The demo gateway's catalog did not load: " + e.getMessage(), Tone.WARNING)));
    }

    /** What this step loads from the demo gateway by itself. */
    private record DemoCatalog(String baseUrl, List<String> modelIds, List<ModelPrice> prices) {
    }

    private void start(Endpoint target, boolean demoCatalog, BackgroundTask<?> task) {
        loading.set(true);
        loadingFor = target;
        loadingDemo = demoCatalog;
        loads.start(task.andFinally(this::finished));
    }

    private void finished() {
        loading.set(false);
        loadingFor = null;
        loadingDemo = false;
    }

    private void show(String from, List<ModelPrice> list) {
        pricesFrom = from;
        prices.clear();
        list.forEach(p -> prices.put(p.model(), p));
        onPrices.run();
    }
}
