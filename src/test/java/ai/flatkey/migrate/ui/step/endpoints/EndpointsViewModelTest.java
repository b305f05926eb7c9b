package ai.flatkey.migrate.ui.step.endpoints;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.Preset;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.secrets.Keychain;
import ai.flatkey.migrate.ui.StandInOsKeychain;
import ai.flatkey.migrate.secrets.MemoryKeychain;
import ai.flatkey.migrate.ui.StepFixtures;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.doc.TargetCatalog;
import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.FailureKind;
import ai.flatkey.migrate.wire.ModelInfo;
import ai.flatkey.migrate.wire.ModelList;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Step 2: validation, key references, the connection check, the demo preset, the keychain. */
class EndpointsViewModelTest extends StepFixtures {

    @Test
    void stepTwoValidatesAndStoresOnlyKeyReferences() {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("p"));
        KeyResolver keys = new KeyResolver(Map.<String, String>of()::get);
        EndpointsViewModel vm = endpoints(doc, keys, (u, k, c) -> { throw new AssertionError("no network here"); });
        assertThat(vm.presetProperty().get()).isEqualTo(Preset.FLATKEY);
        assertThat(vm.baseUrlProperty().get()).isEqualTo("https://router.flatkey.ai/v1");
        assertThat(vm.keyRef()).isEqualTo("env:FLATKEY_API_KEY");

        vm.baseUrlProperty().set("ftp://example.com");
        assertThat(vm.baseUrlErrorProperty().get()).contains("http");
        assertThat(vm.presetProperty().get()).isEqualTo(Preset.CUSTOM);
        assertThat(doc.plan().target().baseUrl()).isEqualTo("https://router.flatkey.ai/v1"); // invalid: not stored
        vm.baseUrlProperty().set("https://gw.example.com/v1/chat/completions");
        assertThat(vm.baseUrlErrorProperty().get()).contains("base URL only");
        vm.baseUrlProperty().set("https://gw.example.com");
        assertThat(vm.baseUrlErrorProperty().get()).isEmpty();
        assertThat(vm.baseUrlHintProperty().get()).contains("/v1");
        assertThat(doc.plan().target()).extracting(t -> t.preset(), t -> t.baseUrl()).containsExactly("custom", "https://gw.example.com");

        vm.envNameProperty().set("sk-fake-abcdefghijklmnopqrstuvwxyz0123456789");
        assertThat(vm.envNameErrorProperty().get()).contains("looks like the key");
        assertThat(doc.plan().target().keyRef()).isEqualTo("env:FLATKEY_API_KEY");

        vm.keyModeProperty().set(KeyMode.SESSION);
        vm.sessionKeyProperty().set("sk-test-typed-secret-0123456789abcdef");
        assertThat(doc.plan().target().keyRef()).isEqualTo("session");
        assertThat(keys.resolve("session")).contains("sk-test-typed-secret-0123456789abcdef");
        assertThat(new PlanStore().toJson(doc.plan())).doesNotContain("sk-typed-secret");
        assertThat(vm.keyStatusProperty().get()).doesNotContain("sk-test-typed-secret-0123456789abcdef");

