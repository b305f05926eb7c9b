package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.export.ClientSnippets;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Checklist;
import ai.flatkey.migrate.plan.ChecklistItem;
import ai.flatkey.migrate.plan.RolloutStage;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.plan.MappingCsv;
import ai.flatkey.migrate.plan.ModelSuggestions;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.Rollback;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.secrets.MemoryKeychain;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.smoke.Gates;
import ai.flatkey.migrate.smoke.SmokeListener;
import ai.flatkey.migrate.smoke.SuiteOptions;
import ai.flatkey.migrate.smoke.Target;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.doc.Prefs;
import ai.flatkey.migrate.ui.doc.Recovery;
import ai.flatkey.migrate.ui.doc.TargetCatalog;
import ai.flatkey.migrate.ui.services.DemoHost;
import ai.flatkey.migrate.smoke.SmokeService;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.ui.support.Notifier;
import ai.flatkey.migrate.ui.support.Tone;
import ai.flatkey.migrate.usage.Verification;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.ui.step.endpoints.EndpointsViewModel;
import ai.flatkey.migrate.ui.step.endpoints.KeyMode;
import ai.flatkey.migrate.ui.step.mapping.MappingViewModel;
import ai.flatkey.migrate.ui.step.rollout.RolloutViewModel;
import ai.flatkey.migrate.ui.step.rollout.StageRow;
import ai.flatkey.migrate.ui.step.smoke.Metrics;
import ai.flatkey.migrate.ui.step.smoke.SmokeViewModel;
import ai.flatkey.migrate.ui.step.verify.VerifyViewModel;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.theme.SystemTheme;
import ai.flatkey.migrate.ui.theme.ThemeMode;
import ai.flatkey.migrate.usage.KeyQuota;
import ai.flatkey.migrate.usage.LoggedRequest;
import ai.flatkey.migrate.usage.ModelPrice;
import ai.flatkey.migrate.usage.Reconciler;
import ai.flatkey.migrate.usage.UsageAdapter;
import ai.flatkey.migrate.wire.Cancellation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The steps' ViewModels beyond the basics: look, recovery, smoke options and budget, verify, rollout, keychain. */
class StepViewModelsTest {

    @TempDir
    Path tmp;

    private final ExecutorService exec = Executors.newCachedThreadPool();
    private final QueueBridge ui = new QueueBridge();
    private final Background bg = new Background(exec, ui);
    private final Clock clock = Clock.fixed(Instant.parse("2026-06-11T09:00:00Z"), ZoneOffset.UTC);

    @AfterEach
    void stop() throws InterruptedException {
        exec.shutdownNow();
        // Background saves (autosave, preferences) write into the temp dir: let them end before it is deleted.
        if (!exec.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("background work did not stop within 10 s");
        }
    }

    // ---- look, start screen, recovery ----

