package ai.flatkey.migrate.scan;

import ai.flatkey.migrate.plan.SourceProvider;
import ai.flatkey.migrate.plan.MigrationPlan;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21, items 1, 2 and 5: each provider its own row (by host, SDK class or LiteLLM prefix), Azure OpenAI in each
 * SDK's form with deployments, api-version and the api-key header, "repeated base URL" only for one endpoint, and a
 * base URL read from data named as such.
 */
class ProvidersScanTest {

    @TempDir
    Path tmp;

    private ScanResult scan(String... nameThenText) throws Exception {
        for (int i = 0; i < nameThenText.length; i += 2) {
            Path f = tmp.resolve(nameThenText[i]);
            Files.createDirectories(f.getParent());
            Files.writeString(f, nameThenText[i + 1]);
        }
        return CorpusScanTest.scan(tmp);
    }

    private static List<String> values(ScanResult r, FindingKind kind) {
        return r.findings().stream().filter(f -> f.kind() == kind).map(Finding::value).distinct().toList();
    }

    private static Map<String, SourceProvider> rows(ScanResult r) {
        return Prefill.propose(r).stream().filter(p -> p.target() == Proposal.Target.PROVIDER)
                .collect(Collectors.toMap(Proposal::value, Proposal::provider));
    }

    @Test
    void twoProvidersAreTwoRowsNotOneScatteredSetting() throws Exception {
        ScanResult r = scan("routes.ts", """
                import OpenAI from "openai";
                const groq = new OpenAI({ baseURL: "https://api.groq.com/openai/v1", apiKey: process.env.GROQ_API_KEY });
                const mistral = new OpenAI({ baseURL: "https://api.mistral.ai/v1", apiKey: process.env.MISTRAL_API_KEY });
                export const fast = (messages) => groq.chat.completions.create({ model: "llama-3.1-8b-instant", messages });
                export const smart = (messages) => mistral.chat.completions.create({ model: "mistral-large-latest", messages });
                """);
        assertThat(r.findings()).as(CorpusScanTest.describe(r)).noneMatch(f -> f.kind() == FindingKind.RISK_REPEATED_BASE_URL);
        assertThat(values(r, FindingKind.PROVIDER)).containsExactly("Groq", "Mistral");
        assertThat(r.calls()).extracting(CallSite::provider).containsExactly("Groq", "Mistral");
        Map<String, SourceProvider> rows = rows(r);
        assertThat(rows.get("Groq").models()).containsExactly("llama-3.1-8b-instant");
        assertThat(rows.get("Groq").baseUrl()).isEqualTo("https://api.groq.com/openai/v1");
        assertThat(rows.get("Groq").keyEnv()).isEqualTo("GROQ_API_KEY");
        assertThat(rows.get("Groq").endpoints()).containsExactly("chat");
        assertThat(rows.get("Groq").decision()).isEqualTo(SourceProvider.MIGRATE);
        assertThat(rows.get("Mistral").models()).containsExactly("mistral-large-latest");
        assertThat(rows.get("Mistral").keyEnv()).isEqualTo("MISTRAL_API_KEY");
    }

    @Test
    void oneEndpointWrittenInSeveralPlacesIsStillOneScatteredSetting() throws Exception {
        ScanResult r = scan("a.py", """
                from openai import OpenAI
                chat = OpenAI(base_url="https://api.groq.com/openai/v1")
                """, "b.py", """
                from openai import OpenAI
                batch = OpenAI(base_url="https://api.groq.com/openai/v1/")
                other = OpenAI(base_url="https://api.mistral.ai/v1")
                """);
        assertThat(r.risks()).filteredOn(f -> f.kind() == FindingKind.RISK_REPEATED_BASE_URL).singleElement().satisfies(f -> {
            assertThat(f.value()).isEqualTo("https://api.groq.com/openai/v1");
            assertThat(f.detail()).contains("hard-coded in 2 places (a.py:2, b.py:2)").doesNotContain("mistral");
        });
        assertThat(rows(r)).containsOnlyKeys("Groq", "Mistral");
    }

