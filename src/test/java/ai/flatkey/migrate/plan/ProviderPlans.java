package ai.flatkey.migrate.plan;

import java.util.List;

/**
 * A plan with three providers (issue 21): an Azure OpenAI route that sends the deployment {@code gpt4o-prod}, a Groq
 * route to migrate, and a Mistral route the person keeps. Shared by the plan, smoke, export and UI tests.
 */
public final class ProviderPlans {
    public static final String AZURE = "Azure OpenAI (contoso.openai.azure.com)";
    public static final String DEPLOYMENT = "gpt4o-prod";
    public static final String GROQ_MODEL = "llama-3.3-70b-versatile";
    public static final String MISTRAL_MODEL = "mistral-large-latest";

    private ProviderPlans() {
    }

    public static SourceProvider azure(String decision) {
        return new SourceProvider(AZURE, "https://contoso.openai.azure.com/openai/deployments/gpt4o-prod", "Node openai", List.of(),
                List.of(DEPLOYMENT), List.of("chat"), 2, "AZURE_OPENAI_API_KEY", "api-key header", "2024-10-21", decision,
                "Azure OpenAI: the code sends deployment names");
    }

    public static SourceProvider groq(String decision) {
        return new SourceProvider("Groq", "https://api.groq.com/openai/v1", "Node openai", List.of(GROQ_MODEL), List.of(), List.of("chat"),
                1, "GROQ_API_KEY", "", "", decision, "");
    }

    public static SourceProvider mistral(String decision) {
        return new SourceProvider("Mistral", "https://api.mistral.ai/v1", "Node openai", List.of(MISTRAL_MODEL), List.of(), List.of("chat"),
                1, "MISTRAL_API_KEY", "", "", decision, "");
    }

    /** Azure and Groq migrate, Mistral is kept; the deployment has no target yet, Groq's model has one. */
    public static MigrationPlan plan() {
        return plan(SourceProvider.MIGRATE, SourceProvider.MIGRATE, SourceProvider.KEEP, "");
    }

    public static MigrationPlan plan(String azure, String groq, String mistral, String behindDeployment) {
        MigrationPlan p = MigrationPlan.newPlan("Three providers");
        Inventory inv = new Inventory("Node openai", List.of("chat"), "https://contoso.openai.azure.com", DEPLOYMENT, List.of(GROQ_MODEL),
                "system + user", Parameters.none(), "", "", List.of(azure(azure), groq(groq), mistral(mistral)));
        return p.withInventory(inv).withMappings(List.of(
                new ModelMapping(DEPLOYMENT, behindDeployment, List.of("chat", "streaming"), ""),
                new ModelMapping(GROQ_MODEL, "llama-3.3-70b", List.of("chat"), ""),
                new ModelMapping(MISTRAL_MODEL, "mistral-large", List.of("chat"), "")));
    }
}
