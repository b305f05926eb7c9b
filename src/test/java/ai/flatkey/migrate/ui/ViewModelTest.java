package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.secrets.MemoryKeychain;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.smoke.SmokeListener;
import ai.flatkey.migrate.smoke.Target;
import ai.flatkey.migrate.ui.doc.Dialogs;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.doc.Prefs;
import ai.flatkey.migrate.ui.doc.TargetCatalog;
import ai.flatkey.migrate.ui.services.DemoHost;
import ai.flatkey.migrate.smoke.SmokeService;
import ai.flatkey.migrate.ui.step.checklist.ChecklistViewModel;
import ai.flatkey.migrate.ui.step.endpoints.CheckState;
import ai.flatkey.migrate.ui.step.endpoints.EndpointsViewModel;
import ai.flatkey.migrate.ui.step.endpoints.KeyMode;
import ai.flatkey.migrate.plan.Preset;
import ai.flatkey.migrate.ui.step.inventory.InventoryViewModel;
import ai.flatkey.migrate.ui.step.smoke.SmokeViewModel;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.Tone;
import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.FailureKind;
import ai.flatkey.migrate.wire.ModelInfo;
import ai.flatkey.migrate.wire.ModelList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** ViewModels without a robot or a window: the test thread plays the UI thread through {@link QueueBridge}. */
class ViewModelTest {

    @TempDir
    Path tmp;

    private final ExecutorService exec = Executors.newCachedThreadPool();
    private final QueueBridge ui = new QueueBridge();
    private final Background bg = new Background(exec, ui);

    @AfterEach
    void stop() throws InterruptedException {
        exec.shutdownNow();
        // Background saves (plan, preferences) write into the temp dir: let them end before it is deleted.
        if (!exec.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("background work did not stop within 10 s");
        }
    }

    // ---- document: dirty tracking and title ----