    static Stream<List<String>> azureForms() {
        return Stream.of(
                List.of("python AzureOpenAI", "app.py", """
                        import os
                        from openai import AzureOpenAI
                        client = AzureOpenAI(azure_endpoint="https://contoso.openai.azure.com", api_key=os.environ["AZURE_OPENAI_API_KEY"], api_version="2024-10-21")
                        r = client.chat.completions.create(model="chat-prod", messages=[])
                        """, "Azure OpenAI (contoso.openai.azure.com)", "chat-prod"),
                List.of("python AsyncAzureOpenAI, endpoint from .env", "app.py", """
                        import os
                        from openai import AsyncAzureOpenAI
                        client = AsyncAzureOpenAI(azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"], api_version=os.environ["OPENAI_API_VERSION"])
                        async def go():
                            return await client.embeddings.create(model="embed-prod", input=["x"])
                        """, "Azure OpenAI (contoso.openai.azure.com)", "embed-prod"),
                List.of("node AzureOpenAI", "app.ts", """
                        import { AzureOpenAI } from "openai";
                        const client = new AzureOpenAI({ endpoint: "https://contoso.openai.azure.com", apiVersion: "2024-10-21" });
                        await client.chat.completions.create({ model: "chat-prod", messages: [] });
                        """, "Azure OpenAI (contoso.openai.azure.com)", "chat-prod"),
                List.of("node plain client with a deployment URL", "app.ts", """
                        import OpenAI from "openai";
                        const client = new OpenAI({
                          baseURL: `${process.env.AZURE_OPENAI_ENDPOINT}/openai/deployments/${process.env.AZURE_OPENAI_DEPLOYMENT}`,
                          defaultQuery: { "api-version": "2024-10-21" },
                          defaultHeaders: { "api-key": process.env.AZURE_OPENAI_API_KEY },
                        });
                        await client.chat.completions.create({ model: "", messages: [] });
                        """, "Azure OpenAI (contoso.openai.azure.com)", "chat-prod"),
                List.of("java com.azure OpenAIClientBuilder", "Chat.java", """
                        import com.azure.ai.openai.OpenAIClient;
                        import com.azure.ai.openai.OpenAIClientBuilder;
                        import com.azure.core.credential.AzureKeyCredential;
                        class Chat {
                            OpenAIClient client = new OpenAIClientBuilder().endpoint("https://contoso.openai.azure.com")
                                    .credential(new AzureKeyCredential(System.getenv("AZURE_OPENAI_API_KEY"))).buildClient();
                            Object ask(Object options) { return client.getChatCompletions("chat-prod", options); }
                        }
                        """, "Azure OpenAI (contoso.openai.azure.com)", "chat-prod"),
                List.of(".NET AzureOpenAIClient", "Chat.cs", """
                        using Azure;
                        using Azure.AI.OpenAI;
                        var azure = new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com/"), new AzureKeyCredential(key));
                        var chat = azure.GetChatClient("chat-prod");
                        """, "Azure OpenAI (contoso.openai.azure.com)", "chat-prod"),
                List.of("LangChain AzureChatOpenAI", "chain.py", """
                        from langchain_openai import AzureChatOpenAI
                        llm = AzureChatOpenAI(azure_deployment="chat-prod", api_version="2024-10-21")
                        """, "Azure OpenAI (contoso.openai.azure.com)", "chat-prod"),
                List.of("LiteLLM azure/ prefix", "agent.py", """
                        import litellm
                        def go(m):
                            return litellm.completion(model="azure/chat-prod", messages=m, api_base="https://contoso.openai.azure.com")
                        """, "Azure OpenAI (contoso.openai.azure.com)", "azure/chat-prod"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("azureForms")
    void azureOpenAiInEachSdkForm(List<String> c) throws Exception {
        ScanResult r = scan(c.get(1), c.get(2), ".env", """
                AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com
                AZURE_OPENAI_DEPLOYMENT=chat-prod
                OPENAI_API_VERSION=2024-10-21
                """);
        String provider = c.get(3);
        String deployment = c.get(4);
        String described = CorpusScanTest.describe(r);
        assertThat(r.findings()).as(described)
                .anyMatch(f -> f.kind() == FindingKind.PROVIDER && f.file().equals(c.get(1)) && f.value().equals(provider))
                .anyMatch(f -> f.kind() == FindingKind.MODEL && f.field() == InventoryField.DEPLOYMENT && f.value().equals(deployment)
                        && f.provider().equals(provider) && f.file().equals(c.get(1)))
                .noneMatch(f -> f.kind() == FindingKind.MODEL && f.field() == InventoryField.MODEL && f.value().equals(deployment));
        assertThat(r.calls()).as(described).isNotEmpty().allSatisfy(call -> assertThat(call.provider()).isEqualTo(provider));
        SourceProvider row = rows(r).get(provider);
        assertThat(row.deployments()).contains(deployment);
        assertThat(row.notes()).contains("deployment names");
        Proposal mapping = Prefill.propose(r).stream().filter(p -> p.id().equals("mapping:" + deployment)).findFirst().orElseThrow();
        assertThat(mapping.deployment()).isTrue();
        assertThat(Prefill.mappingTarget(mapping)).as("a deployment's name is no model ID: step 3 asks for the model behind it").isEmpty();
    }

    @Test
    void apiVersionAndTheApiKeyHeaderAreCaptured() throws Exception {
        ScanResult r = scan("app.ts", """
                import OpenAI from "openai";
                const client = new OpenAI({
                  baseURL: "https://contoso.openai.azure.com/openai/deployments/gpt-4o-mini",
                  defaultQuery: { "api-version": "2024-10-21" },
                  defaultHeaders: { "api-key": process.env.AZURE_OPENAI_API_KEY },
                });
                """, "batch.sh", """
                curl "https://contoso.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-02-01" \\
                  -H "api-key: $AZURE_OPENAI_API_KEY" -d '{"messages": []}'
                """);
        assertThat(values(r, FindingKind.PROVIDER)).containsExactly("Azure OpenAI (contoso.openai.azure.com)");
        assertThat(r.findings()).as(CorpusScanTest.describe(r))
                .anyMatch(f -> f.field() == InventoryField.API_VERSION && f.value().equals("2024-10-21") && f.file().equals("app.ts"))
                .anyMatch(f -> f.field() == InventoryField.API_VERSION && f.value().equals("2024-02-01") && f.file().equals("batch.sh"))
                .anyMatch(f -> f.field() == InventoryField.AUTH && f.value().equals("api-key header") && f.file().equals("app.ts"))
                .anyMatch(f -> f.field() == InventoryField.AUTH && f.value().equals("api-key header") && f.file().equals("batch.sh"))
                .anyMatch(f -> f.field() == InventoryField.DEPLOYMENT && f.value().equals("gpt-4o-mini"));
        SourceProvider row = rows(r).get("Azure OpenAI (contoso.openai.azure.com)");
        assertThat(row.auth()).isEqualTo("api-key header");
        assertThat(row.apiVersion()).isIn("2024-10-21", "2024-02-01");
        Proposal mapping = Prefill.propose(r).stream().filter(p -> p.id().equals("mapping:gpt-4o-mini")).findFirst().orElseThrow();
        assertThat(Prefill.mappingTarget(mapping)).as("a deployment named like a model proposes that model").isEqualTo("gpt-4o-mini");
        assertThat(mapping.reason()).contains("confirm");
    }

    @Test
    void aDeploymentsMappingRowAcceptedWithoutItsProviderStillReadsAsADeployment() throws Exception {
        ScanResult r = scan("app.ts", """
                import OpenAI from "openai";
                const client = new OpenAI({
                  baseURL: `${process.env.AZURE_OPENAI_ENDPOINT}/openai/deployments/chat-prod`,
                  defaultQuery: { "api-version": "2024-10-21" },
                  defaultHeaders: { "api-key": process.env.AZURE_OPENAI_API_KEY },
                });
                await client.chat.completions.create({ model: "chat-prod", messages: [] });
                """);
        List<Proposal> ps = Prefill.propose(r);
        Set<String> accepted = new java.util.HashSet<>(Prefill.defaultAccepted(ps));
        Proposal mapping = ps.stream().filter(p -> p.id().equals("mapping:chat-prod")).findFirst().orElseThrow();
        assertThat(mapping.deployment()).as(CorpusScanTest.describe(r)).isTrue();
        assertThat(accepted).contains(mapping.id());
        accepted.removeIf(id -> id.startsWith("provider:"));
        MigrationPlan plan = Prefill.merge(MigrationPlan.newPlan("x"), ps, accepted);
        assertThat(plan.inventory().isDeployment("chat-prod")).isTrue();
        SourceProvider row = plan.inventory().providers().get(0);
        assertThat(row.name()).isEqualTo(mapping.provider().name());
        assertThat(row.deployments()).containsExactly("chat-prod");
        assertThat(row.models()).isEmpty();
        assertThat(Prefill.merge(plan, ps, accepted)).as("merging twice changes nothing").isEqualTo(plan);

        accepted.addAll(Prefill.defaultAccepted(ps));
        MigrationPlan both = Prefill.merge(MigrationPlan.newPlan("x"), ps, accepted);
        assertThat(both.inventory().providers()).hasSize(1);
        assertThat(both.inventory().providers().get(0).calls()).isPositive();
    }

    @Test
    void aBaseUrlReadFromDataIsNamedWithItsRolloutConsequence() throws Exception {
        ScanResult r = scan("custom.ts", """
                import OpenAI from "openai";
                export async function ask(userId: string, settings: { base_url: string }) {
                  const customModel = await db.customModel.findFirstOrThrow({ where: { userId } });
                  const client = new OpenAI({ baseURL: customModel.base_url, apiKey: customModel.api_key });
                  const configured = new OpenAI({ baseURL: settings.base_url });
                  return client.chat.completions.create({ model: customModel.name, messages: [] });
                }
                """);
        assertThat(r.findings()).as(CorpusScanTest.describe(r))
                .noneMatch(f -> f.kind() == FindingKind.BASE_URL && f.value().equals("customModel.base_url"))
                .anyMatch(f -> f.kind() == FindingKind.BASE_URL && f.value().equals("settings.base_url"));
        assertThat(r.risks()).filteredOn(f -> f.kind() == FindingKind.RISK_RUNTIME_BASE_URL).singleElement().satisfies(f -> {
            assertThat(f.value()).isEqualTo("customModel.base_url");
            assertThat(f.line()).isEqualTo(4);
            assertThat(f.detail()).contains("read at run time").contains("data change").contains("roll back")
                    .contains("a code or .env change does not move it");
        });
        assertThat(r.calls()).singleElement().satisfies(c -> assertThat(c.provider()).isEqualTo("run-time data: customModel.base_url"));
        assertThat(rows(r).get("run-time data: customModel.base_url").notes()).contains("data change");
    }

    @Test
    void theFlatkeyGatewayItselfIsProposedToBeKept() throws Exception {
        ScanResult r = scan("app.py", """
                from openai import OpenAI
                client = OpenAI(base_url="https://router.flatkey.ai/v1")
                client.chat.completions.create(model="gpt-5.5", messages=[])
                """);
        assertThat(rows(r).get("Flatkey").decision()).isEqualTo(SourceProvider.KEEP);
    }

    @Test
    void aClientAndAConstantImportedFromAnotherModuleGiveTheCallItsProviderAndDeployment() throws Exception {
        ScanResult r = scan("app/clients.py", """
                import os
                from openai import AzureOpenAI, OpenAI
                azure_client = AzureOpenAI(azure_endpoint="https://contoso.openai.azure.com", api_version="2024-10-21")
                groq_client = OpenAI(base_url="https://api.groq.com/openai/v1")
                CHAT_DEPLOYMENT = os.environ["AZURE_OPENAI_CHAT_DEPLOYMENT"]
                FAST_MODEL = "llama-3.1-8b-instant"
                """, "app/answer.py", """
                from openai.types.chat import ChatCompletion
                from app.clients import CHAT_DEPLOYMENT, FAST_MODEL, azure_client, groq_client

                def answer(q) -> ChatCompletion:
                    return azure_client.chat.completions.create(model=CHAT_DEPLOYMENT, messages=[{"role": "user", "content": q}])

                def quick(q) -> ChatCompletion:
                    return groq_client.chat.completions.create(model=FAST_MODEL, messages=[{"role": "user", "content": q}])
                """, ".env", "AZURE_OPENAI_CHAT_DEPLOYMENT=chat-prod\n");
        assertThat(r.calls()).as(CorpusScanTest.describe(r)).extracting(CallSite::file, CallSite::provider, CallSite::model)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("app/answer.py", "Azure OpenAI (contoso.openai.azure.com)", "chat-prod"),
                        org.assertj.core.groups.Tuple.tuple("app/answer.py", "Groq", "llama-3.1-8b-instant"));
        assertThat(r.findings()).anyMatch(f -> f.file().equals("app/answer.py") && f.line() == 5 && f.field() == InventoryField.DEPLOYMENT
                && f.value().equals("chat-prod"));
        assertThat(rows(r).get("Groq").models()).contains("llama-3.1-8b-instant");
    }
}
