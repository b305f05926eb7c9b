package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.RequestCheck;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The selection the check editor's Try it runs: one request check, on every model it runs on, and nothing else. */
class OneRequestCheckTest {

    @Test
    void aRequestCheckIsSelectedAloneOnEachModelItRunsOn() {
        MigrationPlan plan = MigrationPlan.newPlan("p").withTarget(new Endpoint("custom", "http://gw.test/v1", ""))
                .withMappings(List.of(new ModelMapping("a", "m1", List.of("chat"), ""),
                        new ModelMapping("b", "m2", List.of("chat"), "")))
                .withRequestChecks(List.of(RequestCheck.starter("any-model", ""), RequestCheck.starter("on-a", "a"),
                        RequestCheck.starter("any-model-2", "")));
        assertThat(SmokeSuite.derive(plan, SuiteOptions.defaults().withRequestCheck("any-model")))
                .extracting(Check::id).containsExactly("request:any-model:m1", "request:any-model:m2");
        assertThat(SmokeSuite.derive(plan, SuiteOptions.defaults().withRequestCheck("on-a")))
                .extracting(Check::id, Check::model).containsExactly(org.assertj.core.groups.Tuple.tuple("request:on-a", "m1"));
        assertThat(SmokeSuite.requestModelNote(plan, "a")).isEqualTo("Sent to m1: the plan maps a to it.");
        assertThat(SmokeSuite.requestModelNote(plan, "zz")).isEqualTo("Sent as written (zz): the plan does not map this model.");
    }
}