    @Test
    void titleShowsNameAndUnsavedMarkerOnlyForRealChanges() {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("Bot"));
        assertThat(doc.titleProperty().get()).isEqualTo("Bot — Flatkey Migration Assistant");
        doc.edit(p -> p.withName("Bot"));
        assertThat(doc.isDirty()).isFalse();
        doc.edit(p -> p.withName("Bot 2"));
        assertThat(doc.isDirty()).isTrue();
        assertThat(doc.titleProperty().get()).isEqualTo("Bot 2 • — Flatkey Migration Assistant");
        MigrationPlan original = doc.plan();
        doc.markSaved(original, original.withUpdatedAt("t"), tmp.resolve("a.json"));
        assertThat(doc.isDirty()).isFalse();
        assertThat(doc.titleProperty().get()).isEqualTo("Bot 2 — Flatkey Migration Assistant");
        // an edit made while a save was running keeps the plan dirty
        MigrationPlan before = doc.plan();
        doc.edit(p -> p.withName("Bot 3"));
        doc.markSaved(before, before.withUpdatedAt("t2"), tmp.resolve("a.json"));
        assertThat(doc.isDirty()).isTrue();
        assertThat(doc.plan().name()).isEqualTo("Bot 3");
    }

    // ---- step 2 ----

    private EndpointsViewModel endpoints(PlanDocument doc, KeyResolver keys, ai.flatkey.migrate.ui.services.ConnectionChecker checker) {
        return new EndpointsViewModel(doc, keys, checker, new FakeDemo(), bg, new TargetCatalog(), () -> new MemoryKeychain("memory (test)"));
    }

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

    // ---- step 1 ----

    @Test
    void inventoryKeepsThePreviousValueWhileANumberIsInvalid() {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("p"));
        InventoryViewModel vm = new InventoryViewModel(doc);
        vm.temperature.set("0.7");
        assertThat(doc.plan().inventory().parameters().temperature()).isEqualTo(0.7);
        vm.temperature.set("7");
        assertThat(vm.temperatureError.get()).contains("0 to 2");
        assertThat(doc.plan().inventory().parameters().temperature()).isEqualTo(0.7);
        vm.retries.set("-1");
        assertThat(vm.retriesError.get()).isNotEmpty();
        vm.fallbackModels.set("a, b  c");
        assertThat(doc.plan().inventory().fallbackModels()).containsExactly("a", "b", "c");
        vm.sdk.set("Node openai");
        vm.endpoint("chat").set(true);
        vm.productionModel.set("gpt-4o");
        assertThat(doc.plan().inventory().isDocumented()).isTrue();
    }

    // ---- step 4 ----

    @Test
    void smokeTokensAreCoalescedPerPulseAndTheRunIsStoredInThePlan() throws Exception {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("p").withTarget(
                new ai.flatkey.migrate.plan.Endpoint("custom", "http://gw.test/v1", "")).withMappings(
                List.of(new ModelMapping("a", "m1", List.of("chat", "streaming"), ""))));
        Check stream = new Check("streaming:m1", "streaming", "m1", "Streaming chat with m1");
        CountDownLatch release = new CountDownLatch(1);
        SmokeService fake = new SmokeService() {
            @Override
            public List<Check> derive(MigrationPlan plan) {
                return List.of(stream);
            }

            @Override
            public CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, Target source, ai.flatkey.migrate.smoke.SuiteOptions options,
                                                   SmokeListener l, Cancellation cancel) {
                return CompletableFuture.supplyAsync(() -> {
                    l.onStarted(stream);
                    for (int i = 0; i < 1000; i++) {
                        l.onToken(stream, i % 100 == 99 ? "w\n" : "w ");
                    }
                    try {
                        release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    CheckResult r = new CheckResult(stream.id(), "streaming", "m1", Verdict.PASS, "", "", "req_9", 12L, 80L, 5, 1000, 1005, "", "curl …");
                    l.onFinished(stream, r);
                    return new SmokeRun("2026-06-11T09:00:00Z", target.baseUrl(), List.of(r));
                }, exec);
            }
        };
        SmokeViewModel vm = new SmokeViewModel(doc, new KeyResolver(k -> null), fake, bg);
        vm.run();
        assertThat(vm.runningProperty().get()).isTrue();
        assertThat(ui.registeredFlushes()).isEqualTo(1);
        // wait until all 1000 tokens are buffered, then one pulse applies them at once
        ui.runUntil(() -> vm.outputLines().size() == 11);
        assertThat(ui.pulses()).isLessThan(1000);
        assertThat(String.join("\n", vm.outputLines())).hasSize(2000);
        assertThat(vm.rows()).singleElement().satisfies(r -> assertThat(r.statusProperty().get()).isEqualTo("running"));
        assertThat(vm.rows().get(0).statusToneProperty().get()).isEqualTo(Tone.ACCENT);
        release.countDown();
        ui.runUntil(() -> !vm.runningProperty().get());
        assertThat(ui.registeredFlushes()).isZero();
        assertThat(vm.rows().get(0).statusProperty().get()).isEqualTo("pass");
        assertThat(vm.rows().get(0).statusToneProperty().get()).isEqualTo(Tone.SUCCESS);
        assertThat(vm.rows().get(0).requestIdProperty().get()).isEqualTo("req_9");
        assertThat(doc.isDirty()).isTrue();
        assertThat(doc.plan().smokeRuns()).hasSize(1);
        assertThat(vm.curlFor(vm.rows().get(0))).isEqualTo("curl …");
    }

    // ---- shell: open / save / close ----

    private WizardViewModel wizard(PlanDocument doc, FakeFileDialogs files, FakeDialogs dialogs) {
        return new WizardViewModel(doc, new PlanStore(), files, dialogs, new Prefs(tmp.resolve("cfg")), Prefs.Snapshot.empty(), bg,
                Clock.fixed(Instant.parse("2026-06-11T09:00:00Z"), ZoneOffset.UTC), true);
    }

    @Test
    void theDemoHintLeavesTheStatusBarOnceThePersonMovesOn() throws Exception {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("Mine"));
        WizardViewModel vm = wizard(doc, new FakeFileDialogs(), new FakeDialogs(Dialogs.UnsavedChoice.DISCARD));
        vm.newPlan();
        assertThat(vm.statusProperty().get()).startsWith("New plan.");
        vm.newDemoMigration();
        ui.runUntil(() -> doc.plan().name().startsWith("Demo:"));
        assertThat(vm.currentProperty().get()).isEqualTo(Step.ENDPOINTS);
        assertThat(vm.statusProperty().get()).contains("Check the connection, then run step 4");
        vm.go(Step.SMOKE);
        assertThat(vm.statusProperty().get()).doesNotContain("Check the connection").doesNotContain("New plan");
        // a message that is not a hint stays when the person moves on
        Path file = tmp.resolve("demo.json");
        WizardViewModel saving = wizard(doc, new FakeFileDialogs().answer(file), new FakeDialogs(Dialogs.UnsavedChoice.CANCEL));
        saving.go(Step.SMOKE);
        saving.saveAs();
        ui.runUntil(() -> saving.statusProperty().get().startsWith("Saved to"));
        saving.go(Step.VERIFY);
        assertThat(saving.statusProperty().get()).startsWith("Saved to");
        // a hint also goes with the first edit
        saving.newDemoMigration();
        ui.runUntil(() -> saving.statusProperty().get().startsWith("Demo migration"));
        doc.edit(p -> p.withName("Edited demo"));
        assertThat(saving.statusProperty().get()).isEmpty();
    }

    @Test
    void openingTheDemoAndStartingItsGatewayLeavesThePlanSaved() throws Exception {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("Mine"));
        WizardViewModel wizard = wizard(doc, new FakeFileDialogs(), new FakeDialogs(Dialogs.UnsavedChoice.DISCARD));
        KeyResolver keys = new KeyResolver(Map.<String, String>of()::get);
        EndpointsViewModel endpoints = endpoints(doc, keys, (u, k, c) -> { throw new AssertionError("no network here"); });
        wizard.newDemoMigration();
        ui.runUntil(() -> doc.plan().target().baseUrl().equals("http://127.0.0.1:4242/v1"));
        assertThat(doc.plan().target()).isEqualTo(new ai.flatkey.migrate.plan.Endpoint("demo", "http://127.0.0.1:4242/v1", "demo"));
        assertThat(endpoints.demoStartingProperty().get()).isFalse();
        assertThat(doc.isDirty()).isFalse();
        assertThat(doc.titleProperty().get()).doesNotContain("•");
        // closing asks nothing: there is nothing to save
        AtomicInteger closed = new AtomicInteger();
        FakeDialogs ask = new FakeDialogs(Dialogs.UnsavedChoice.CANCEL);
        wizard(doc, new FakeFileDialogs(), ask).requestClose(closed::incrementAndGet);
        assertThat(ask.asked).isZero();
        assertThat(closed.get()).isEqualTo(1);
        // a real edit still counts, and so does choosing the demo gateway for a plan that targeted something else
        endpoints.sourceBaseUrlProperty().set("https://api.openai.com/v2");
        assertThat(doc.isDirty()).isTrue();
        PlanDocument other = new PlanDocument(MigrationPlan.newPlan("Flatkey plan"));
        EndpointsViewModel chooser = endpoints(other, keys, (u, k, c) -> null);
        chooser.presetProperty().set(Preset.DEMO);
        ui.runUntil(() -> !chooser.demoStartingProperty().get());
        assertThat(other.plan().target().baseUrl()).isEqualTo("http://127.0.0.1:4242/v1");
        assertThat(other.isDirty()).isTrue();
    }

    @Test
    void openingAPlanWithAStageDateThatIsNotADateSaysWhichAndKeepsIt() throws Exception {
        Path file = tmp.resolve("typed.json");
        Files.writeString(file, "{\"schemaVersion\": 3, \"name\": \"Typed\", \"rollout\": [{\"name\": \"Ramp up\", \"gate\": \"g\","
                + " \"status\": \"OPEN\", \"note\": \"\", \"owner\": \"Ops\", \"date\": \"soon\"}]}");
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("Mine"));
        FakeDialogs dialogs = new FakeDialogs(Dialogs.UnsavedChoice.CANCEL);
        WizardViewModel vm = wizard(doc, new FakeFileDialogs().answer(file), dialogs);
        vm.open();
        ui.runUntil(() -> doc.plan().name().equals("Typed"));
        assertThat(vm.statusProperty().get()).contains("Opened", "\u201cRamp up\u201d", "\u201csoon\u201d is not a date", "YYYY-MM-DD");
        assertThat(doc.plan().rollout().get(0).date()).isEqualTo("soon");
        assertThat(doc.isDirty()).isFalse();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void openingADamagedPlanShowsTheStoreMessageAndChangesNothing() throws Exception {
        Path bad = tmp.resolve("bad.json");
        byte[] bytes = "not a plan".getBytes(StandardCharsets.UTF_8);
        Files.write(bad, bytes);
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("Mine"));
        FakeDialogs dialogs = new FakeDialogs(Dialogs.UnsavedChoice.CANCEL);
        WizardViewModel vm = wizard(doc, new FakeFileDialogs().answer(bad), dialogs);
        vm.open();
        ui.runUntil(() -> !dialogs.errors.isEmpty());
        assertThat(dialogs.errors.get(0)).contains("bad.json").contains("left untouched");
        assertThat(doc.plan().name()).isEqualTo("Mine");
        assertThat(doc.file()).isNull();
        assertThat(Files.readAllBytes(bad)).isEqualTo(bytes);
        assertThat(vm.recent()).isEmpty();
    }

    @Test
    void aPlanFromANewerVersionOpensReadOnlyAndSaveNeverOverwritesIt() throws Exception {
        Path newer = tmp.resolve("newer.json");
        String text = "{\"schemaVersion\": 99, \"name\": \"From the future\"}";
        Files.writeString(newer, text);
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("Mine"));
        FakeDialogs dialogs = new FakeDialogs(Dialogs.UnsavedChoice.CANCEL);
        Path elsewhere = tmp.resolve("copy.json");
        WizardViewModel vm = wizard(doc, new FakeFileDialogs().answer(newer).answer(elsewhere), dialogs);
        vm.open();
        ui.runUntil(() -> !dialogs.errors.isEmpty());
        assertThat(dialogs.errors.get(0)).contains("newer version", "read-only");
        assertThat(doc.plan().name()).isEqualTo("From the future");
        assertThat(doc.file()).isNull();
        vm.save();
        ui.runUntil(() -> Files.exists(elsewhere));
        assertThat(Files.readString(newer)).isEqualTo(text);
    }

    @Test
    void closingWithUnsavedChangesAsksAndHonoursTheAnswer() throws Exception {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("Mine"));
        doc.edit(p -> p.withName("Changed"));
        AtomicInteger closed = new AtomicInteger();

        FakeDialogs cancel = new FakeDialogs(Dialogs.UnsavedChoice.CANCEL);
        wizard(doc, new FakeFileDialogs(), cancel).requestClose(closed::incrementAndGet);
        assertThat(cancel.asked).isEqualTo(1);
        assertThat(closed.get()).isZero();

        Path file = tmp.resolve("plans/changed.json");
        FakeDialogs save = new FakeDialogs(Dialogs.UnsavedChoice.SAVE);
        wizard(doc, new FakeFileDialogs().answer(file), save).requestClose(closed::incrementAndGet);
        ui.runUntil(() -> closed.get() == 1);
        assertThat(doc.isDirty()).isFalse();
        assertThat(new PlanStore().load(file).name()).isEqualTo("Changed");
        assertThat(new PlanStore().load(file).updatedAt()).isEqualTo("2026-06-11T09:00:00Z");
        assertThat(new Prefs(tmp.resolve("cfg")).load().recent()).isNotNull();

        doc.edit(p -> p.withName("Again"));
        FakeDialogs discard = new FakeDialogs(Dialogs.UnsavedChoice.DISCARD);
        wizard(doc, new FakeFileDialogs(), discard).requestClose(closed::incrementAndGet);
        assertThat(closed.get()).isEqualTo(2);
        assertThat(new PlanStore().load(file).name()).isEqualTo("Changed");
    }

    // ---- step 7 ----

    @Test
    void checklistStatusAndNoteGoIntoThePlanAndExportWritesTheMarkdown() throws Exception {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("Export me"));
        Path out = tmp.resolve("x/checklist.md");
        ChecklistViewModel vm = new ChecklistViewModel(doc, p -> "# " + p.name() + "\n", new FakeFileDialogs().answer(out), bg);
        var quota = vm.rows().stream().filter(r -> r.id().equals("quota")).findFirst().orElseThrow();
        assertThat(quota.statusToneProperty().getValue()).isEqualTo(Tone.WARNING);
        quota.statusProperty().set(ItemStatus.DONE);
        assertThat(quota.statusToneProperty().getValue()).isEqualTo(Tone.SUCCESS);
        quota.noteProperty().set("limit 5 USD");
        assertThat(doc.plan().checklistItem("quota")).isEqualTo(new ai.flatkey.migrate.plan.ChecklistItem("quota", ItemStatus.DONE, "limit 5 USD"));
        assertThat(vm.suggestedName()).isEqualTo("export-me-checklist.md");
        vm.exportMarkdown();
        ui.runUntil(() -> !vm.exportingProperty().get());
        assertThat(Files.readString(out)).isEqualTo("# Export me\n");
        assertThat(vm.exportMessageProperty().get()).contains(out.toAbsolutePath().toString());
    }

    // ---- fakes ----

    static final class FakeDemo implements DemoHost {
        volatile String startedOn;

        @Override
        public String ensureStarted() {
            startedOn = Thread.currentThread().getName();
            return "http://127.0.0.1:4242/v1";
        }

        @Override
        public String demoKey() {
            return "sk-demo";
        }

        @Override
        public boolean isRunning() {
            return startedOn != null;
        }

        @Override
        public void close() {
        }
    }

    static final class FakeDialogs implements Dialogs {
        final Dialogs.UnsavedChoice answer;
        final List<String> errors = new ArrayList<>();
        int asked;

        FakeDialogs(Dialogs.UnsavedChoice answer) {
            this.answer = answer;
        }

        @Override
        public void showError(String title, String message) {
            errors.add(message);
        }

        @Override
        public Dialogs.UnsavedChoice askUnsaved(String planName, String action) {
            asked++;
            return answer;
        }
    }
}
