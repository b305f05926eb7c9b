package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ProviderPlans;
import ai.flatkey.migrate.plan.SourceProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 21: no check for a kept provider's model; the model behind an Azure deployment is named with it; the source side asks the deployment. */
class ProviderSuiteTest {

    private static final MigrationPlan PLAN = ProviderPlans.plan(SourceProvider.MIGRATE, SourceProvider.MIGRATE, SourceProvider.KEEP,
            "gpt-4o");

    @Test
    void aKeptProvidersModelGetsNoCheck() {
        List<Check> checks = SmokeSuite.derive(PLAN);
        assertThat(checks).extracting(Check::model).contains("gpt-4o", "llama-3.3-70b").doesNotContain("mistral-large");
        MigrationPlan allMove = ProviderPlans.plan(SourceProvider.MIGRATE, SourceProvider.MIGRATE, SourceProvider.MIGRATE, "gpt-4o");
        assertThat(SmokeSuite.derive(allMove)).extracting(Check::model).contains("mistral-large");
    }

    @Test
    void theModelBehindADeploymentIsNamedWithIt() {
        assertThat(PLAN.checkedModelLabel("gpt-4o")).isEqualTo("gpt-4o (behind deployment gpt4o-prod)");
        assertThat(PLAN.checkedModelLabel("llama-3.3-70b")).isEqualTo("llama-3.3-70b");
        assertThat(PLAN.checkedModelLabel("mistral-large")).as("kept: no check stands in for it").isEqualTo("mistral-large");
        assertThat(PLAN.inventory().currentModelLabel("gpt4o-prod")).isEqualTo("gpt4o-prod (Azure deployment)");
        assertThat(PLAN.inventory().currentModelLabel("llama-3.3-70b-versatile")).isEqualTo("llama-3.3-70b-versatile");
    }

    @Test
    void onTheCurrentProviderTheCheckAsksTheDeployment() {
        List<Check> target = SmokeSuite.derive(PLAN);
        Map<Check, Check> pairs = SmokeSuite.sourcePairs(PLAN, target);
        Check chat = target.stream().filter(c -> c.id().equals("chat:gpt-4o")).findFirst().orElseThrow();
        Check source = pairs.get(chat);
        assertThat(source.model()).isEqualTo("gpt4o-prod");
        assertThat(source.id()).isEqualTo("source:chat:gpt4o-prod");
        assertThat(pairs.values()).extracting(Check::model).doesNotContain("mistral-large-latest");
    }
}
