package ai.flatkey.migrate.scan;

import ai.flatkey.migrate.cli.Cli;
import ai.flatkey.migrate.plan.MigrationPlan;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code flatkey-migrate scan}: summary, findings file, dry-run diff, --write, and bad input. */
class ScanCliTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new KeyResolver(Map.<String, String>of()::get), new PlanStore(), Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC));
        return cli.execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void summaryFindingsFileAndPlanWrite() throws Exception {
        Path project = CorpusScanTest.corpus().resolve("python-tricky");
        Path json = tmp.resolve("findings.json");
        Path plan = tmp.resolve("plan.json");
        assertThat(run("scan", project.toString(), "--json", json.toString(), "--plan", plan.toString())).isEqualTo(Cli.OK);
        assertThat(out()).contains("SDKs: Python openai").contains("Risks:").contains("API key value is written")
                .contains("Would change").contains("Nothing written");
        assertThat(Files.exists(plan)).isFalse();
        String written = Files.readString(json);
        assertThat(written).contains("\"findings\"").contains("\"proposals\"").doesNotContain("sk-test-tricky");

        assertThat(run("scan", project.toString(), "--plan", plan.toString(), "--write")).isEqualTo(Cli.OK);
        MigrationPlan saved = new PlanStore().load(plan);
        assertThat(saved.inventory().currentBaseUrl()).isEqualTo("https://gateway.internal.example.com/v1");
        assertThat(saved.mappings()).isNotEmpty();
        assertThat(Files.readString(plan)).doesNotContain("sk-test-tricky");

        new PlanStore().save(plan, saved.withInventory(new ai.flatkey.migrate.plan.Inventory("edited", saved.inventory().endpoints(),
                "https://mine.example.com/v1", "mine-model", java.util.List.of(), "", saved.inventory().parameters(), "", "")));
        assertThat(run("scan", project.toString(), "--plan", plan.toString(), "--write")).isEqualTo(Cli.OK);
        assertThat(out()).contains("~ Current base URL: plan keeps 'https://mine.example.com/v1'");
        MigrationPlan again = new PlanStore().load(plan);
        assertThat(again.inventory().sdk()).isEqualTo("edited");
        assertThat(again.inventory().currentBaseUrl()).isEqualTo("https://mine.example.com/v1");
        assertThat(again.inventory().productionModel()).isEqualTo("mine-model");
    }

    @Test
    void badInputIsExplained() throws Exception {
        assertThat(run("scan")).isEqualTo(Cli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Missing required parameter: 'DIR'");
        assertThat(run("scan", tmp.resolve("nope").toString())).isEqualTo(Cli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot scan").contains("does not exist");
        assertThat(run("scan", tmp.toString(), "--write")).isEqualTo(Cli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--write needs --plan");
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"schemaVersion\": 1, \"inventory\": [");
        assertThat(run("scan", tmp.toString(), "--plan", broken.toString(), "--write")).isEqualTo(Cli.USAGE);
        assertThat(Files.readString(broken)).isEqualTo("{\"schemaVersion\": 1, \"inventory\": [");
        assertThat(run("scan", tmp.toString())).isEqualTo(Cli.OK);
        assertThat(out()).contains("No OpenAI-compatible client use found.");
    }
}
