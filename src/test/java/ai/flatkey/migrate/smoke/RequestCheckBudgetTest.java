package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.Assertion;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.RequestCheck;
import ai.flatkey.migrate.usage.ModelPrice;
import ai.flatkey.migrate.usage.PriceTable;
import ai.flatkey.migrate.usage.QuotaGuard;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A request check is sent as written, so the quota guard counts it at its own body's output limit, not at the 256
 * tokens the app's own probes carry; a body without a limit is counted at an assumption the warning names.
 */
class RequestCheckBudgetTest {

    private static RequestCheck check(String name, String body) {
        return new RequestCheck(name, RequestCheck.Api.CHAT, JsonParser.parseString(body).getAsJsonObject(),
                List.of(Assertion.of(Assertion.Kind.NOT_EMPTY)), "");
    }

    private static SuiteRun.Sides sides(RequestCheck... checks) throws Exception {
        MigrationPlan plan = new PlanStore().load(Path.of("assets/sample-plans/demo.json"))
                .withTarget(new Endpoint("demo", "http://127.0.0.1:1/v1", "demo"))
                .withRequestChecks(List.of(checks));
        SuiteOptions only = SuiteOptions.defaults().withChecks("request:*");
        return new SuiteRun.Sides(plan, only, SmokeSuite.derive(plan, only), new Target("x", "k"), null);
    }

    @Test
    void aRequestCheckIsCountedAtItsOwnOutputLimit() throws Exception {
        String body = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":2000,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Write the refund policy in full.\"}]}";
        SuiteRun.Sides s = sides(check("long-answer", body));
        assertThat(s.bills()).singleElement().satisfies(b -> {
            assertThat(b.model()).isEqualTo("gpt-5.5"); // the plan maps gpt-4o-mini to it
            assertThat(b.outputTokens()).isEqualTo(2000);
            assertThat(b.promptTokens()).isEqualTo((int) Math.ceil(body.length() / 3.0));
            assertThat(b.bounded()).isTrue();
        });
        PriceTable prices = PriceTable.of(List.of(new ModelPrice("gpt-5.5", 1.0, 10.0, 0, "test")), List.of(),
                MigrationPlan.newPlan("x"));
        QuotaGuard.Estimate e = QuotaGuard.estimate(s.bills(), prices);
        assertThat(e.costUsd()).isCloseTo((Math.ceil(body.length() / 3.0) * 1.0 + 2000 * 10.0) / 1_000_000, within(1e-12));
        assertThat(e.unbounded()).isZero();
        assertThat(e.costUsd()).as("more than a probe's 256-token bound would say")
                .isGreaterThan(QuotaGuard.estimate(1, List.of("gpt-5.5"), prices).costUsd());
    }

    @Test
    void aBodyWithoutALimitIsCountedAtTheStatedAssumptionAndTheWarningSaysSo() throws Exception {
        SuiteRun.Sides s = sides(check("open-ended", "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Tell me everything.\"}]}"),
                check("short", "{\"model\":\"gpt-4o-mini\",\"max_completion_tokens\":50,\"messages\":[{\"role\":"
                        + "\"user\",\"content\":\"Yes or no?\"}]}"));
        assertThat(s.bills()).extracting(QuotaGuard.Bill::outputTokens)
                .containsExactly(QuotaGuard.UNBOUNDED_OUTPUT_COUNTED, 50);
        PriceTable prices = PriceTable.of(List.of(new ModelPrice("gpt-5.5", 1.0, 10.0, 0, "test")), List.of(),
                MigrationPlan.newPlan("x"));
        QuotaGuard.Estimate e = QuotaGuard.estimate(s.bills(), prices);
        assertThat(e.unbounded()).isEqualTo(1);
        Optional<String> warning = QuotaGuard.check(e, Optional.empty(), 0.00001);
        assertThat(warning).hasValueSatisfying(w -> assertThat(w).endsWith(
                " 1 of them set no output limit and are counted at 4,096 output tokens each, so the cost may be higher."));
    }
}
