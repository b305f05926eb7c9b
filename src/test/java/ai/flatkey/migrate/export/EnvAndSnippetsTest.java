package ai.flatkey.migrate.export;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.Parameters;
import ai.flatkey.migrate.plan.Rollback;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnvAndSnippetsTest {

    private static List<String> assignments(String env) {
        return Arrays.stream(env.split("\n")).filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    }

    @Test
    void newConfigUsesTheRunbookNamesAndLeavesTheKeyEmpty() {
        String env = EnvFiles.newConfig(ExportFixtures.full());
        assertThat(assignments(env)).containsExactly("FLATKEY_API_KEY=", "OPENAI_BASE_URL=https://router.flatkey.ai/v1",
                "FLATKEY_MODEL=gpt-5.5");
        assertThat(env).contains("#   gpt-4.1-mini -> deepseek-chat");
    }

    @Test
    void rollbackConfigUsesTheRunbookNames() {
        String env = EnvFiles.rollbackConfig(ExportFixtures.full());
        assertThat(assignments(env)).containsExactly("ROLLBACK_OPENAI_BASE_URL=https://api.openai.com/v1", "ROLLBACK_MODEL=gpt-4o-mini");
        assertThat(env).contains("environment variable OPENAI_API_KEY");
    }

    @Test
    void textFromThePlanCannotAddAVariable() {
        MigrationPlan plan = ExportFixtures.full().withRollback(new Rollback("https://x.example/v1\nEVIL=1", "m\"$(rm -rf /)`id`",
                "", "line one\nPWNED=1"));
        List<String> lines = assignments(EnvFiles.rollbackConfig(plan));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("ROLLBACK_OPENAI_BASE_URL=\"https://x.example/v1 EVIL=1\"");
        assertThat(lines.get(1)).isEqualTo("ROLLBACK_MODEL=\"m\\\"\\$(rm -rf /)\\`id\\`\"");
    }

    @Test
    void aPlanWithNothingSetSaysWhatIsMissing() {
        MigrationPlan plan = MigrationPlan.newPlan("x").withTarget(new Endpoint("demo", "", "demo"));
        String env = EnvFiles.newConfig(plan);
        assertThat(env).contains("embedded demo gateway", "no target base URL yet", "No model is mapped yet");
        assertThat(EnvFiles.rollbackConfig(plan)).contains("Not ready");
    }

    private static MigrationPlan withSdk(String sdk) {
        MigrationPlan p = ExportFixtures.full();
        Inventory i = p.inventory();
        return p.withInventory(new Inventory(sdk, i.endpoints(), i.currentBaseUrl(), i.productionModel(), i.fallbackModels(),
                i.messageShape(), i.parameters(), i.observability(), i.rollbackPath()));
    }

    @Test
    void snippetsCoverTheBasicsAndTheFrameworkTheInventoryNames() {
        assertThat(ClientSnippets.render(withSdk("Python openai 1.x"))).extracting(ClientSnippets.Snippet::fileName)
                .containsExactly("python_openai.py", "node_openai.mjs", "JavaOpenAi.java", "curl.sh");
        assertThat(ClientSnippets.render(withSdk("Python openai 1.x")).get(0).inUse()).isTrue();
        assertThat(ClientSnippets.render(withSdk("LangChain (Python)"))).extracting(ClientSnippets.Snippet::fileName).contains("langchain.py");
        assertThat(ClientSnippets.render(withSdk("LangChain.js on Node"))).extracting(ClientSnippets.Snippet::fileName).contains("langchain.mjs");
        assertThat(ClientSnippets.render(withSdk("LiteLLM proxy"))).extracting(ClientSnippets.Snippet::fileName).contains("litellm.py");
        assertThat(ClientSnippets.render(withSdk("Vercel AI SDK (TypeScript)"))).extracting(ClientSnippets.Snippet::fileName)
                .contains("vercel_ai.mjs");
        assertThat(ClientSnippets.render(withSdk("Spring Boot, Java 17")).stream().filter(ClientSnippets.Snippet::inUse))
                .extracting(ClientSnippets.Snippet::fileName).containsExactly("JavaOpenAi.java");
    }

    @Test
    void everySnippetReadsBaseUrlKeyAndModelFromTheEnvironment() {
        for (ClientSnippets.Snippet s : ClientSnippets.render(withSdk("LangChain LiteLLM Vercel AI SDK python node"))) {
            assertThat(s.text()).as(s.fileName()).contains("OPENAI_BASE_URL", "FLATKEY_API_KEY", "FLATKEY_MODEL")
                    .doesNotContain("sk-");
        }
        String py = ClientSnippets.render(withSdk("python")).get(0).text();
        assertThat(py).contains("os.environ[\"FLATKEY_API_KEY\"]", "os.environ.get(\"OPENAI_BASE_URL\", \"https://router.flatkey.ai/v1\")",
                "timeout=30", "max_retries=2");
    }

    @Test
    void aHostileBaseUrlStaysAnInertStringInEveryLanguage() {
        MigrationPlan plan = withSdk("python").withTarget(new Endpoint("custom", "http://h/v1\"); import os; os.system(\"id", "env:K"));
        String py = ClientSnippets.render(plan).get(0).text();
        assertThat(py).contains("\"http://h/v1\\\"); import os; os.system(\\\"id\"");
        String curl = ClientSnippets.render(plan).get(3).text();
        assertThat(curl).contains("BASE_URL=\"${OPENAI_BASE_URL:-http://h/v1%22);%20import%20os;%20os.system(%22id}\"");
        MigrationPlan shell = withSdk("curl").withTarget(new Endpoint("custom", "http://h/$(id)`x`/v1", "env:K"));
        assertThat(ClientSnippets.render(shell).get(3).text()).contains("http://h/%24(id)%60x%60/v1");
    }

    @Test
    void parametersAreOptional() {
        MigrationPlan p = withSdk("node");
        Inventory i = p.inventory();
        p = p.withInventory(new Inventory(i.sdk(), i.endpoints(), i.currentBaseUrl(), i.productionModel(), i.fallbackModels(),
                i.messageShape(), Parameters.none(), i.observability(), i.rollbackPath()));
        assertThat(ClientSnippets.render(p).get(1).text()).doesNotContain("timeout", "maxRetries").contains("baseURL: process.env.OPENAI_BASE_URL");
    }

    @Test
    void aSmokeCheckSnippetDefaultsToTheChecksModelAndStreamsWhenTheCheckDoes() {
        MigrationPlan plan = withSdk("python").withTarget(new Endpoint("custom", "http://h/v1", "env:K"));
        String py = ClientSnippets.python(plan, "m\"1\nimport os", "streaming");
        assertThat(py).contains("os.environ.get(\"FLATKEY_MODEL\", \"m\\\"1 import os\")", "stream=True", "include_usage",
                "os.environ.get(\"OPENAI_BASE_URL\", \"http://h/v1\")", "timeout=30");
        assertThat(ClientSnippets.python(plan, "m1", "chat")).doesNotContain("stream=True");
        String js = ClientSnippets.node(plan, "m1", "stream-tools");
        assertThat(js).contains("process.env.FLATKEY_MODEL ?? \"m1\"", "stream: true", "include_usage: true");
        assertThat(ClientSnippets.node(plan, "", "chat")).contains("model: process.env.FLATKEY_MODEL,");
        assertThat(ClientSnippets.python(plan, "sk-test-AbCdEfGhIjKlMnOpQrStUvWx0123", "chat")).doesNotContain("sk-test-AbCd");
    }
}
