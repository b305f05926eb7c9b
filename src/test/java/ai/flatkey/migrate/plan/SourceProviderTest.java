package ai.flatkey.migrate.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The inventory's optional provider rows (issue 21): absent in older plans, kept through a save, never a key or a password. */
class SourceProviderTest {

    @TempDir
    Path dir;

    private final PlanStore store = new PlanStore();

    private static SourceProvider azure() {
        return new SourceProvider("Azure OpenAI (acme.openai.azure.com)", "https://acme.openai.azure.com", "Node openai",
                List.of(), List.of("chat-4o-prod"), List.of("chat"), 2, "AZURE_OPENAI_API_KEY", "api-key header", "2024-10-21",
                SourceProvider.MIGRATE, "Azure OpenAI: deployments");
    }

    @Test
    void aPlanWithoutProviderRowsLoadsWithNone() throws Exception {
        MigrationPlan plan = store.fromJson("""
                {"schemaVersion": 3, "name": "old", "inventory": {"sdk": "Python openai", "endpoints": ["chat"]},
                 "mappings": [{"sourceModel": "gpt-4o", "targetModel": "gpt-5.5", "features": ["chat"], "notes": ""}]}
                """, "old.json");
        assertThat(plan.inventory().providers()).isEmpty();
        assertThat(plan.inventory().sdk()).isEqualTo("Python openai");
        assertThat(plan.inventory().isDeployment("gpt-4o")).isFalse();
    }

    @Test
    void rowsSurviveASaveAndALoad() throws Exception {
        MigrationPlan plan = PlanStoreTest.sample();
        plan = plan.withInventory(plan.inventory().withProviders(List.of(azure(),
                new SourceProvider("Groq", "https://api.groq.com/openai/v1", "Node openai", List.of("llama-3.3-70b-versatile"), List.of(),
                        List.of("chat"), 1, "GROQ_API_KEY", "", "", SourceProvider.KEEP, ""))));
        Path file = dir.resolve("plan.json");
        store.save(file, plan);
        MigrationPlan back = store.load(file);
        assertThat(back.inventory()).isEqualTo(plan.inventory());
        assertThat(back.inventory().isDeployment("chat-4o-prod")).isTrue();
        assertThat(back.inventory().providers().get(1).decision()).isEqualTo(SourceProvider.KEEP);
    }

    @Test
    void aRowHoldsNoKeyNoPasswordAndAKnownDecision() {
        SourceProvider p = new SourceProvider(" Groq ", "https://user:hunter2-not-real@gw.example.com/v1", null, null, null, null, -3,
                "sk-test-0000000000000000-not-a-real-key", null, null, "Migrate", null);
        assertThat(p.name()).isEqualTo("Groq");
        assertThat(p.baseUrl()).isEqualTo("https://gw.example.com/v1");
        assertThat(p.keyEnv()).as("a key value is no environment variable name").isEmpty();
        assertThat(p.calls()).isZero();
        assertThat(p.decision()).isEqualTo(SourceProvider.MIGRATE);
        assertThat(p.models()).isEmpty();
        assertThat(new SourceProvider("x", "", "", null, null, null, 0, "GROQ_API_KEY", "", "", "later", "").decision()).isEmpty();
        assertThat(p.withDecision("keep").decision()).isEqualTo(SourceProvider.KEEP);
    }
}
