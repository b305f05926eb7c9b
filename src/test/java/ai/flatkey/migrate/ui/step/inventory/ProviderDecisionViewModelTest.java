package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ProviderPlans;
import ai.flatkey.migrate.plan.SourceProvider;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Step 1's provider rows (issue 21): each decision the person picks is saved in the plan, and the summary counts them. */
class ProviderDecisionViewModelTest {

    @Test
    void aDecisionIsSavedAtOnceAndTheSummaryCountsThem() {
        PlanDocument doc = new PlanDocument(ProviderPlans.plan(SourceProvider.MIGRATE, "", SourceProvider.MIGRATE, ""));
        InventoryViewModel vm = new InventoryViewModel(doc);
        assertThat(vm.providers()).extracting(ProviderRow::name).containsExactly(ProviderPlans.AZURE, "Groq", "Mistral");
        assertThat(vm.providers()).extracting(ProviderRow::host).containsExactly("contoso.openai.azure.com", "api.groq.com", "api.mistral.ai");
        assertThat(vm.providers().get(0).sent()).isEqualTo("deployment: gpt4o-prod");
        assertThat(vm.providers()).extracting(ProviderRow::shortName).containsExactly("Azure OpenAI", "Groq", "Mistral");
        assertThat(vm.providersSummary.get()).isEqualTo("3 providers: 2 to migrate, 0 kept, 1 not decided.");

        vm.providers().get(2).decisionProperty().setValue(SourceProvider.KEEP);
        assertThat(doc.plan().inventory().providers().get(2).decision()).isEqualTo(SourceProvider.KEEP);
        assertThat(doc.plan().inventory().isKept(ProviderPlans.MISTRAL_MODEL)).isTrue();
        assertThat(doc.plan().targetModels()).doesNotContain("mistral-large");
        assertThat(vm.providersSummary.get())
                .isEqualTo("3 providers: 1 to migrate, 1 kept, 1 not decided. A kept provider's models get no mapping and no smoke check.");
        assertThat(doc.plan().inventory().providers().get(0)).as("the other values stay the scan's")
                .isEqualTo(ProviderPlans.azure(SourceProvider.MIGRATE));

        vm.providers().get(1).decisionProperty().setValue(SourceProvider.MIGRATE);
        assertThat(doc.plan().inventory().providers().get(1).decision()).isEqualTo(SourceProvider.MIGRATE);
        vm.sdk.set("Node openai 4.x");
        assertThat(doc.plan().inventory().providers()).extracting(SourceProvider::decision)
                .containsExactly(SourceProvider.MIGRATE, SourceProvider.MIGRATE, SourceProvider.KEEP);
    }

    @Test
    void anotherPlanReplacesTheRowsAndAPlanWithoutProvidersHasNone() {
        PlanDocument doc = new PlanDocument(ProviderPlans.plan());
        InventoryViewModel vm = new InventoryViewModel(doc);
        assertThat(vm.providers()).hasSize(3);
        doc.replace(MigrationPlan.newPlan("no providers"), null);
        assertThat(vm.providers()).isEmpty();
        assertThat(doc.plan().inventory().providers()).isEmpty();
    }

    @Test
    void theChoiceReadsInPlainWords() {
        assertThat(ProviderRow.DECISIONS.stream().map(ProviderRow::label).toList()).containsExactly("Migrate", "Keep", "Not decided");
    }
}
