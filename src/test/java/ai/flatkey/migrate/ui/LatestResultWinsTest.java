package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.secrets.MemoryKeychain;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.doc.TargetCatalog;
import ai.flatkey.migrate.ui.services.ConnectionChecker;
import ai.flatkey.migrate.ui.step.endpoints.CheckState;
import ai.flatkey.migrate.ui.step.endpoints.EndpointsViewModel;
import ai.flatkey.migrate.ui.step.mapping.MappingViewModel;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.Tone;
import ai.flatkey.migrate.ui.support.UiBridge;
import ai.flatkey.migrate.usage.ModelPrice;
import ai.flatkey.migrate.usage.Reconciler;
import ai.flatkey.migrate.usage.UsageAdapter;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.ModelInfo;
import ai.flatkey.migrate.wire.ModelList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ViewModel's background task of one kind is replaced by a newer one: the older one's request is cancelled and its
 * result, arriving late, never reaches the UI. Step 2's connection check and step 3's price loads.
 */
class LatestResultWinsTest {

    private final ExecutorService exec = Executors.newCachedThreadPool();
    private final Posts ui = new Posts();

    // ---- step 2: the connection check ----

    private final CountDownLatch firstMayAnswer = new CountDownLatch(1);
    private final List<Cancellation> requests = new CopyOnWriteArrayList<>();
    private final TargetCatalog catalog = new TargetCatalog();

    /** The first request waits for {@link #firstMayAnswer} and then lists "old-model"; later ones list "new-model". */
    private final ConnectionChecker checker = (url, key, cancel) -> {
        requests.add(cancel);
        if (requests.size() == 1) {
            awaitQuietly(firstMayAnswer);
            return new ModelList(List.of(new ModelInfo("old-model", "x", 1)), "req_old", 200, 5);
        }
        return new ModelList(List.of(new ModelInfo("new-model", "x", 1)), "req_new", 200, 5);
    };

