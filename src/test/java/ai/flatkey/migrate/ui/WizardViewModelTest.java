package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.Preset;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.ui.doc.Dialogs;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.doc.Prefs;
import ai.flatkey.migrate.ui.doc.Recovery;
import ai.flatkey.migrate.ui.step.endpoints.EndpointsViewModel;
import ai.flatkey.migrate.ui.theme.SystemTheme;
import ai.flatkey.migrate.ui.theme.ThemeMode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The shell: look, start screen and recovery, title, status hints, opening the demo, damaged and newer plans, closing. */
class WizardViewModelTest extends StepFixtures {

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

    // ---- open / save / close ----

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
    void theSecondDemoOpensThePlanOfEveryEndpointFamily() throws Exception {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("Mine"));
        WizardViewModel vm = wizard(doc, new FakeFileDialogs(), new FakeDialogs(Dialogs.UnsavedChoice.DISCARD));
        vm.newAllFeaturesDemo();
        ui.runUntil(() -> doc.plan().name().equals("Demo: every endpoint family to Flatkey"));
        assertThat(doc.plan().inventory().endpoints()).contains("images", "audio", "video", "moderations");
        assertThat(doc.plan().target().preset()).isEqualTo("demo");
        assertThat(vm.currentProperty().get()).isEqualTo(Step.ENDPOINTS);
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
    void aPlansCheckFilesAreReadOnOpenAndStillFoundAfterSaveAsIntoAnotherFolder() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("app/checks"));
        Files.writeString(app.resolve("suite.yaml"), "checks:\n  - name: hello\n    body: {messages: [{role: user, content: Hi}]}\n"
                + "    assert: [not-empty]\n  - name: broken\n    body: {messages: [x]}\n    assert: [{ttft: 5}]\n");
        Path file = tmp.resolve("app/plan.json");
        new PlanStore().save(file, MigrationPlan.newPlan("With checks").withCheckFiles(List.of("checks/suite.yaml")));
        Path moved = Files.createDirectories(tmp.resolve("reviews")).resolve("plan.json");
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("Mine"));
        FakeDialogs dialogs = new FakeDialogs(Dialogs.UnsavedChoice.CANCEL);
        WizardViewModel vm = wizard(doc, new FakeFileDialogs().answer(file).answer(moved), dialogs);
        vm.open();
        ui.runUntil(() -> doc.plan().name().equals("With checks"));
        assertThat(vm.statusProperty().get()).contains("suite.yaml:7:", "needs a streamed request");
        assertThat(doc.plan().fileChecks()).isEmpty();

        Files.writeString(app.resolve("suite.yaml"), "checks:\n  - name: hello\n    body: {messages: [{role: user, content: Hi}]}\n");
        vm.saveAs();
        ui.runUntil(() -> Files.exists(moved));
        assertThat(new PlanStore().load(moved).checkFiles()).containsExactly("../app/checks/suite.yaml");
        assertThat(new PlanStore().open(moved).plan().fileChecks()).extracting(c -> c.name()).containsExactly("hello");
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

    @Test
    void editsKeptOutsideThePlanAreAskedAboutBeforeTheyAreDropped() {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("Mine"));
        java.util.concurrent.atomic.AtomicReference<String> pending =
                new java.util.concurrent.atomic.AtomicReference<>("1 request check edited and not saved");
        doc.addPendingEdits(pending::get);
        AtomicInteger closed = new AtomicInteger();

        FakeDialogs cancel = new FakeDialogs(Dialogs.UnsavedChoice.CANCEL);
        wizard(doc, new FakeFileDialogs(), cancel).requestClose(closed::incrementAndGet);
        assertThat(cancel.discardAsked).containsExactly("1 request check edited and not saved / closing");
        assertThat(closed.get()).as("the plan itself is saved, but the edits would be lost: stay").isZero();
        assertThat(cancel.asked).as("a clean plan is not asked about").isZero();

        FakeDialogs discard = new FakeDialogs(Dialogs.UnsavedChoice.DISCARD);
        wizard(doc, new FakeFileDialogs(), discard).requestClose(closed::incrementAndGet);
        assertThat(discard.discardAsked).hasSize(1);
        assertThat(closed.get()).isEqualTo(1);

        pending.set(null);
        FakeDialogs none = new FakeDialogs(Dialogs.UnsavedChoice.CANCEL);
        wizard(doc, new FakeFileDialogs(), none).requestClose(closed::incrementAndGet);
        assertThat(none.discardAsked).as("nothing pending: nothing asked").isEmpty();
        assertThat(closed.get()).isEqualTo(2);
    }

    // ---- helpers ----

    private WizardViewModel wizard(PlanDocument doc, Prefs prefs, Prefs.Snapshot snapshot) {
        return new WizardViewModel(doc, new PlanStore(), new FakeFileDialogs(), new FakeDialogs(Dialogs.UnsavedChoice.DISCARD),
                prefs, snapshot, bg, clock, false);
    }

    private WizardViewModel wizard(PlanDocument doc, FakeFileDialogs files, FakeDialogs dialogs) {
        return new WizardViewModel(doc, new PlanStore(), files, dialogs, new Prefs(tmp.resolve("cfg")), Prefs.Snapshot.empty(), bg,
                clock, true);
    }
}