        vm.sourceKeyRefProperty().set("sk-fake-proj-abcdefghijklmnopqrstuvwxyz0123");
        assertThat(vm.sourceKeyRefErrorProperty().get()).contains("looks like a key");
        assertThat(doc.plan().source().keyRef()).isEmpty();
        vm.sourceKeyRefProperty().set("env:OPENAI_API_KEY");
        assertThat(doc.plan().source().keyRef()).isEqualTo("env:OPENAI_API_KEY");
    }

    @Test
    void connectionCheckRunsOffTheUiThreadAndReportsSuccessOrTheDiagnosis() throws Exception {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("p"));
        KeyResolver keys = new KeyResolver(Map.of("FLATKEY_API_KEY", "sk-fk-0123456789abcdef")::get);
        AtomicInteger calls = new AtomicInteger();
        List<String> threads = new ArrayList<>();
        EndpointsViewModel vm = endpoints(doc, keys, (url, key, cancel) -> {
            threads.add(Thread.currentThread().getName());
            if (calls.incrementAndGet() == 1) {
                return new ModelList(List.of(new ModelInfo("gpt-5.5", "openai", 1), new ModelInfo("veo-3", "google", 1)), "req_1", 200, 123);
            }
            throw new ApiException(FailureKind.AUTHENTICATION, "The gateway rejected the key (401). Check FLATKEY_API_KEY.", 401, "req_2", "", null, null);
        });
        vm.checkConnection();
        assertThat(vm.checkStateProperty().get()).isEqualTo(CheckState.RUNNING);
        ui.runUntil(() -> vm.checkStateProperty().get() != CheckState.RUNNING);
        assertThat(vm.checkHeadlineProperty().get()).isEqualTo("Connected — 2 models (request id req_1, 123 ms)");
        assertThat(threads).doesNotContain(Thread.currentThread().getName());

        vm.checkConnection();
        ui.runUntil(() -> vm.checkStateProperty().get() != CheckState.RUNNING);
        assertThat(vm.checkStateProperty().get()).isEqualTo(CheckState.FAILURE);
        assertThat(vm.checkHeadlineProperty().get()).contains("AUTHENTICATION").contains("401");
        assertThat(vm.checkDetailProperty().get()).contains("rejected the key");

        // no key at all: a clear message, no network call
        vm.envNameProperty().set("MISSING_KEY");
        vm.checkConnection();
        assertThat(vm.checkStateProperty().get()).isEqualTo(CheckState.FAILURE);
        assertThat(vm.checkDetailProperty().get()).contains("MISSING_KEY is not set");
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void choosingTheDemoPresetStartsItAndFillsUrlAndDemoRef() throws Exception {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("p"));
        KeyResolver keys = new KeyResolver(Map.<String, String>of()::get);
        FakeDemo demo = new FakeDemo();
        EndpointsViewModel vm = new EndpointsViewModel(doc, keys, (u, k, c) -> null, demo, bg, new TargetCatalog(), () -> new MemoryKeychain("memory (test)"));
        vm.presetProperty().set(Preset.DEMO);
        assertThat(vm.demoStartingProperty().get()).isTrue();
        ui.runUntil(() -> !vm.demoStartingProperty().get());
        assertThat(doc.plan().target()).isEqualTo(new ai.flatkey.migrate.plan.Endpoint("demo", "http://127.0.0.1:4242/v1", "demo"));
        assertThat(keys.resolve("demo")).contains("sk-demo");
        assertThat(demo.startedOn).isNotEqualTo(Thread.currentThread().getName());
    }

    // ---- keychain ----

    @Test
    void aTypedKeyGoesIntoTheKeychainAndThePlanKeepsOnlyTheReference() throws Exception {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("p"));
        KeyResolver keys = new KeyResolver(k -> null);
        Keychain keychain = new StandInOsKeychain("a keychain that keeps keys (test)");
        EndpointsViewModel vm = new EndpointsViewModel(doc, keys, (u, k, c) -> {
            throw new AssertionError("no network");
        }, new NoDemo(), bg, new TargetCatalog(), () -> keychain);
        vm.keyModeProperty().set(KeyMode.SESSION);
        vm.sessionKeyProperty().set("sk-test-keychain-0123456789abcdef");
        vm.keychainNameProperty().set("flatkey-test");
        vm.saveToKeychain();
        ui.runUntil(() -> !vm.keychainBusyProperty().get() && vm.keyModeProperty().get() == KeyMode.KEYCHAIN);
        assertThat(keychain.read("flatkey-test")).contains("sk-test-keychain-0123456789abcdef");
        assertThat(doc.plan().target().keyRef()).isEqualTo("keychain:flatkey-test");
        assertThat(new PlanStore().toJson(doc.plan())).doesNotContain("sk-test-keychain");
        assertThat(vm.keyStatusProperty().get()).contains("Saved in a keychain that keeps keys (test)").doesNotContain("0123456789abcdef");

        // a fresh session reading the same plan loads it from the keychain
        KeyResolver fresh = new KeyResolver(k -> null);
        PlanDocument doc2 = new PlanDocument(doc.plan());
        EndpointsViewModel vm2 = new EndpointsViewModel(doc2, fresh, (u, k, c) -> {
            throw new AssertionError("no network");
        }, new NoDemo(), bg, new TargetCatalog(), () -> keychain);
        assertThat(vm2.keyModeProperty().get()).isEqualTo(KeyMode.KEYCHAIN);
        ui.runUntil(() -> fresh.resolve("keychain:flatkey-test").isPresent());
        vm2.keychainNameProperty().set("sk-fake-abcdefghijklmnopqrstuvwxyz0123456789");
        assertThat(vm2.keyStatusProperty().get()).contains("looks like the key");
    }
}
