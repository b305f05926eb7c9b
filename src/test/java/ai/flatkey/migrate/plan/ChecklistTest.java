package ai.flatkey.migrate.plan;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChecklistTest {
    private static Checklist.Entry entry(MigrationPlan plan, String id) {
        return Checklist.derive(plan).stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void newPlanHasEverythingOpen() {
        List<Checklist.Entry> entries = Checklist.derive(MigrationPlan.newPlan("x"));
        assertThat(entries).hasSize(11).allMatch(e -> e.status() == ItemStatus.OPEN);
        assertThat(Checklist.doneCount(entries)).isZero();
    }

    @Test
    void evidenceMarksItemsDone() {
        MigrationPlan plan = PlanStoreTest.sample();
        assertThat(entry(plan, Checklist.INVENTORY).status()).isEqualTo(ItemStatus.DONE);
        assertThat(entry(plan, Checklist.MODEL).status()).isEqualTo(ItemStatus.DONE);
        assertThat(entry(plan, Checklist.FEATURES).status()).isEqualTo(ItemStatus.DONE);
        assertThat(entry(plan, Checklist.FEATURES).evidence()).contains("gpt-5.5: pass", "req_1");
        assertThat(entry(plan, Checklist.ROLLBACK).status()).isEqualTo(ItemStatus.DONE);
        assertThat(entry(plan, Checklist.USAGE_LOG).status()).isEqualTo(ItemStatus.OPEN);
    }

    @Test
    void aFailedCheckKeepsTheFeatureItemOpen() {
        CheckResult failed = new CheckResult("streaming:m", "streaming", "m", Verdict.FAIL, "SSE-DONE", "truncated",
                "", null, null, null, null, null, "", "");
        MigrationPlan plan = PlanStoreTest.sample().withSmokeRunAdded(new SmokeRun("t2", "u", List.of(failed)), 10);
        assertThat(entry(plan, Checklist.FEATURES).status()).isEqualTo(ItemStatus.OPEN);
        assertThat(entry(plan, Checklist.FEATURES).evidence()).contains("m: fail");
    }

    @Test
    void thePersonsWordWins() {
        MigrationPlan plan = PlanStoreTest.sample();
        Checklist.Entry quota = entry(plan, Checklist.QUOTA);
        assertThat(quota.status()).isEqualTo(ItemStatus.DONE);
        assertThat(quota.fromPerson()).isTrue();
        assertThat(quota.note()).isEqualTo("quota 5 USD");
        MigrationPlan na = plan.withChecklistItem(new ChecklistItem(Checklist.SDK, ItemStatus.NOT_APPLICABLE, "curl only"));
        assertThat(entry(na, Checklist.SDK).status()).isEqualTo(ItemStatus.NOT_APPLICABLE);
    }
}
