package ai.flatkey.migrate.ui.step.mapping;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.ProviderPlans;
import ai.flatkey.migrate.plan.SourceProvider;
import ai.flatkey.migrate.ui.FakeFileDialogs;
import ai.flatkey.migrate.ui.StepFixtures;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.doc.TargetCatalog;
import ai.flatkey.migrate.ui.support.Tone;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Step 3 with provider rows (issue 21): a deployment row asks for the model behind it; a kept provider's row is not mapped. */
class DeploymentMappingViewModelTest extends StepFixtures {

    @Test
    void aDeploymentRowIsLabelledAndAsksForTheModelBehindIt() {
        PlanDocument doc = new PlanDocument(ProviderPlans.plan());
        MappingViewModel vm = mapping(doc, new TargetCatalog());
        MappingRow deployment = row(vm, ProviderPlans.DEPLOYMENT);
        assertThat(deployment.kindProperty().get()).isEqualTo("Deployment");
        assertThat(deployment.deploymentProperty().get()).isTrue();
        assertThat(deployment.statusProperty().get()).isEqualTo("Pick the model behind it");
        assertThat(deployment.statusToneProperty().get()).isEqualTo(Tone.WARNING);
        assertThat(row(vm, ProviderPlans.GROQ_MODEL).kindProperty().get()).isEqualTo("Model");

        deployment.targetProperty().set("gpt-4o");
        assertThat(deployment.statusProperty().get()).isEqualTo("OK");
        assertThat(doc.plan().mappings().get(0).targetModel()).isEqualTo("gpt-4o");
    }

    @Test
    void aKeptProvidersRowIsMarkedAndLeftOutOfTheCount() {
        PlanDocument doc = new PlanDocument(ProviderPlans.plan());
        MappingViewModel vm = mapping(doc, new TargetCatalog());
        MappingRow mistral = row(vm, ProviderPlans.MISTRAL_MODEL);
        assertThat(mistral.kindProperty().get()).isEqualTo("Kept");
        assertThat(mistral.keptProperty().get()).isTrue();
        assertThat(mistral.statusProperty().get()).isEqualTo("Kept: no check");
        assertThat(vm.summaryProperty().get()).startsWith("1 of 2 mappings complete. 1 row stays on a kept provider (no check). ");

        // deciding to migrate Mistral after all (step 1) brings its row back into the count
        doc.edit(p -> p.withInventory(p.inventory().withProviders(List.of(ProviderPlans.azure(SourceProvider.MIGRATE),
                ProviderPlans.groq(SourceProvider.MIGRATE), ProviderPlans.mistral(SourceProvider.MIGRATE)))));
        assertThat(row(vm, ProviderPlans.MISTRAL_MODEL).kindProperty().get()).isEqualTo("Model");
        assertThat(vm.summaryProperty().get()).startsWith("2 of 3 mappings complete. Run the connection check");
    }

    @Test
    void seedingAddsTheProvidersModelsAndDeploymentsButNotAKeptOnes() {
        MigrationPlan plan = ProviderPlans.plan().withMappings(List.of());
        PlanDocument doc = new PlanDocument(plan);
        MappingViewModel vm = mapping(doc, new TargetCatalog());
        assertThat(vm.seedFromInventory()).isEqualTo(2);
        assertThat(doc.plan().mappings()).extracting(ModelMapping::sourceModel)
                .containsExactly(ProviderPlans.DEPLOYMENT, ProviderPlans.GROQ_MODEL);
        assertThat(row(vm, ProviderPlans.DEPLOYMENT).kindProperty().get()).isEqualTo("Deployment");
    }

    private static MappingRow row(MappingViewModel vm, String source) {
        return vm.rows().stream().filter(r -> r.sourceProperty().get().equals(source)).findFirst().orElseThrow();
    }

    private MappingViewModel mapping(PlanDocument doc, TargetCatalog catalog) {
        return new MappingViewModel(doc, catalog, new FakeFileDialogs(), bg, keys(), new FakeUsage(), new NoDemo(), (u, k, c) -> {
            throw new AssertionError("no network");
        });
    }
}
