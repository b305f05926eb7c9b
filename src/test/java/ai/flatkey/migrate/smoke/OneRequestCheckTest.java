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
        assertThat(SmokeSuite.requestModelNote(plan, RequestCheck.starter("x", "a"))).isEqualTo("Sent to m1: the plan maps a to it.");
        assertThat(SmokeSuite.requestModelNote(plan, RequestCheck.starter("x", "zz")))
                .isEqualTo("Sent as written (zz): the plan does not map this model.");
        assertThat(SmokeSuite.requestModelNote(plan, RequestCheck.starter("x", "")))
                .isEqualTo("No model in the body: it runs once on every mapped chat model (m1, m2).");
        RequestCheck embeddings = new RequestCheck("e", RequestCheck.Api.EMBEDDINGS,
                com.google.gson.JsonParser.parseString("{\"input\":\"hi\"}").getAsJsonObject(), List.of(), "");
        assertThat(SmokeSuite.requestModelNote(plan, embeddings)).as("the note names the models the suite would use")
                .isEqualTo("No model in the body and no embeddings model mapped: map one in step 3.");
        assertThat(SmokeSuite.derive(plan.withRequestChecks(List.of(embeddings)),
                SuiteOptions.defaults().withRequestCheck("e"))).extracting(Check::model)
                .as("the suite sends it to no model either").containsExactly("");
    }
}
