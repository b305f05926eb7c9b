package ai.flatkey.migrate.ui.step.rollout;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Checklist;
import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.Rollback;
import ai.flatkey.migrate.plan.RolloutStage;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.smoke.Gates;
import ai.flatkey.migrate.ui.StepFixtures;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Tone;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Step 6: gates, proving the rollback, and stage owners and dates. */
class RolloutViewModelTest extends StepFixtures {

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
}
