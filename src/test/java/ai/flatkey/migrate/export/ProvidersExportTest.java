package ai.flatkey.migrate.export;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ProviderPlans;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.SourceProvider;
import ai.flatkey.migrate.plan.Verdict;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21 in every export: a Providers section with each provider's host, models and deployments and decision; an Azure
 * deployment's mapping row named as a deployment; a kept provider's row marked as not migrated. The words, not only a heading.
 */
class ProvidersExportTest {

    private static final MigrationPlan PLAN = ProviderPlans.plan(SourceProvider.MIGRATE, "", SourceProvider.KEEP, "");

    @Test
    void markdownListsEachProviderWithItsDecisionAndNamesTheDeployment() {
        String md = ChecklistMarkdown.render(PLAN);
        assertThat(md).contains("""
                ## Providers

                Each provider the app talks to is its own decision: migrate it to the target gateway, or keep it where it is. \
                A kept provider's models get no mapping and no smoke check.

                | Provider | Host | Models and deployments | Calls | Decision |
                |---|---|---|---|---|
                | Azure OpenAI (contoso.openai.azure.com) | contoso.openai.azure.com | deployment: gpt4o-prod | 2 | Migrate to the target gateway |
                | Groq | api.groq.com | llama-3.3-70b-versatile | 1 | Not decided (choose in step 1) |
                | Mistral | api.mistral.ai | mistral-large-latest | 1 | Keep on this provider |
                """);
        assertThat(md).contains("| Current model or deployment | Target model | Features | Notes |")
                .contains("| gpt4o-prod (Azure deployment) | (model behind it not chosen) | chat, streaming |  |")
                .contains("| llama-3.3-70b-versatile | llama-3.3-70b | chat |  |")
                .contains("| mistral-large-latest | mistral-large | chat | kept on Mistral: not migrated, no smoke check |");
        assertThat(md).contains("| [ ] | Each provider has a decision: migrate or keep | open |")
                .contains("Kept out of the move: Mistral (mistral-large-latest). It keeps its own base URL and key, and its models"
                        + " get no mapping and no smoke check.")
                .contains("choose the model behind each Azure deployment: gpt4o-prod.");
    }

    @Test
    void aPlanWithoutProvidersHasNoProvidersSectionAndKeepsItsModelHeader() {
        String md = ChecklistMarkdown.render(ExportFixtures.full());
        assertThat(md).doesNotContain("## Providers").doesNotContain("deployment").contains("| Current model | Target model |");
    }

    @Test
    void htmlAndPdfSayTheSame() throws Exception {
        String html = ChecklistHtml.render(PLAN, ExportFixtures.NOW, ExportFixtures.GENERATOR);
        assertThat(html).contains("<section id=\"providers\">\n<h2>Providers</h2>")
                .contains("<tr><td>Mistral</td><td><code>api.mistral.ai</code></td><td>mistral-large-latest</td><td>1</td>"
                        + "<td>Keep on this provider</td></tr>")
                .contains("<tr><td>Azure OpenAI (contoso.openai.azure.com)</td><td><code>contoso.openai.azure.com</code></td>"
                        + "<td>deployment: gpt4o-prod</td><td>2</td><td>Migrate to the target gateway</td></tr>")
                .contains("<th>Current model or deployment</th>")
                .contains("<code>gpt4o-prod</code> <span class=\"muted\">(Azure deployment)</span></td><td><span class=\"pill warn\">"
                        + "model behind it not chosen</span>");
        byte[] pdf = ChecklistPdf.render(PLAN, ExportFixtures.NOW, ExportFixtures.GENERATOR);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertThat(text).contains("Providers").contains("Keep on this provider").contains("Not decided (choose in step 1)")
                    .contains("model behind it not chosen").contains("kept on Mistral: not migrated, no smoke check");
        }
    }

    @Test
    void aCheckOnTheModelBehindADeploymentSaysSoInTheSmokeTables() {
        MigrationPlan plan = ProviderPlans.plan(SourceProvider.MIGRATE, SourceProvider.MIGRATE, SourceProvider.KEEP, "gpt-4o")
                .withSmokeRunAdded(new SmokeRun("2026-12-07T12:00:00Z", "https://router.flatkey.ai/v1", List.of(
                        new CheckResult("chat:gpt-4o", "chat", "gpt-4o", Verdict.PASS, "", "ok", "req_1", 90L, 300L, 10, 5, 15, "hi", ""),
                        new CheckResult("chat:llama-3.3-70b", "chat", "llama-3.3-70b", Verdict.PASS, "", "ok", "req_2", 80L, 200L, 10, 5, 15,
                                "hi", ""))), 3);
        String md = ChecklistMarkdown.render(plan);
        assertThat(md).contains("| chat | gpt-4o (behind deployment gpt4o-prod) | pass |").contains("| chat | llama-3.3-70b | pass |");
        String html = ChecklistHtml.render(plan, ExportFixtures.NOW, ExportFixtures.GENERATOR);
        assertThat(html).contains("<div class=\"small muted\">gpt-4o (behind deployment gpt4o-prod)</div>")
                .contains("<div class=\"small muted\">llama-3.3-70b</div>");
    }

    @Test
    void jsonCarriesTheProvidersTheDecisionsAndTheDeploymentRow() throws Exception {
        JsonObject root = JsonParser.parseString(PlanJson.render(PLAN, ExportFixtures.NOW, ExportFixtures.GENERATOR)).getAsJsonObject();
        JsonArray providers = root.getAsJsonObject("inventory").getAsJsonArray("providers");
        assertThat(providers).hasSize(3);
        JsonObject azure = providers.get(0).getAsJsonObject();
        assertThat(azure.get("host").getAsString()).isEqualTo("contoso.openai.azure.com");
        assertThat(azure.getAsJsonArray("deployments").get(0).getAsString()).isEqualTo("gpt4o-prod");
        assertThat(azure.get("decision").getAsString()).isEqualTo("migrate");
        assertThat(providers.get(1).getAsJsonObject().get("decision").getAsString()).isEmpty();
        assertThat(providers.get(1).getAsJsonObject().get("decisionText").getAsString()).isEqualTo("Not decided (choose in step 1)");
        assertThat(providers.get(2).getAsJsonObject().get("decision").getAsString()).isEqualTo("keep");
        JsonArray mappings = root.getAsJsonArray("mappings");
        assertThat(mappings.get(0).getAsJsonObject().get("sourceKind").getAsString()).isEqualTo("deployment");
        assertThat(mappings.get(1).getAsJsonObject().get("sourceKind").getAsString()).isEqualTo("model");
        assertThat(mappings.get(2).getAsJsonObject().get("kept").getAsBoolean()).isTrue();
        assertThat(mappings.get(1).getAsJsonObject().get("kept").getAsBoolean()).isFalse();
        try (InputStream in = PlanJson.class.getResourceAsStream(PlanJson.SCHEMA_RESOURCE)) {
            MiniSchemaValidator v = new MiniSchemaValidator(JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject());
            assertThat(v.validate(root)).isEmpty();
        }
    }
}
