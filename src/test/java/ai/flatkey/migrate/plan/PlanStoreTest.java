package ai.flatkey.migrate.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanStoreTest {
    @TempDir
    Path dir;

    private final PlanStore store = new PlanStore();

    static MigrationPlan sample() {
        Inventory inv = new Inventory("Python openai", List.of("chat"), "https://api.openai.com/v1", "gpt-4o-mini",
                List.of("gpt-4.1-mini"), "system + user",
                new Parameters(true, 0.2, 512, false, false, "", 7, 30, 2), "Datadog", "env var switch");
        CheckResult r = new CheckResult("streaming:gpt-5.5", "streaming", "gpt-5.5", Verdict.PASS, "SSE-DONE", "ok",
                "req_1", 120L, 900L, 10, 20, 30, "Hello", "curl -sS ...");
        return MigrationPlan.newPlan("Checkout service")
                .withInventory(inv)
                .withSource(new Endpoint("openai", "https://api.openai.com/v1", "env:OPENAI_API_KEY"))
                .withMappings(List.of(new ModelMapping("gpt-4o-mini", "gpt-5.5", List.of("chat", "streaming"), "")))
                .withSmokeRunAdded(new SmokeRun("2026-11-25T10:00:00Z", "https://router.flatkey.ai/v1", List.of(r)), 10)
                .withChecklistItem(new ChecklistItem(Checklist.QUOTA, ItemStatus.DONE, "quota 5 USD"))
                .withRollback(new Rollback("https://api.openai.com/v1", "gpt-4o-mini", "env:OPENAI_API_KEY", ""));
    }

    @Test
    void roundTripKeepsEverything() throws Exception {
        Path file = dir.resolve("plan.json");
        MigrationPlan plan = sample();
        store.save(file, plan);
        MigrationPlan back = store.load(file);
        assertThat(back).isEqualTo(plan);
        assertThat(Files.readString(file)).contains("\"schemaVersion\": " + MigrationPlan.SCHEMA_VERSION);
    }

    @Test
    void savingReplacesAtomicallyAndKeepsABackup() throws Exception {
        Path file = dir.resolve("plan.json");
        store.save(file, sample());
        store.save(file, sample().withName("Second"));
        assertThat(store.load(file).name()).isEqualTo("Second");
        assertThat(store.load(dir.resolve("plan.json.bak")).name()).isEqualTo("Checkout service");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("plan.json", "plan.json.bak");
        }
    }

    @Test
    void damagedFileGivesLocatedErrorAndIsNeverOverwritten() throws Exception {
        Path file = dir.resolve("broken.json");
        String damaged = "{\n  \"schemaVersion\": 1,\n  \"name\": \"x\",\n  \"inventory\": {\"sdk\": \n}";
        Files.writeString(file, damaged);
        assertThatThrownBy(() -> store.load(file))
                .isInstanceOf(PlanStoreException.class)
                .hasMessageContaining("broken.json is not valid JSON")
                .hasMessageContaining("line 5");
        assertThatThrownBy(() -> store.save(file, sample()))
                .isInstanceOf(PlanStoreException.class)
                .hasMessageContaining("not overwritten");
        assertThat(Files.readString(file)).isEqualTo(damaged);
    }

    @Test
    void wrongTypeNamesTheField() throws Exception {
        Path file = dir.resolve("typed.json");
        Files.writeString(file, "{\"schemaVersion\":1,\"inventory\":{\"sdk\":{\"a\":1}}}");
        assertThatThrownBy(() -> store.load(file))
                .isInstanceOf(PlanStoreException.class)
                .hasMessageContaining("inventory.sdk");
    }

    @Test
    void rejectsFilesThatAreNotPlans() throws Exception {
        Path noVersion = dir.resolve("other.json");
        Files.writeString(noVersion, "{\"name\":\"x\"}");
        assertThatThrownBy(() -> store.load(noVersion)).hasMessageContaining("no \"schemaVersion\"");
        Path array = dir.resolve("array.json");
        Files.writeString(array, "[1,2]");
        assertThatThrownBy(() -> store.load(array)).hasMessageContaining("top level must be a JSON object");
        Path binary = dir.resolve("binary.json");
        Files.write(binary, new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThatThrownBy(() -> store.load(binary)).hasMessageContaining("not UTF-8");
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "  ");
        assertThatThrownBy(() -> store.load(empty)).hasMessageContaining("empty");
        assertThatThrownBy(() -> store.load(dir.resolve("missing.json"))).hasMessageContaining("does not exist");
    }

    @Test
    void newerSchemaOpensReadOnlyAndIsNeverOverwritten() throws Exception {
        Path newer = dir.resolve("newer.json");
        String text = "{\"schemaVersion\":99,\"name\":\"From the future\",\"hologram\":{\"x\":1}}";
        Files.writeString(newer, text);
        PlanStore.Opened opened = store.open(newer);
        assertThat(opened.readOnly()).isTrue();
        assertThat(opened.plan().name()).isEqualTo("From the future");
        assertThat(opened.notice()).contains("newer version", "schema 99", "read-only");
        assertThatThrownBy(() -> store.save(newer, opened.plan())).hasMessageContaining("not overwritten");
        assertThat(Files.readString(newer)).isEqualTo(text);
        Files.writeString(newer, "{\"schemaVersion\":99,\"name\":{\"changed\":true}}");
        assertThatThrownBy(() -> store.open(newer)).hasMessageContaining("newer version of the assistant, plan schema 99");
    }

    @Test
    void olderSchemaMigratesAndKeepsTheOriginal() throws Exception {
        Path old = dir.resolve("old.json");
        String v1 = "{\"schemaVersion\":1,\"name\":\"Version one\",\"mappings\":[{\"sourceModel\":\"a\",\"targetModel\":\"b\"}]}";
        Files.writeString(old, v1);
        PlanStore.Opened opened = store.open(old);
        assertThat(opened.migrated()).isTrue();
        assertThat(opened.readOnly()).isFalse();
        assertThat(opened.notice()).contains("schema 1", "old.json.v1.bak");
        assertThat(opened.plan().mappings().get(0).inputPer1M()).isNull();
        store.save(old, opened.plan());
        assertThat(Files.readString(dir.resolve("old.json.v1.bak"))).isEqualTo(v1);
        assertThat(store.open(old).fileVersion()).isEqualTo(MigrationPlan.SCHEMA_VERSION);
        store.save(old, opened.plan().withName("Again"));
        assertThat(Files.readString(dir.resolve("old.json.v1.bak"))).isEqualTo(v1);
    }

    /** A plan exactly as schema 2 wrote it (before stage owners and dates and the rollback proof time). */
    private static final String V2 = """
            {
              "schemaVersion": 2,
              "name": "Written by schema 2",
              "rollout": [
                {"name": "Direct curl smoke test", "gate": "answers", "status": "DONE", "note": "on staging"},
                {"name": "Ramp up", "gate": "logs match", "status": "OPEN", "note": ""}
              ],
              "rollback": {"baseUrl": "https://api.openai.com/v1", "model": "gpt-4o-mini", "keyRef": "env:OPENAI_API_KEY", "notes": "n"},
              "confirmations": [{"itemId": "routing", "who": "Dana", "when": "2026-11-25T09:00:00Z", "evidence": "req_1 via router"}],
              "updatedAt": "2026-11-25T09:00:00Z"
            }
            """;

    @Test
    void aSchemaTwoPlanOpensWithEverythingItHadAndKeepsItsOriginalOnSave() throws Exception {
        Path file = dir.resolve("two.json");
        Files.writeString(file, V2);
        PlanStore.Opened opened = store.open(file);
        assertThat(opened.fileVersion()).isEqualTo(2);
        assertThat(opened.migrated()).isTrue();
        assertThat(opened.readOnly()).isFalse();
        assertThat(opened.notice()).contains("schema 2", "two.json.v2.bak").doesNotContain("need fixing");
        MigrationPlan p = opened.plan();
        assertThat(p.rollout()).containsExactly(
                new RolloutStage("Direct curl smoke test", "answers", ItemStatus.DONE, "on staging", "", ""),
                new RolloutStage("Ramp up", "logs match", ItemStatus.OPEN, "", "", ""));
        assertThat(p.rollback()).isEqualTo(new Rollback("https://api.openai.com/v1", "gpt-4o-mini", "env:OPENAI_API_KEY", "n", ""));
        assertThat(p.rollback().isProved()).isFalse();
        assertThat(p.confirmations()).singleElement().satisfies(c -> assertThat(c.itemId()).isEqualTo(Checklist.ROUTING));
        store.save(file, p);
        assertThat(Files.readString(dir.resolve("two.json.v2.bak"))).isEqualTo(V2);
        assertThat(store.open(file).migrated()).isFalse();
    }

    @Test
    void ownersDatesAndTheRollbackProofSurviveARoundTrip() throws Exception {
        Path file = dir.resolve("three.json");
        List<RolloutStage> stages = new java.util.ArrayList<>(RolloutStage.defaults());
        stages.set(0, stages.get(0).withOwner("  Dana  ").withDate(" 2026-12-01 "));
        MigrationPlan plan = sample().withRollout(stages)
                .withRollback(sample().rollback().provedAt("2026-11-25T09:44:00Z"));
        assertThat(plan.rollout().get(0).owner()).isEqualTo("Dana");
        assertThat(plan.rollout().get(0).localDate()).contains(java.time.LocalDate.of(2026, 12, 1));
        store.save(file, plan);
        assertThat(store.load(file)).isEqualTo(plan);
        assertThat(Files.readString(file)).contains("\"owner\": \"Dana\"", "\"date\": \"2026-12-01\"", "\"provedAt\": \"2026-11-25T09:44:00Z\"");
        assertThat(plan.rollback().provedWhen()).isEqualTo("2026-11-25 09:44:00 UTC");
    }

    @Test
    void aMalformedStageDateIsKeptAsWrittenAndNamedInTheNotice() throws Exception {
        Path file = dir.resolve("typed.json");
        String text = "{\"schemaVersion\":3,\"name\":\"Typed by hand\",\"rollout\":[{\"name\":\"Ramp up\",\"gate\":\"g\","
                + "\"status\":\"OPEN\",\"note\":\"\",\"owner\":\"Ops\",\"date\":\"next tuesday\"},"
                + "{\"name\":\"Compare\",\"gate\":\"g\",\"date\":\"2026-02-30\"}]}";
        Files.writeString(file, text);
        PlanStore.Opened opened = store.open(file);
        assertThat(opened.readOnly()).isFalse();
        assertThat(opened.plan().rollout().get(0).date()).isEqualTo("next tuesday");
        assertThat(opened.plan().rollout().get(0).owner()).isEqualTo("Ops");
        assertThat(opened.plan().rollout().get(0).localDate()).isEmpty();
        assertThat(opened.notice()).contains("typed.json", "\u201cRamp up\u201d", "\u201cnext tuesday\u201d is not a date", "YYYY-MM-DD")
                .contains("\u201c2026-02-30\u201d is not a day of the calendar");
        assertThat(opened.plan().problems()).hasSize(2);
        assertThat(Files.readString(file)).isEqualTo(text);
        store.save(file, opened.plan());
        assertThat(store.load(file).rollout().get(0).date()).isEqualTo("next tuesday");
    }

    @Test
    void stageDatesAreValidatedAsIsoLocalDates() {
        assertThat(RolloutStage.dateProblem("")).isEmpty();
        assertThat(RolloutStage.dateProblem(" 2026-12-01 ")).isEmpty();
        assertThat(RolloutStage.dateProblem("2024-02-29")).isEmpty();
        assertThat(RolloutStage.dateProblem("2026-02-29")).contains("not a day of the calendar");
        assertThat(RolloutStage.dateProblem("01/12/2026")).contains("is not a date", "YYYY-MM-DD");
        assertThat(RolloutStage.dateProblem("2026-1-5")).contains("is not a date");
        assertThat(new RolloutStage("n", "g", null, null, null, null)).isEqualTo(new RolloutStage("n", "g", ItemStatus.OPEN, "", "", ""));
    }

    @Test
    void editingWhatTheRollbackProofCoveredForgetsTheProof() {
        Rollback proved = new Rollback("https://old/v1", "m", "env:K", "notes").provedAt("2026-11-25T09:44:00Z");
        assertThat(proved.edited("https://old/v1", "m", "env:K", "other notes").provedAt()).isEqualTo("2026-11-25T09:44:00Z");
        assertThat(proved.edited("https://old/v1 ", "m", "env:K", "notes").isProved()).isTrue();
        assertThat(proved.edited("https://new/v1", "m", "env:K", "notes").isProved()).isFalse();
        assertThat(proved.edited("https://old/v1", "m2", "env:K", "notes").isProved()).isFalse();
        assertThat(proved.edited("https://old/v1", "m", "env:K2", "notes").isProved()).isFalse();
    }

    @Test
    void missingFieldsGetDefaults() throws Exception {
        MigrationPlan plan = store.fromJson("{\"schemaVersion\":1,\"name\":\"Minimal\"}", "minimal.json");
        assertThat(plan.target()).isEqualTo(Endpoint.flatkey());
        assertThat(plan.rollout()).hasSize(8);
        assertThat(plan.mappings()).isEmpty();
        assertThat(Checklist.derive(plan)).hasSize(11);
    }

    @Test
    void aPlanNeverHoldsKeyValuesOnlyReferences() throws Exception {
        String json = store.toJson(sample());
        assertThat(json).contains("env:OPENAI_API_KEY").doesNotContain("sk-");
        assertThat(new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @Test
    void theDemoSampleShipsWithTheAppAndMatchesTheAssetFile() throws Exception {
        MigrationPlan demo = store.sample("demo");
        assertThat(demo.target().isDemo()).isTrue();
        assertThat(demo.targetModels()).containsExactly("gpt-5.5", "deepseek-chat");
        assertThat(demo.inventory().isDocumented()).isTrue();
        assertThat(demo).isEqualTo(store.load(Path.of("assets/sample-plans/demo.json")));
        assertThatThrownBy(() -> store.sample("nope")).hasMessageContaining("no sample plan called 'nope'");
    }

    @Test
    void keepsOnlyTheRecentRuns() {
        MigrationPlan plan = MigrationPlan.newPlan("p");
        for (int i = 0; i < 15; i++) {
            plan = plan.withSmokeRunAdded(new SmokeRun("t" + i, "u", List.of()), 10);
        }
        assertThat(plan.smokeRuns()).hasSize(10);
        assertThat(plan.latestRun().orElseThrow().startedAt()).isEqualTo("t14");
    }
}
