package ai.flatkey.migrate.scan;

import ai.flatkey.migrate.cli.Cli;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.SourceProvider;
import ai.flatkey.migrate.secrets.KeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21's "done when": {@code flatkey-migrate scan --plan … --write} on an app with an Azure route, two other
 * providers, a LiteLLM embedding and image call and a database-held base URL proposes a plan whose inventory and
 * mapping are right without hand edits. The proposed changes are printed.
 */
class ScanCliMultiProviderTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new KeyResolver(Map.<String, String>of()::get), new PlanStore(), Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
        return cli.execute(args);
    }

    private void write(String rel, String text) throws Exception {
        Path f = tmp.resolve("app").resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private void app() throws Exception {
        write("web/lib/llm.ts", """
                import OpenAI from "openai";
                import type { ChatCompletionMessageParam } from "openai/resources/chat/completions.mjs";

                const ENDPOINT = process.env.AZURE_OPENAI_ENDPOINT;
                const DEPLOYMENT_ID = process.env.AZURE_OPENAI_DEPLOYMENT;

                export const azure = new OpenAI({
                  baseURL: `${ENDPOINT}/openai/deployments/${DEPLOYMENT_ID}`,
                  defaultQuery: { "api-version": "2024-10-21" },
                  defaultHeaders: { "api-key": process.env.AZURE_OPENAI_API_KEY },
                });
                export const groq = new OpenAI({ baseURL: "https://api.groq.com/openai/v1", apiKey: process.env.GROQ_API_KEY });
                export const mistral = new OpenAI({ baseURL: "https://api.mistral.ai/v1", apiKey: process.env.MISTRAL_API_KEY });

                export async function reply(provider: string, messages: ChatCompletionMessageParam[]) {
                  if (provider === "groq") {
                    return groq.chat.completions.create({ model: "llama-3.3-70b-versatile", messages, stream: true });
                  }
                  if (provider === "mistral") {
                    return mistral.chat.completions.create({ model: "mistral-large-latest", messages });
                  }
                  return azure.chat.completions.create({ model: "", messages });
                }
                """);
        write("web/lib/custom.ts", """
                import OpenAI from "openai";
                import { db } from "./db";

                export async function custom(userId: string, messages: OpenAI.Chat.ChatCompletionMessageParam[]) {
                  const customModel = await db.customModel.findFirstOrThrow({ where: { userId } });
                  const client = new OpenAI({ baseURL: customModel.base_url, apiKey: customModel.api_key });
                  return client.chat.completions.create({ model: customModel.name, messages });
                }
                """);
        write("web/.env.production", """
                AZURE_OPENAI_ENDPOINT=https://acme-eastus.openai.azure.com
                AZURE_OPENAI_DEPLOYMENT=chat-4o-prod
                """);
        write("worker/media.py", """
                from litellm import embedding, image_generation


                def vectors(texts):
                    params = {"model": "text-embedding-3-small", "input": texts}
                    return embedding(**params)


                def cover(prompt):
                    return image_generation(model="dall-e-3", prompt=prompt, size="1024x1024")
                """);
    }

    @Test
    void theProposedPlanNeedsNoHandEdits() throws Exception {
        app();
        Path plan = tmp.resolve("plan.json");
        assertThat(run("scan", tmp.resolve("app").toString(), "--plan", plan.toString(), "--write")).isEqualTo(Cli.OK);
        String shown = out.toString(StandardCharsets.UTF_8);
        System.out.println(shown);
        assertThat(shown).contains("Providers: 5").contains("Azure deployments: chat-4o-prod").contains("Saved " + plan)
                .doesNotContain("hard-coded in").doesNotContain("Direct HTTP").doesNotContain("openai/resources");

        MigrationPlan saved = new PlanStore().load(plan);
        assertThat(saved.inventory().endpoints()).containsExactlyInAnyOrder("chat", "embeddings", "images");
        assertThat(saved.inventory().sdk()).isEqualTo("Node openai, LiteLLM");

        Map<String, SourceProvider> rows = saved.inventory().providers().stream()
                .collect(Collectors.toMap(SourceProvider::name, Function.identity()));
        String azureName = "Azure OpenAI (acme-eastus.openai.azure.com)";
        assertThat(rows).containsOnlyKeys(azureName, "Groq", "Mistral", "OpenAI", "run-time data: customModel.base_url");
        assertThat(rows.values()).allSatisfy(r -> assertThat(r.decision()).isEqualTo(SourceProvider.MIGRATE));

        SourceProvider azure = rows.get(azureName);
        assertThat(azure.deployments()).containsExactly("chat-4o-prod");
        assertThat(azure.models()).isEmpty();
        assertThat(azure.apiVersion()).isEqualTo("2024-10-21");
        assertThat(azure.auth()).isEqualTo("api-key header");
        assertThat(azure.keyEnv()).isEqualTo("AZURE_OPENAI_API_KEY");
        assertThat(azure.baseUrl()).isEqualTo("https://acme-eastus.openai.azure.com");
        assertThat(azure.endpoints()).containsExactly("chat");
        assertThat(azure.calls()).isEqualTo(1);

        assertThat(rows.get("Groq").models()).containsExactly("llama-3.3-70b-versatile");
        assertThat(rows.get("Groq").baseUrl()).isEqualTo("https://api.groq.com/openai/v1");
        assertThat(rows.get("Groq").keyEnv()).isEqualTo("GROQ_API_KEY");
        assertThat(rows.get("Mistral").models()).containsExactly("mistral-large-latest");
        assertThat(rows.get("OpenAI").models()).containsExactlyInAnyOrder("text-embedding-3-small", "dall-e-3");
        assertThat(rows.get("OpenAI").endpoints()).containsExactlyInAnyOrder("embeddings", "images");
        assertThat(rows.get("OpenAI").sdk()).isEqualTo("LiteLLM");
        SourceProvider runtime = rows.get("run-time data: customModel.base_url");
        assertThat(runtime.baseUrl()).isEqualTo("customModel.base_url");
        assertThat(runtime.notes()).contains("data change").contains("roll back");

        Map<String, ModelMapping> mappings = saved.mappings().stream().collect(Collectors.toMap(ModelMapping::sourceModel, Function.identity()));
        assertThat(mappings).containsOnlyKeys("chat-4o-prod", "llama-3.3-70b-versatile", "mistral-large-latest", "text-embedding-3-small", "dall-e-3");
        assertThat(mappings.get("chat-4o-prod").targetModel()).as("a deployment: the model behind it is asked for in step 3").isEmpty();
        assertThat(mappings.get("chat-4o-prod").notes()).contains("Azure deployment");
        assertThat(mappings.get("chat-4o-prod").features()).as("the Azure call's features, not Groq's streaming").containsExactly("chat");
        assertThat(saved.inventory().isDeployment("chat-4o-prod")).isTrue();
        assertThat(mappings.get("llama-3.3-70b-versatile").targetModel()).isEqualTo("llama-3.3-70b-versatile");
        assertThat(mappings.get("llama-3.3-70b-versatile").features()).contains("chat", "streaming");
        assertThat(mappings.get("text-embedding-3-small").features()).containsExactly("embeddings");
        assertThat(mappings.get("dall-e-3").features()).containsExactly("images");

        // a second scan changes nothing, and keeps a decision the person changed
        MigrationPlan kept = saved.withInventory(saved.inventory().withProviders(saved.inventory().providers().stream()
                .map(p -> p.name().equals("Mistral") ? p.withDecision(SourceProvider.KEEP) : p).toList()));
        new PlanStore().save(plan, kept);
        out.reset();
        assertThat(run("scan", tmp.resolve("app").toString(), "--plan", plan.toString(), "--write")).isEqualTo(Cli.OK);
        MigrationPlan again = new PlanStore().load(plan);
        assertThat(again.inventory()).isEqualTo(kept.inventory());
        assertThat(again.mappings()).isEqualTo(kept.mappings());
        assertThat(again.inventory().providers()).filteredOn(p -> p.name().equals("Mistral"))
                .extracting(SourceProvider::decision).containsExactly(SourceProvider.KEEP);
        assertThat(List.copyOf(again.inventory().providers())).hasSize(5);
    }
}