    @AfterEach
    void stop() throws InterruptedException {
        firstMayAnswer.countDown();
        oldMayAnswer.countDown();
        exec.shutdownNow();
        assertThat(exec.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aSecondCheckStartedBeforeTheFirstReturnsShowsOnlyTheSecondsResult() throws Exception {
        EndpointsViewModel vm = endpoints();
        vm.checkConnection();
        await(requests, 1);
        vm.baseUrlProperty().set("https://gw2.example.com/v1"); // the target changed: the first check is stale
        assertThat(requests.get(0).isCancelled()).as("the first request is cancelled").isTrue();
        vm.checkConnection();
        ui.runNext();
        assertThat(vm.checkStateProperty().get()).isEqualTo(CheckState.SUCCESS);
        assertThat(vm.checkHeadlineProperty().get()).contains("req_new");

        firstMayAnswer.countDown();
        ui.runNext(); // the first check's late answer arrives on the UI thread ...
        assertThat(vm.checkStateProperty().get()).isEqualTo(CheckState.SUCCESS);
        assertThat(vm.checkHeadlineProperty().get()).as("... and is dropped").contains("req_new");
        assertThat(catalog.modelIds()).containsExactly("new-model");
        assertThat(catalog.baseUrlProperty().get()).isEqualTo("https://gw2.example.com/v1");
    }

    @Test
    void aCancelledCheckStopsAtOnceAndItsLateResultNeverShows() throws Exception {
        EndpointsViewModel vm = endpoints();
        vm.checkConnection();
        await(requests, 1);
        vm.cancelCheck();
        assertThat(requests.get(0).isCancelled()).isTrue();
        assertThat(vm.checkStateProperty().get()).isEqualTo(CheckState.IDLE);
        assertThat(vm.checkHeadlineProperty().get()).isEqualTo("Check cancelled");
        assertThat(vm.canCheckProperty().get()).isTrue();

        firstMayAnswer.countDown();
        ui.runNext();
        assertThat(vm.checkHeadlineProperty().get()).isEqualTo("Check cancelled");
        assertThat(catalog.isKnown()).isFalse();
    }

    private EndpointsViewModel endpoints() {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("p"));
        KeyResolver keys = new KeyResolver(Map.of("FLATKEY_API_KEY", "sk-fk-0123456789abcdef")::get);
        return new EndpointsViewModel(doc, keys, checker, new StepFixtures.NoDemo(), new Background(exec, ui), catalog,
                () -> new MemoryKeychain("memory (test)"));
    }

    /** Waits until {@code list} has {@code n} entries (the background work got that far). */
    private static void await(List<?> list, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (list.size() < n) {
            assertThat(System.nanoTime()).as("%d calls within 10 s", n).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    // ---- step 3: the gateway's prices ----

    private static final Endpoint OLD = new Endpoint("custom", "http://old.test/v1", "env:GW_KEY");
    private static final Endpoint NEW = new Endpoint("custom", "http://new.test/v1", "env:GW_KEY");

    private final CountDownLatch oldMayAnswer = new CountDownLatch(1);
    private final List<String> asked = new CopyOnWriteArrayList<>();

    @Test
    void aPlanWithAnotherTargetDropsThePriceLoadStillRunningForTheOldOne() throws Exception {
        PlanDocument doc = new PlanDocument(plan(OLD));
        MappingViewModel vm = new MappingViewModel(doc, new TargetCatalog(), new FakeFileDialogs(), new Background(exec, ui),
                new KeyResolver(Map.of("GW_KEY", "sk-test-gw")::get), prices(), new StepFixtures.NoDemo(), (u, k, c) -> {
                    throw new AssertionError("no network");
                });
        vm.loadGatewayPrices();
        assertThat(vm.pricesLoadingProperty().get()).isTrue();
        await(asked, 1);

        doc.replace(plan(NEW), null);
        assertThat(vm.pricesLoadingProperty().get()).as("the old target's load is dropped").isFalse();
        vm.loadGatewayPrices();
        ui.runNext();
        assertThat(vm.pricesLoadingProperty().get()).isFalse();
        assertThat(vm.rows().get(0).gatewayPriceProperty().get()).isEqualTo("$3 / $4");
        assertThat(vm.messageProperty().get()).isEqualTo("Loaded 1 prices from the gateway.");
        assertThat(vm.messageToneProperty().get()).isEqualTo(Tone.SUCCESS);

        oldMayAnswer.countDown();
        ui.runNext(); // the old target's late prices arrive on the UI thread and are dropped
        assertThat(vm.rows().get(0).gatewayPriceProperty().get()).isEqualTo("$3 / $4");
        assertThat(vm.pricesLoadingProperty().get()).isFalse();
        assertThat(asked).containsExactly(OLD.baseUrl(), NEW.baseUrl());
    }

    private static MigrationPlan plan(Endpoint target) {
        return MigrationPlan.newPlan("p").withTarget(target)
                .withMappings(List.of(new ModelMapping("a", "m1", List.of("chat"), "")));
    }

    /** The old gateway answers only when allowed, with m1 at $1 / $2; the new one at once with m1 at $3 / $4. */
    private List<ModelPrice> pricesOf(Endpoint target) {
        asked.add(target.baseUrl());
        if (target.equals(OLD)) {
            awaitQuietly(oldMayAnswer);
            return List.of(new ModelPrice("m1", 1.0, 2.0, 0, "old"));
        }
        return List.of(new ModelPrice("m1", 3.0, 4.0, 0, "new"));
    }

    /** Usage with no adapter of its own (as {@link UsageService#manualOnly()}), but with {@link #pricesOf} for the prices. */
    private UsageService prices() {
        UsageService manual = UsageService.manualOnly();
        return new UsageService() {
            @Override
            public UsageAdapter adapter(Endpoint target, String key) {
                UsageAdapter plain = UsageAdapter.manual();
                return (UsageAdapter) Proxy.newProxyInstance(UsageAdapter.class.getClassLoader(), new Class<?>[]{UsageAdapter.class},
                        (proxy, method, args) -> method.getName().equals("prices") ? pricesOf(target) : method.invoke(plain, args));
            }

            @Override
            public Reconciler reconciler(UsageAdapter adapter, Cancellation cancel) {
                return manual.reconciler(adapter, cancel);
            }

            @Override
            public List<String> rateLimits(String baseUrl, String key, Cancellation cancel) {
                return manual.rateLimits(baseUrl, key, cancel);
            }
        };
    }

    // ---- helpers ----

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The test thread plays the UI thread: {@link #runNext()} waits for the next posted outcome and runs it. */
    static final class Posts implements UiBridge {
        private final LinkedBlockingQueue<Runnable> posted = new LinkedBlockingQueue<>();

        @Override
        public void post(Runnable task) {
            posted.add(task);
        }

        @Override
        public Registration onPulse(Runnable flush) {
            return () -> { };
        }

        void runNext() throws InterruptedException {
            Runnable next = posted.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("an outcome posted within 10 s").isNotNull();
            next.run();
        }
    }
}
