package ai.flatkey.migrate.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static ai.flatkey.migrate.plan.ProviderPlans.DEPLOYMENT;
import static ai.flatkey.migrate.plan.ProviderPlans.GROQ_MODEL;
import static ai.flatkey.migrate.plan.ProviderPlans.MISTRAL_MODEL;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 21: a kept provider's models leave the move; the checklist names deployments and each provider's decision. */
class ProviderDecisionsTest {

    @TempDir
    Path dir;

    @Test
    void aKeptProvidersModelsLeaveTheTargetsButStayInThePlan() {
        MigrationPlan plan = ProviderPlans.plan(SourceProvider.MIGRATE, SourceProvider.MIGRATE, SourceProvider.KEEP, "gpt-4o");
        assertThat(plan.inventory().isKept(MISTRAL_MODEL)).isTrue();
        assertThat(plan.inventory().isKept(GROQ_MODEL)).isFalse();
        assertThat(plan.inventory().isKept("gpt-unknown")).as("a model no provider row names is not kept").isFalse();
        assertThat(plan.migratingMappings()).extracting(ModelMapping::sourceModel).containsExactly(DEPLOYMENT, GROQ_MODEL);
        assertThat(plan.targetModels()).containsExactly("gpt-4o", "llama-3.3-70b");
        assertThat(plan.mappings()).hasSize(3);
    }

    @Test
    void aModelSentToAKeptAndAMovedProviderStillMoves() {
        MigrationPlan plan = ProviderPlans.plan();
        SourceProvider other = new SourceProvider("OpenRouter", "https://openrouter.ai/api/v1", "", List.of(MISTRAL_MODEL), List.of(),
                List.of("chat"), 1, "", "", "", SourceProvider.MIGRATE, "");
        List<SourceProvider> rows = new java.util.ArrayList<>(plan.inventory().providers());
        rows.add(other);
        plan = plan.withInventory(plan.inventory().withProviders(rows));
        assertThat(plan.inventory().isKept(MISTRAL_MODEL)).isFalse();
        assertThat(plan.targetModels()).contains("mistral-large");
    }

    @Test
    void theChecklistSaysWhichProvidersMoveWhichAreKeptAndWhichAreUndecided() {
        Checklist.Entry e = entry(ProviderPlans.plan(SourceProvider.MIGRATE, "", SourceProvider.KEEP, ""), Checklist.PROVIDERS);
        assertThat(e.title()).isEqualTo("Each provider has a decision: migrate or keep");
        assertThat(e.status()).isEqualTo(ItemStatus.OPEN);
        assertThat(e.evidence()).isEqualTo("Migrate to the target: Azure OpenAI (contoso.openai.azure.com) (deployment: gpt4o-prod)."
                + " Kept out of the move: Mistral (mistral-large-latest). It keeps its own base URL and key, and its models get no"
                + " mapping and no smoke check."
                + " Not decided: Groq (llama-3.3-70b-versatile). Choose migrate or keep for each in step 1.");

        Checklist.Entry done = entry(ProviderPlans.plan(), Checklist.PROVIDERS);
        assertThat(done.status()).isEqualTo(ItemStatus.DONE);
        assertThat(done.evidence()).startsWith("Migrate to the target: Azure OpenAI (contoso.openai.azure.com) (deployment: gpt4o-prod),"
                + " Groq (llama-3.3-70b-versatile).").doesNotContain("Not decided");
    }

    @Test
    void aPlanWithoutProviderRowsHasNoProvidersItem() {
        assertThat(Checklist.derive(PlanStoreTest.sample())).extracting(Checklist.Entry::id).doesNotContain(Checklist.PROVIDERS);
    }

    @Test
    void theModelItemAsksForTheModelBehindTheDeploymentAndNamesItOnceChosen() {
        Checklist.Entry open = entry(ProviderPlans.plan(), Checklist.MODEL);
        assertThat(open.status()).isEqualTo(ItemStatus.OPEN);
        assertThat(open.evidence()).isEqualTo("Map every current model ID in step 3, and choose the model behind each Azure deployment:"
                + " gpt4o-prod.");

        Checklist.Entry done = entry(ProviderPlans.plan(SourceProvider.MIGRATE, SourceProvider.MIGRATE, SourceProvider.KEEP, "gpt-4o"),
                Checklist.MODEL);
        assertThat(done.status()).as("the kept Mistral row needs no target").isEqualTo(ItemStatus.DONE);
        assertThat(done.evidence()).isEqualTo("deployment gpt4o-prod \u2192 gpt-4o, llama-3.3-70b");
    }

    @Test
    void decisionsSurviveASaveAndAPlanWithoutThemLoadsUndecided() throws Exception {
        PlanStore store = new PlanStore();
        Path file = dir.resolve("plan.json");
        store.save(file, ProviderPlans.plan());
        MigrationPlan back = store.load(file);
        assertThat(back.inventory().providers()).extracting(SourceProvider::decision)
                .containsExactly(SourceProvider.MIGRATE, SourceProvider.MIGRATE, SourceProvider.KEEP);
        assertThat(back.migratingMappings()).extracting(ModelMapping::sourceModel).containsExactly(DEPLOYMENT, GROQ_MODEL);

        MigrationPlan old = store.fromJson("""
                {"schemaVersion": 4, "name": "before decisions",
                 "inventory": {"sdk": "Node openai", "endpoints": ["chat"],
                   "providers": [{"name": "Groq", "baseUrl": "https://api.groq.com/openai/v1", "models": ["llama-3.3-70b-versatile"]}]},
                 "mappings": [{"sourceModel": "llama-3.3-70b-versatile", "targetModel": "llama-3.3-70b", "features": ["chat"]}]}
                """, "old.json");
        assertThat(old.inventory().providers()).singleElement().extracting(SourceProvider::decision).isEqualTo("");
        assertThat(old.targetModels()).containsExactly("llama-3.3-70b");
        assertThat(entry(old, Checklist.PROVIDERS).evidence())
                .isEqualTo("Not decided: Groq (llama-3.3-70b-versatile). Choose migrate or keep for each in step 1.");
    }

    private static Checklist.Entry entry(MigrationPlan plan, String id) {
        return Checklist.derive(plan).stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }
}