    @Test
    void themeChoiceFollowsTheOsUntilToggledAndIsRemembered() throws Exception {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("p"));
        Prefs prefs = new Prefs(tmp.resolve("cfg"));
        WizardViewModel vm = wizard(doc, prefs, Prefs.Snapshot.empty());
        vm.systemPrefersDarkProperty().set(true);
        assertThat(vm.themeModeProperty().get()).isEqualTo(ThemeMode.SYSTEM);
        assertThat(vm.darkProperty().get()).isTrue();
        vm.systemPrefersDarkProperty().set(false);
        assertThat(vm.darkProperty().get()).isFalse();
        vm.toggleDark();
        assertThat(vm.themeModeProperty().get()).isEqualTo(ThemeMode.DARK);
        ui.runUntil(() -> Files.exists(prefs.file()) && prefs.load().theme().equals("dark"));
        WizardViewModel again = wizard(doc, prefs, prefs.load());
        assertThat(again.darkProperty().get()).isTrue();
        assertThat(ThemeMode.parse("nonsense")).isEqualTo(ThemeMode.SYSTEM);
    }

    @Test
    void systemThemeProbeReadsGtkThemeThenGnomeColorScheme() {
        assertThat(new SystemTheme(Map.of("GTK_THEME", "Adwaita:dark")::get, "Linux", c -> Optional.empty()).prefersDark()).contains(true);
        assertThat(new SystemTheme(k -> null, "Linux", c -> Optional.of("'prefer-dark'")).prefersDark()).contains(true);
        assertThat(new SystemTheme(k -> null, "Linux", c -> Optional.of("'default'")).prefersDark()).contains(false);
        assertThat(new SystemTheme(k -> null, "Linux", c -> Optional.empty()).prefersDark()).isEmpty();
        assertThat(new SystemTheme(k -> null, "Mac OS X", c -> Optional.of("Dark")).prefersDark()).contains(true);
        assertThat(new SystemTheme(k -> null, "Windows 11", c -> Optional.of("AppsUseLightTheme    REG_DWORD    0x0")).prefersDark()).contains(true);
    }

    @Test
    void startScreenGivesWayToANewPlanAndUnsavedWorkIsRecoveredNextTime() throws Exception {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("p"));
        Path cfg = tmp.resolve("cfg");
        WizardViewModel vm = wizard(doc, new Prefs(cfg), Prefs.Snapshot.empty());
        Recovery recovery = new Recovery(cfg, new PlanStore(), clock);
        vm.useRecovery(recovery);
        assertThat(vm.startShownProperty().get()).isTrue();
        vm.newPlan();
        assertThat(vm.startShownProperty().get()).isFalse();
        doc.edit(p -> p.withName("Half-typed plan").withTarget(new Endpoint("custom", "https://gw.test/v1", "env:GW_KEY")));
        ui.runUntil(() -> Files.exists(recovery.planFile()));
        ui.runUntil(() -> {
            try {
                return recovery.find().map(f -> f.plan().name().equals("Half-typed plan")).orElse(false);
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(Files.readString(recovery.planFile())).doesNotContain("sk-");

        // next session: the start screen offers it
        PlanDocument doc2 = new PlanDocument(MigrationPlan.newPlan("Untitled migration"));
        WizardViewModel next = wizard(doc2, new Prefs(cfg), Prefs.Snapshot.empty());
        next.useRecovery(new Recovery(cfg, new PlanStore(), clock));
        ui.runUntil(() -> next.recoverableProperty().get() != null);
        next.recover();
        assertThat(doc2.plan().name()).isEqualTo("Half-typed plan");
        assertThat(doc2.isDirty()).isTrue();
        assertThat(next.startShownProperty().get()).isFalse();
        next.closedCleanly();
        assertThat(Files.exists(recovery.planFile())).isFalse();
    }

    @Test
    void aDamagedRecoveryFileIsMovedAsideNotOffered() throws Exception {
        Path cfg = tmp.resolve("cfg");
        Files.createDirectories(cfg);
        Recovery recovery = new Recovery(cfg, new PlanStore(), clock);
        Files.writeString(recovery.planFile(), "{ not json");
        assertThat(recovery.find()).isEmpty();
        assertThat(Files.exists(recovery.planFile())).isFalse();
        try (var files = Files.list(cfg)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("recovery-damaged-"));
        }
    }

    // ---- step 4: options, budget, reconciliation, snippets ----

    @Test
    void smokeAsksBeforeRunningOverBudgetThenRunsAndReconciles() throws Exception {
        PlanDocument doc = new PlanDocument(plan().withBudgetUsd(0.000001));
        FakeSmoke smoke = new FakeSmoke();
        FakeUsage usage = new FakeUsage();
        SmokeViewModel vm = new SmokeViewModel(doc, new SuiteRun(smoke, new Verification(usage), keys()), bg, new Notifier());
        vm.repeat.set("0");
        assertThat(vm.repeatError.get()).contains("1 to 100");
        vm.run();
        assertThat(vm.summaryProperty().get()).contains("Repeat");
        vm.repeat.set("2");
        vm.run();
        ui.runUntil(() -> !vm.budgetWarningProperty().get().isEmpty());
        assertThat(vm.budgetWarningProperty().get()).contains("over the plan's budget");
        assertThat(smoke.runs).isEmpty();
        assertThat(vm.runningProperty().get()).isFalse();

        vm.runAnyway();
        ui.runUntil(() -> !vm.runningProperty().get() && !vm.reconcilingProperty().get() && doc.plan().reconciliation() != null);
        assertThat(smoke.runs).singleElement().satisfies(o -> assertThat(o.repeat()).isEqualTo(2));
        Reconciliation rec = doc.plan().latestReconciliation().orElseThrow();
        assertThat(rec.count(Reconciliation.Status.MATCH)).isEqualTo(1);
        assertThat(rec.quotaBefore()).isEqualTo(10.0);
        assertThat(rec.rateLimits()).containsExactly("requests: 59 of 60 left, full again in 1s");
        assertThat(vm.rows()).singleElement().satisfies(r -> {
            assertThat(r.costProperty().get()).isEqualTo("$0.000110");
            assertThat(r.tpsProperty().get()).isEqualTo("50/s");
        });
        assertThat(vm.groupedRows()).hasSize(2).first().satisfies(g -> assertThat(g.isGroup()).isTrue());
        assertThat(vm.latency()).singleElement().satisfies(l -> assertThat(l.model()).isEqualTo("m1"));
    }

    @Test
    void runOneSelectsOnlyThatCheckAndSnippetsUseTheRunbooksVariables() throws Exception {
        PlanDocument doc = new PlanDocument(plan());
        FakeSmoke smoke = new FakeSmoke();
        SmokeViewModel vm = new SmokeViewModel(doc, keys(), smoke, bg);
        vm.run();
        ui.runUntil(() -> !vm.runningProperty().get() && doc.plan().latestRun().isPresent());
        vm.runOne(vm.rows().get(0));
        ui.runUntil(() -> smoke.runs.size() == 2 && !vm.runningProperty().get());
        assertThat(smoke.runs.get(1).checks()).isEqualTo("chat:m1");
        String py = vm.pythonFor(vm.rows().get(0));
        assertThat(py).contains("os.environ.get(\"OPENAI_BASE_URL\", \"http://gw.test/v1\")").contains("FLATKEY_API_KEY").contains("FLATKEY_MODEL\", \"m1\"");
        assertThat(vm.nodeFor(vm.rows().get(0))).contains("process.env.FLATKEY_API_KEY").contains("baseURL: process.env.OPENAI_BASE_URL");
        assertThat(ClientSnippets.python(doc.plan(), "m", "streaming")).contains("stream=True").contains("include_usage");
        assertThat(py + vm.nodeFor(vm.rows().get(0))).doesNotContain("sk-");
    }

    @Test
    void compareWithoutACurrentProviderSaysWhatToSet() {
        PlanDocument doc = new PlanDocument(plan());
        SmokeViewModel vm = new SmokeViewModel(doc, keys(), new FakeSmoke(), bg);
        vm.compare.set(true);
        vm.run();
        assertThat(vm.summaryProperty().get()).contains("current provider's base URL");
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void aRunThatStopsRaisesANotificationThatSaysWhatToDo() throws Exception {
        PlanDocument doc = new PlanDocument(plan());
        SmokeService broken = new SmokeService() {
            @Override
            public List<Check> derive(MigrationPlan plan) {
                return List.of(new Check("chat:m1", "chat", "m1", "Chat completion"));
            }

            @Override
            public CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, Target source, ai.flatkey.migrate.smoke.SuiteOptions options,
                                                   SmokeListener l, Cancellation cancel) {
                return CompletableFuture.failedFuture(new java.io.IOException("connection reset by the gateway"));
            }
        };
        ai.flatkey.migrate.ui.support.Notifier notifier = new ai.flatkey.migrate.ui.support.Notifier();
        SmokeViewModel vm = new SmokeViewModel(doc, new SuiteRun(broken, new Verification(UsageService.manualOnly()), keys()), bg, notifier);
        vm.run();
        ui.runUntil(() -> !vm.runningProperty().get() && !notifier.notices().isEmpty());
        assertThat(notifier.notices()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(ai.flatkey.migrate.ui.support.Notifier.Kind.ERROR);
            assertThat(n.whatToDo()).contains("connection reset").contains("step 2");
        });
        assertThat(doc.plan().smokeRuns()).isEmpty();
        for (int i = 0; i < 6; i++) {
            notifier.info("n" + i, "x");
        }
        assertThat(notifier.notices()).hasSize(ai.flatkey.migrate.ui.support.Notifier.MAX);
    }

    @Test
    void failedCheckEvidenceNamesTheRule() {
        CheckResult r = new CheckResult("streaming:m1", "streaming", "m1", Verdict.FAIL, "STREAM-DONE",
                "The stream ended without [DONE].", "req_7", 10L, 90L, 3, 4, 7, "partial", "curl …");
        assertThat(Metrics.evidence(r)).contains("rule STREAM-DONE").contains("without [DONE]").contains("req_7").contains("partial");
        assertThat(Metrics.tokensPerSecond(r)).hasValueSatisfying(v -> assertThat(v).isEqualTo(50.0));
    }

    // ---- step 5 ----

    @Test
    void confirmationsNeedWhoAndEvidenceRefuseKeysAndMarkTheChecklist() {
        PlanDocument doc = new PlanDocument(plan());
        VerifyViewModel vm = new VerifyViewModel(doc, keys(), new Verification(new FakeUsage()), bg, clock);
        VerifyViewModel.ConfirmRow usageLog = vm.confirmRows().get(0);
        usageLog.confirm();
        assertThat(usageLog.stateProperty().get()).contains("Enter who");
        usageLog.who.set("Dana");
        usageLog.evidence.set("sk-fake-abcdefghijklmnopqrstuvwxyz0123456789");
        usageLog.confirm();
        assertThat(usageLog.stateProperty().get()).contains("looks like an API key");
        assertThat(doc.plan().confirmations()).isEmpty();
        usageLog.evidence.set("req_1 visible at 10:42");
        usageLog.confirm();
        assertThat(doc.plan().confirmations()).singleElement().satisfies(c -> {
            assertThat(c.who()).isEqualTo("Dana");
            assertThat(c.when()).isEqualTo("2026-06-11T09:00:00Z");
        });
        assertThat(doc.plan().checklistItem(Checklist.USAGE_LOG).status()).isEqualTo(ItemStatus.DONE);
        assertThat(usageLog.stateProperty().get()).isEqualTo("Confirmed by Dana on 2026-06-11 09:00 UTC.");
        VerifyViewModel.ConfirmRow routing = vm.confirmRows().get(3);
        routing.who.set("Dana");
        routing.evidence.set("EU region");
        routing.confirm();
        assertThat(doc.plan().confirmations()).extracting(c -> c.itemId()).containsExactly(Checklist.USAGE_LOG, "routing");
    }

    @Test
    void theRoutingConfirmationCountsForTheBaseUrlItem() {
        PlanDocument doc = new PlanDocument(plan());
        VerifyViewModel vm = new VerifyViewModel(doc, keys(), new Verification(new FakeUsage()), bg, clock);
        VerifyViewModel.ConfirmRow routing = vm.confirmRows().stream().filter(r -> r.itemId().equals(Checklist.ROUTING))
                .findFirst().orElseThrow();
        assertThat(routing.title()).contains("stale direct-provider config", "Base URL is centralized");
        assertThat(vm.confirmations()).extracting(r -> r.id()).contains(Checklist.BASE_URL);
        assertThat(Checklist.derive(doc.plan()).stream().filter(e -> e.id().equals(Checklist.BASE_URL)).findFirst().orElseThrow()
                .status()).isEqualTo(ItemStatus.OPEN);
        routing.who.set("Dana");
        routing.evidence.set("req_1 in the gateway log; none at the old provider");
        routing.confirm();
        assertThat(doc.plan().checklistItem(Checklist.BASE_URL))
                .isEqualTo(new ChecklistItem(Checklist.BASE_URL, ItemStatus.DONE, "req_1 in the gateway log; none at the old provider"));
        Checklist.Entry baseUrl = Checklist.derive(doc.plan()).stream().filter(e -> e.id().equals(Checklist.BASE_URL)).findFirst().orElseThrow();
        assertThat(baseUrl.status()).isEqualTo(ItemStatus.DONE);
        assertThat(baseUrl.evidence()).contains("Confirmed by Dana");
        assertThat(vm.confirmations().stream().filter(r -> r.id().equals(Checklist.BASE_URL)).findFirst().orElseThrow()
                .statusProperty().get()).isEqualTo(ItemStatus.DONE);
    }

    @Test
    void budgetIsValidatedAndStored() {
        PlanDocument doc = new PlanDocument(plan());
        VerifyViewModel vm = new VerifyViewModel(doc, keys(), new Verification(UsageService.manualOnly()), bg, clock);
        vm.budget.set("-1");
        assertThat(vm.budgetError.get()).isNotEmpty();
        assertThat(doc.plan().budgetUsd()).isNull();
        vm.budget.set("2.5");
        assertThat(doc.plan().budgetUsd()).isEqualTo(2.5);
        vm.budget.set("");
        assertThat(doc.plan().budgetUsd()).isNull();
    }

    @Test
    void lookingAgainFindsARequestThatWasNotVisibleYet() throws Exception {
        PlanDocument doc = new PlanDocument(plan());
        SmokeRun run = new SmokeRun("2026-06-11T08:00:00Z", "http://gw.test/v1", List.of(result()));
        Reconciliation pending = new Reconciliation(run.startedAt(), "2026-06-11T08:00:05Z", "fake", List.of(
                new Reconciliation.Row("chat:m1", "req_1", "m1", "", 110, null, null, null, "", Reconciliation.Status.NOT_VISIBLE_YET, "")),
                10.0, 9.9, 0.0001, List.of(), "");
        doc.edit(p -> p.withSmokeRunAdded(run, 10).withReconciliation(pending));
        FakeUsage usage = new FakeUsage();
        VerifyViewModel vm = new VerifyViewModel(doc, keys(), new Verification(usage), bg, clock);
        assertThat(vm.anyNotVisibleProperty().get()).isTrue();
        assertThat(vm.reconciliation()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("not visible yet"));
        vm.recheck();
        ui.runUntil(() -> !vm.recheckingProperty().get());
        assertThat(vm.recheckMessageProperty().get()).contains("every checkable request");
        assertThat(vm.reconciliation()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("match"));
        assertThat(vm.quotaBeforeProperty().get()).isEqualTo("$10.000000");
        assertThat(vm.anyNotVisibleProperty().get()).isFalse();
    }

    // ---- step 6 ----

    @Test
    void gatesAreComputedFromTheLatestRun() {
        MigrationPlan p = plan().withMappings(List.of(new ModelMapping("a", "m1", List.of("chat"), "", 1.0, 2.0)));
        CheckResult ok = result();
        CheckResult slow = new CheckResult("streaming:m1", "streaming", "m1", Verdict.FAIL, "R", "x", "req_2", 5L, 900L, 10, 50, 60, "", "");
        p = p.withSmokeRunAdded(new SmokeRun("2026-06-11T08:00:00Z", "u", List.of(ok, slow)), 10);
        Gates.Measurements m = Gates.measure(p);
        assertThat(m.errorRateText()).isEqualTo("50.0% (1 of 2)");
        assertThat(m.p95Ms()).isEqualTo(1000L);
        assertThat(m.costPer1k()).isNotNull();
        assertThat(Gates.read(0, p, m).reading()).isEqualTo(Gates.Reading.HOLDS);
        assertThat(Gates.read(3, p, m).reading()).isEqualTo(Gates.Reading.FAILS);
        assertThat(Gates.read(5, p, m).measured()).contains("50.0%").contains("1000 ms");
    }

    @Test
    void provingTheRollbackRunsTheBasicChecksAgainstTheRollbackEndpoint() throws Exception {
        PlanDocument doc = new PlanDocument(plan().withRollback(new Rollback("http://old.test/v1", "old-model", "env:OLD_KEY", "")));
        FakeSmoke smoke = new FakeSmoke();
        KeyResolver keys = new KeyResolver(Map.of("OLD_KEY", "sk-test-old")::get);
        RolloutViewModel vm = new RolloutViewModel(doc, keys, smoke, bg);
        vm.proveRollback();
        ui.runUntil(() -> !vm.provingProperty().get());
        assertThat(smoke.targets).singleElement().satisfies(t -> assertThat(t.baseUrl()).isEqualTo("http://old.test/v1"));
        assertThat(smoke.runs.get(0).checks()).isEqualTo(RolloutViewModel.PROOF_CHECKS);
        assertThat(smoke.plans.get(0).targetModels()).containsExactly("old-model");
        assertThat(vm.proofProperty().get()).startsWith("Rollback proved");
        assertThat(doc.plan().checklistItem(Checklist.ROLLBACK).status()).isEqualTo(ItemStatus.DONE);

        smoke.verdict = Verdict.FAIL;
        vm.proveRollback();
        ui.runUntil(() -> !vm.provingProperty().get());
        assertThat(vm.proofProperty().get()).contains("did not pass").contains("R1");
        assertThat(vm.proofToneProperty().get()).isEqualTo(Tone.DANGER);

        RolloutViewModel noKey = new RolloutViewModel(doc, new KeyResolver(k -> null), smoke, bg);
        noKey.proveRollback();
        ui.runUntil(() -> !noKey.provingProperty().get());
        assertThat(noKey.proofProperty().get()).contains("OLD_KEY").contains("Set that variable");
        assertThat(noKey.proofToneProperty().get()).isEqualTo(Tone.DANGER);
    }

    @Test
    void eachStageHasAnOwnerAndADateThatIsValidatedWithoutLosingWhatWasTyped() {
        PlanDocument doc = new PlanDocument(plan());
        RolloutViewModel vm = new RolloutViewModel(doc, keys(), new FakeSmoke(), bg);
        assertThat(vm.selectedStageProperty().get()).isSameAs(vm.stages().get(0));
        StageRow ramp = vm.stages().get(7);
        vm.selectedStageProperty().set(ramp);
        assertThat(ramp.titleProperty().get()).isEqualTo("Stage 8: Ramp up");

        ramp.ownerProperty().set("Platform team");
        ramp.dateProperty().set("2026-12-01");
        assertThat(doc.plan().rollout().get(7).owner()).isEqualTo("Platform team");
        assertThat(doc.plan().rollout().get(7).date()).isEqualTo("2026-12-01");
        assertThat(ramp.ownerAndDateProperty().get()).isEqualTo("Platform team\n2026-12-01");
        assertThat(doc.isDirty()).isTrue();

        // a malformed date: a clear message, the typed text stays, the plan keeps its last valid date
        ramp.dateProperty().set("1st of December");
        assertThat(ramp.dateErrorProperty().get()).contains("\u201c1st of December\u201d is not a date", "YYYY-MM-DD");
        assertThat(ramp.dateProperty().get()).isEqualTo("1st of December");
        assertThat(doc.plan().rollout().get(7).date()).isEqualTo("2026-12-01");
        assertThat(vm.stageProblems.get()).contains("Stage 8: Ramp up", "1st of December");
        assertThat(ramp.ownerAndDateToneProperty().getValue()).isEqualTo(Tone.DANGER);
        ramp.noteProperty().set("10% of the EU traffic");
        assertThat(doc.plan().rollout().get(7)).extracting(s -> s.note(), s -> s.date())
                .containsExactly("10% of the EU traffic", "2026-12-01");
        ramp.dateProperty().set("2026-02-30");
        assertThat(ramp.dateErrorProperty().get()).contains("not a day of the calendar");
        ramp.dateProperty().set(" 2026-12-15 ");
        assertThat(ramp.dateErrorProperty().get()).isEmpty();
        assertThat(vm.stageProblems.get()).isEmpty();
        assertThat(doc.plan().rollout().get(7).date()).isEqualTo("2026-12-15");
        ramp.dateProperty().set("");
        assertThat(doc.plan().rollout().get(7).date()).isEmpty();

        // an owner that is a pasted key is refused
        ramp.ownerProperty().set("sk-fake-abcdefghijklmnopqrstuvwxyz0123456789");
        assertThat(ramp.ownerErrorProperty().get()).contains("looks like an API key");
        assertThat(doc.plan().rollout().get(7).owner()).isEqualTo("Platform team");
    }

    @Test
    void aMalformedDateFromThePlanFileIsShownAndKeptUntilFixed() {
        List<RolloutStage> stages = new ArrayList<>(RolloutStage.defaults());
        stages.set(2, stages.get(2).withOwner("Ops").withDate("next tuesday"));
        PlanDocument doc = new PlanDocument(plan().withRollout(stages));
        RolloutViewModel vm = new RolloutViewModel(doc, keys(), new FakeSmoke(), bg);
        StageRow replay = vm.stages().get(2);
        assertThat(replay.dateProperty().get()).isEqualTo("next tuesday");
        assertThat(replay.dateErrorProperty().get()).contains("is not a date");
        assertThat(vm.stageProblems.get()).contains("Stage 3: Replay known prompts");
        replay.statusProperty().set(ItemStatus.DONE);
        assertThat(doc.plan().rollout().get(2)).extracting(s -> s.status(), s -> s.owner(), s -> s.date())
                .containsExactly(ItemStatus.DONE, "Ops", "next tuesday");
        assertThat(replay.ownerAndDateToneProperty().getValue()).isEqualTo(Tone.DANGER);
        replay.dateProperty().set("2026-12-02");
        assertThat(doc.plan().rollout().get(2).date()).isEqualTo("2026-12-02");
        assertThat(replay.ownerAndDateToneProperty().getValue()).isEqualTo(Tone.NEUTRAL);
    }

    @Test
    void aProvedRollbackRecordsWhenAndForgetsItWhenItsSettingsChange() throws Exception {
        PlanDocument doc = new PlanDocument(plan().withRollback(new Rollback("http://old.test/v1", "old-model", "env:OLD_KEY", "")));
        FakeSmoke smoke = new FakeSmoke();
        RolloutViewModel vm = new RolloutViewModel(doc, new KeyResolver(Map.of("OLD_KEY", "sk-test-old")::get), smoke, bg);
        vm.proveRollback();
        ui.runUntil(() -> !vm.provingProperty().get());
        assertThat(doc.plan().rollback().provedAt()).isEqualTo("2026-06-11T09:00:00Z");
        vm.rollbackNotes.set("Ops can flip it in 5 minutes");
        assertThat(doc.plan().rollback().isProved()).isTrue();

        // reopened: the stored proof is shown
        doc.replace(doc.plan(), null);
        assertThat(vm.proofProperty().get()).startsWith("Rollback proved 2026-06-11 09:00:00 UTC");
        assertThat(vm.proofToneProperty().get()).isEqualTo(Tone.SUCCESS);

        vm.rollbackModel.set("another-model");
        assertThat(doc.plan().rollback().isProved()).isFalse();
        assertThat(vm.proofProperty().get()).contains("changed after they were proved");
        assertThat(vm.proofToneProperty().get()).isEqualTo(Tone.WARNING);
    }

    // ---- step 2: keychain ----

    @Test
    void aTypedKeyGoesIntoTheKeychainAndThePlanKeepsOnlyTheReference() throws Exception {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("p"));
        KeyResolver keys = new KeyResolver(k -> null);
        MemoryKeychain keychain = new MemoryKeychain("memory (test)");
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
        assertThat(vm.keyStatusProperty().get()).contains("Saved in memory (test)").doesNotContain("0123456789abcdef");

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

    // ---- step 3: suggestions, CSV, filter, prices ----

    @Test
    void suggestionsRankByNameSimilarityAndVendor() {
        List<String> catalog = List.of("claude-sonnet-4.5", "deepseek-chat", "gpt-4.1-mini", "gpt-4o", "gpt-5.5", "openai/gpt-4o-mini");
        assertThat(ModelSuggestions.rank("gpt-4o-mini", catalog, 3)).first().isEqualTo("openai/gpt-4o-mini");
        assertThat(ModelSuggestions.rank("gpt-4o-mini", catalog, 3)).containsSubsequence("openai/gpt-4o-mini", "gpt-4o");
        assertThat(ModelSuggestions.rank("deepseek-coder", catalog, 1)).containsExactly("deepseek-chat");
        assertThat(ModelSuggestions.vendor("claude-haiku")).isEqualTo("anthropic");
        assertThat(ModelSuggestions.complete("son", "claude-3-opus", catalog, 5)).containsExactly("claude-sonnet-4.5");
        assertThat(ModelSuggestions.rank("", catalog, 3)).isEmpty();
    }

    @Test
    void mappingCsvRoundTripsAndNamesTheBadLine() throws Exception {
        List<ModelMapping> rows = List.of(new ModelMapping("gpt-4o-mini", "gpt-5.5", List.of("chat", "streaming"), "prod, main", 1.25, 10.0),
                new ModelMapping("gpt-4.1-mini", "", List.of("chat"), "say \"hi\""));
        String csv = MappingCsv.write(rows);
        assertThat(csv).startsWith(MappingCsv.HEADER).contains("\"prod, main\"");
        assertThat(MappingCsv.read(csv)).isEqualTo(rows);
        assertThatThrownBy(() -> MappingCsv.read("source_model,target_model,input_per_1m\ngpt,x,cheap\n"))
                .hasMessageContaining("Line 2").hasMessageContaining("cheap");
        assertThatThrownBy(() -> MappingCsv.read("model,price\n")).hasMessageContaining("Line 1");
        assertThatThrownBy(() -> MappingCsv.read("source_model,target_model\n\"open,x\n")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> MappingCsv.read("")).hasMessageContaining("empty");
    }

    @Test
    void mappingImportReplacesRowsFilterNarrowsAndBadPricesKeepTheStoredOnes() throws Exception {
        PlanDocument doc = new PlanDocument(plan());
        TargetCatalog catalog = new TargetCatalog();
        catalog.update("http://gw.test/v1", List.of("m1", "m2"));
        Path csv = tmp.resolve("map.csv");
        Files.writeString(csv, MappingCsv.HEADER + "\na,m2,chat;tools,,0.5,1.5\nb,nope,chat,,,\n");
        FakeFileDialogs files = new FakeFileDialogs().answer(csv);
        MappingViewModel vm = mapping(doc, catalog, files);
        vm.importCsv();
        ui.runUntil(() -> vm.messageProperty().get().startsWith("Imported"));
        assertThat(doc.plan().mappings()).extracting(ModelMapping::sourceModel, ModelMapping::targetModel)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "m2"), org.assertj.core.groups.Tuple.tuple("b", "nope"));
        assertThat(doc.plan().mappings().get(0).inputPer1M()).isEqualTo(0.5);
        assertThat(vm.rows().get(1).statusProperty().get()).isEqualTo("Not in the target's catalog");
        assertThat(vm.rows().get(1).targetToneProperty().get()).isEqualTo(Tone.DANGER);
        assertThat(vm.rows().get(1).statusToneProperty().get()).isEqualTo(Tone.DANGER);
        assertThat(vm.rows().get(0).statusToneProperty().get()).isEqualTo(Tone.SUCCESS);
        assertThat(vm.messageToneProperty().get()).isEqualTo(Tone.SUCCESS);

        vm.rows().get(0).inputPriceProperty().set("lots");
        assertThat(vm.rows().get(0).statusProperty().get()).startsWith("Prices:");
        assertThat(doc.plan().mappings().get(0).inputPer1M()).isEqualTo(0.5);

        vm.filterProperty().set("nope");
        assertThat(vm.filteredRows()).extracting(r -> r.sourceProperty().get()).containsExactly("b");
        vm.rows().get(0).setFeature("vision", true);
        assertThat(doc.plan().mappings().get(0).features()).containsExactly("chat", "tools", "vision");

        vm.loadGatewayPrices();
        ui.runUntil(() -> !vm.pricesLoadingProperty().get());
        assertThat(vm.messageProperty().get()).contains("Loaded 1 prices");

        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "source_model,target_model\n,m1\n");
        files.answer(bad);
        vm.importCsv();
        ui.runUntil(() -> vm.messageProperty().get().startsWith("Nothing imported"));
        assertThat(vm.messageProperty().get()).contains("Line 2");
        assertThat(vm.messageToneProperty().get()).isEqualTo(Tone.DANGER);
        assertThat(doc.plan().mappings()).hasSize(2);
    }

    @Test
    void theMappingCountAgreesWithTheRowsWhenAPlanIsOpenedWhileTheStepIsShown() {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("untitled"));
        MappingViewModel vm = mapping(doc, new TargetCatalog(), new FakeFileDialogs());
        List<String> shown = new ArrayList<>();
        vm.summaryProperty().addListener((o, was, now) -> shown.add(now)); // as the step's label: evaluated at once
        doc.replace(plan().withMappings(List.of(new ModelMapping("a", "m1", List.of("chat"), ""),
                new ModelMapping("b", "m2", List.of("chat"), ""))), null);
        assertThat(vm.rows()).extracting(r -> r.statusProperty().get()).containsExactly("OK", "OK");
        assertThat(vm.summaryProperty().get()).startsWith("2 of 2 mappings complete.");
    }

    @Test
    void aPlanOnTheDemoGatewayLoadsItsCatalogAndPricesWhenTheMappingStepSeesIt() throws Exception {
        // the plan remembers the demo's port from an earlier start; the demo now runs elsewhere
        MigrationPlan demoPlan = MigrationPlan.newPlan("demo").withTarget(Endpoint.demo("http://127.0.0.1:1/v1"))
                .withMappings(List.of(new ModelMapping("a", "m1", List.of("chat"), ""), new ModelMapping("b", "m2", List.of("chat"), "")));
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("untitled"));
        TargetCatalog catalog = new TargetCatalog();
        List<String> listed = new java.util.concurrent.CopyOnWriteArrayList<>();
        MappingViewModel vm = new MappingViewModel(doc, catalog, new FakeFileDialogs(), bg, keys(), new FakeUsage(),
                new ViewModelTest.FakeDemo(), (url, key, cancel) -> {
                    listed.add(url + " " + key);
                    return new ai.flatkey.migrate.wire.ModelList(List.of(new ai.flatkey.migrate.wire.ModelInfo("m1", "demo", 0, "model"),
                            new ai.flatkey.migrate.wire.ModelInfo("m2", "demo", 0, "model")), "req_m", 200, 1);
                });
        vm.summaryProperty().addListener((o, was, now) -> { });
        assertThat(listed).as("no demo plan yet").isEmpty();

        doc.replace(demoPlan, null);
        ui.runUntil(() -> catalog.isKnown() && !vm.pricesLoadingProperty().get());
        assertThat(listed).containsExactly("http://127.0.0.1:4242/v1 sk-demo");
        assertThat(vm.rows()).extracting(r -> r.statusProperty().get()).containsExactly("OK, in catalog", "OK, in catalog");
        assertThat(vm.summaryProperty().get()).startsWith("2 of 2 mappings complete. 2 model IDs known");
        assertThat(vm.rows().get(0).gatewayPriceProperty().get()).isEqualTo("$1 / $2");

        vm.rows().get(0).notesProperty().set("seen again after an edit");
        ui.runUntil(() -> doc.plan().mappings().get(0).notes().startsWith("seen"));
        assertThat(listed).as("loaded once per gateway").hasSize(1);
    }

    // ---- helpers ----

    private WizardViewModel wizard(PlanDocument doc, Prefs prefs, Prefs.Snapshot snapshot) {
        return new WizardViewModel(doc, new PlanStore(), new FakeFileDialogs(), new ViewModelTest.FakeDialogs(
                ai.flatkey.migrate.ui.doc.Dialogs.UnsavedChoice.DISCARD), prefs, snapshot, bg, clock, false);
    }

    private MappingViewModel mapping(PlanDocument doc, TargetCatalog catalog, FakeFileDialogs files) {
        return new MappingViewModel(doc, catalog, files, bg, keys(), new FakeUsage(), new NoDemo(), (u, k, c) -> {
            throw new AssertionError("no network");
        });
    }

    private static KeyResolver keys() {
        return new KeyResolver(Map.of("GW_KEY", "sk-test-gw")::get);
    }

    private static MigrationPlan plan() {
        return MigrationPlan.newPlan("p").withTarget(new Endpoint("custom", "http://gw.test/v1", "env:GW_KEY"))
                .withMappings(List.of(new ModelMapping("a", "m1", List.of("chat"), "")));
    }

    private static CheckResult result() {
        return new CheckResult("chat:m1", "chat", "m1", Verdict.PASS, "", "ok", "req_1", null, 1000L, 10, 50, 60, "hi", "curl …");
    }

    /** Runs one chat check (or the checks the options select) and records what it was asked. */
    final class FakeSmoke implements SmokeService {
        final List<SuiteOptions> runs = new ArrayList<>();
        final List<Target> targets = new ArrayList<>();
        final List<MigrationPlan> plans = new ArrayList<>();
        volatile Verdict verdict = Verdict.PASS;

        @Override
        public List<Check> derive(MigrationPlan plan) {
            return plan.targetModels().stream().map(m -> new Check("chat:" + m, "chat", m, "Chat completion")).toList();
        }

        @Override
        public CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, Target source, SuiteOptions options,
                                               SmokeListener listener, Cancellation cancel) {
            synchronized (this) {
                runs.add(options);
                targets.add(target);
                plans.add(plan);
            }
            return CompletableFuture.supplyAsync(() -> {
                List<CheckResult> results = new ArrayList<>();
                for (Check c : derive(plan, options)) {
                    listener.onStarted(c);
                    CheckResult r = new CheckResult(c.id(), c.feature(), c.model(), verdict, verdict == Verdict.PASS ? "" : "R1",
                            "reason", "req_1", null, 1000L, 10, 50, 60, "hi", "curl …");
                    listener.onFinished(c, r);
                    results.add(r);
                }
                return new SmokeRun("2026-06-11T09:00:00Z", target.baseUrl(), results);
            }, exec);
        }
    }

    /** A gateway with a quota of $10, a price for m1, rate-limit headers, and req_1 in its log. */
    static final class FakeUsage implements UsageService {
        final Map<String, LoggedRequest> log = new ConcurrentHashMap<>(Map.of("req_1",
                new LoggedRequest("req_1", "m1", 10, 50, 0.00011, "200", 0)));

        @Override
        public UsageAdapter adapter(Endpoint target, String key) {
            return new UsageAdapter() {
                @Override
                public String name() {
                    return "fake";
                }

                @Override
                public boolean canLookUp() {
                    return true;
                }

                @Override
                public boolean canReadQuota() {
                    return true;
                }

                @Override
                public Optional<KeyQuota> quota() {
                    return Optional.of(new KeyQuota("k", 20.0, 10.0, 10.0, false, 0));
                }

                @Override
                public Optional<LoggedRequest> lookup(String requestId) {
                    return Optional.ofNullable(log.get(requestId));
                }

                @Override
                public List<ModelPrice> prices() {
                    return List.of(new ModelPrice("m1", 1.0, 2.0, 0, "gateway"));
                }
            };
        }

        @Override
        public Reconciler reconciler(UsageAdapter adapter, Cancellation cancel) {
            return new Reconciler(adapter, Clock.systemUTC(), ms -> { }, 1, 0);
        }

        @Override
        public List<String> rateLimits(String baseUrl, String key, Cancellation cancel) {
            return ai.flatkey.migrate.wire.ResponseHeaders.rateLimitLines(Map.of("x-ratelimit-limit-requests", "60",
                    "x-ratelimit-remaining-requests", "59", "x-ratelimit-reset-requests", "1s"));
        }
    }

    static final class NoDemo implements DemoHost {
        @Override
        public String ensureStarted() {
            throw new AssertionError("the demo is not used here");
        }

        @Override
        public String demoKey() {
            return "";
        }

        @Override
        public boolean isRunning() {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
