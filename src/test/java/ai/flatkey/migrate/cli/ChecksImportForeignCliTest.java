package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.secrets.KeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code checks import} with a pasted curl command and with a promptfoo config: the format is recognised, the report
 * names the dropped credentials and everything not importable, and the imported checks run on the embedded demo
 * gateway and pass.
 */
class ChecksImportForeignCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int cli(String... args) {
        outBytes.reset();
        errBytes.reset();
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        return new Cli(out, err, new KeyResolver(Map.<String, String>of()::get), new PlanStore(), Clock.systemUTC()).execute(args);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String all() {
        return out() + errBytes.toString(StandardCharsets.UTF_8);
    }

    /** The demo sample plan with prices typed in, so cost assertions can be checked. */
    private Path plan() throws Exception {
        com.google.gson.JsonObject plan = com.google.gson.JsonParser.parseString(
                Files.readString(Path.of("assets/sample-plans/demo.json"))).getAsJsonObject();
        com.google.gson.JsonObject production = plan.getAsJsonArray("mappings").get(0).getAsJsonObject();
        production.addProperty("inputPer1M", 1.25);
        production.addProperty("outputPer1M", 10.0);
        Path file = dir.resolve("plan.json");
        Files.writeString(file, plan.toString());
        return file;
    }

    private Path fixture(String name) throws Exception {
        Path f = dir.resolve(name);
        Files.copy(Path.of("src/test/resources/import/" + name), f);
        return f;
    }

    @Test
    void aPastedCurlCommandImportsWithoutItsKeyAndRunsOnTheDemoGateway() throws Exception {
        Path plan = plan();
        Path curl = fixture("pasted-curl.sh");
        String before = Files.readString(plan);
        assertThat(cli("checks", "import", curl.toString(), "--plan", plan.toString())).as(all()).isZero();
        assertThat(out()).contains("reads as curl commands: 1 request check, 0 not importable.",
                "dropped header Authorization (a credential",
                "not kept, as they do not change the request: -sS --max-time 30",
                "+ add", "request:pasted-curl", "Nothing written");
        assertThat(out()).doesNotContain("sk-test-curl-import-not-a-real-key");
        assertThat(Files.readString(plan)).isEqualTo(before);

        assertThat(cli("checks", "import", curl.toString(), "--plan", plan.toString(), "--write")).as(all()).isZero();
        String saved = Files.readString(plan);
        assertThat(saved).contains("\"pasted-curl\"", "Say hello to a new customer named Ada.", "\"max_tokens\": 120")
                .doesNotContain("sk-test-curl-import-not-a-real-key").doesNotContainIgnoringCase("authorization");

        int code = cli("run", plan.toString(), "--checks", "request:*");
        assertThat(code).as(all()).isZero();
        assertThat(out()).contains("PASS        request:pasted-curl", "1 passed, 0 failed");
    }

    @Test
    void aPromptfooConfigImportsEachTestAndProviderAndRunsOnTheDemoGateway() throws Exception {
        Path plan = plan();
        Path config = fixture("promptfooconfig.yaml");
        assertThat(cli("checks", "import", config.toString(), "--plan", plan.toString(), "--write")).as(all()).isZero();
        assertThat(out()).contains("reads as a promptfoo config: 3 request checks",
                "provider claude (anthropic:messages:claude-sonnet-4-5): not importable",
                "test \"greets by name\" × bot: assertion llm-rubric is not importable",
                "test \"order lookup\" × bot: assertion javascript is not importable",
                "provider bot (openai:chat:gpt-4o-mini): config apiKey dropped",
                "request:greets-by-name-bot", "request:order-lookup-bot", "request:answer-envelope-bot-json");
        String saved = Files.readString(plan);
        assertThat(saved).doesNotContain("sk-test-promptfoo-not-a-real-key")
                .contains("You are the support bot of Acme. Be brief.", "json_object");

        int code = cli("run", plan.toString(), "--checks", "request:*");
        assertThat(code).as(all()).isZero();
        assertThat(out()).contains("PASS        request:greets-by-name-bot", "PASS        request:order-lookup-bot",
                "PASS        request:answer-envelope-bot-json", "3 passed, 0 failed");
    }

    @Test
    void aFileWithNothingImportableChangesNothingAndSaysWhy() throws Exception {
        Path plan = plan();
        Path curl = dir.resolve("upload.sh");
        Files.writeString(curl, "curl https://api.openai.com/v1/files -H 'Authorization: Bearer"
                + " sk-test-images-not-a-real-key' -F purpose=batch -F file=@batch.jsonl\n");
        String before = Files.readString(plan);
        assertThat(cli("checks", "import", curl.toString(), "--plan", plan.toString(), "--write")).isEqualTo(Cli.USAGE);
        assertThat(out()).contains("not imported: curl command 1: https://api.openai.com/v1/files is not"
                + " an endpoint a request check can send to");
        assertThat(all()).contains("gave no request check; nothing was changed").doesNotContain("sk-test-images");
        assertThat(Files.readString(plan)).isEqualTo(before);
    }

    @Test
    void referenceIsRefusedForAForeignFormat() throws Exception {
        Path plan = plan();
        Path curl = fixture("pasted-curl.sh");
        assertThat(cli("checks", "import", curl.toString(), "--plan", plan.toString(), "--reference", "--write"))
                .isEqualTo(Cli.USAGE);
        assertThat(all()).contains("--reference keeps a check file in the app's repository");
    }
}
