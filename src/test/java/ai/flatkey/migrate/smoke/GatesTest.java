package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.RepeatStats;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The stage gates as the wizard, the exports and the CLI read them. */
class GatesTest {

    private static MigrationPlan plan() {
        return MigrationPlan.newPlan("p").withTarget(new Endpoint("custom", "http://gw.test/v1", "env:GW_KEY"))
                .withMappings(List.of(new ModelMapping("a", "m1", List.of("chat"), "", 1.0, 2.0)));
    }

    private static CheckResult result(String feature, Verdict v, long totalMs) {
        return new CheckResult(feature + ":m1", feature, "m1", v, v == Verdict.PASS ? "" : "R", "x", "req_" + feature, null,
                totalMs, 1000, 500, 1500, "", "");
    }

    @Test
    void withoutARunEveryMeasurementIsADashAndTheStagesNeedAPerson() {
        Gates.Evaluation e = Gates.evaluate(plan());
        assertThat(e.measurements().errorRateText()).isEqualTo("—");
        assertThat(e.measurements().p95Text()).isEqualTo("—");
        assertThat(e.measurements().costText()).isEqualTo("—");
        assertThat(e.basis()).isEqualTo("Run the smoke tests in step 4 to measure.");
        assertThat(e.stages()).hasSize(plan().rollout().size())
                .allSatisfy(s -> assertThat(s.reading().reading()).isEqualTo(Gates.Reading.MANUAL));
        assertThat(e.stages().get(0).number()).isEqualTo(1);
        assertThat(e.stages().get(0).name()).isEqualTo(plan().rollout().get(0).name());
    }

    @Test
    void theLatestRunsBillableRequestsGiveErrorRateP95AndCostAndTheStagesRead() {
        MigrationPlan p = plan().withSmokeRunAdded(new SmokeRun("2026-06-11T08:00:00Z", "http://gw.test/v1", List.of(
                result("chat", Verdict.PASS, 1000),
                result("streaming", Verdict.FAIL, 900),
                result("models", Verdict.FAIL, 99_999))), 10);
        Gates.Evaluation e = Gates.evaluate(p);
        Gates.Measurements m = e.measurements();
        assertThat(m.requests()).as("models is not billed").isEqualTo(2);
        assertThat(m.errorRateText()).isEqualTo("50.0% (1 of 2)");
        assertThat(m.p95Ms()).isEqualTo(1000L);
        // typed prices: 1000 in × $1/1M + 500 out × $2/1M = $0.002 per request → $2 per 1k
        assertThat(m.costText()).isEqualTo("$2.0000");
        assertThat(m.costSource()).isEqualTo("prices typed in step 3");
        assertThat(e.basis()).contains("2 billable requests").contains("cost from prices typed in step 3");
        assertThat(e.stages().get(0).reading()).isEqualTo(new Gates.StageGate(Gates.Reading.HOLDS, "chat check passed (the same request through the app's HTTP client; the curl command itself was not run)"));
        assertThat(e.stages().get(3).reading().reading()).isEqualTo(Gates.Reading.FAILS);
        assertThat(e.stages().get(5).reading().text()).isEqualTo("✗ error rate 50.0% (1 of 2), p95 1000 ms");
    }

    @Test
    void aRepeatedChecksOwnP95CountsAsItsTime() {
        MigrationPlan p = plan().withSmokeRunAdded(new SmokeRun("2026-06-11T08:00:00Z", "u", List.of(
                result("chat", Verdict.PASS, 100).withStats(new RepeatStats(5, 5, 100L, 4000L, null, null)))), 10);
        assertThat(Gates.measure(p).p95Text()).isEqualTo("4000 ms");
    }

    @Test
    void theSummaryIsPrintableTextWithOneLinePerStage() {
        MigrationPlan p = plan().withSmokeRunAdded(new SmokeRun("2026-06-11T08:00:00Z", "u",
                List.of(result("chat", Verdict.PASS, 700))), 10);
        String text = Gates.summary(p);
        assertThat(text).startsWith("Error rate:    0.0% (0 of 1)\n").contains("p95 latency:   700 ms\n")
                .contains("Stage 1 (Direct curl smoke test): ✓ chat check passed (the same request through the app's HTTP client; the curl command itself was not run)\n")
                .contains("Stage 8 (Ramp up): check by hand\n");
        assertThat(text.lines()).hasSize(4 + p.rollout().size());
    }

    @Test
    void percentileIsNearestRankOverValuesInAnyOrder() {
        assertThat(Stats.percentile(List.of(), 95)).isNull();
        assertThat(Stats.percentile(List.of(7L), 50)).isEqualTo(7L);
        assertThat(Stats.percentile(List.of(5L, 1L, 4L, 2L, 3L), 50)).isEqualTo(3L);
        assertThat(Stats.percentile(List.of(5L, 1L, 4L, 2L, 3L), 95)).isEqualTo(5L);
        assertThat(Stats.percentile(List.of(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L), 90)).isEqualTo(90L);
        assertThat(Stats.percentile(List.of(3L, 1L, 2L), 0)).isEqualTo(1L);
    }
}
