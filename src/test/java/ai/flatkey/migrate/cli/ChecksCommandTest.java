package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.RequestCheck;
import ai.flatkey.migrate.secrets.KeyResolver;
import org.junit.jupiter.api.BeforeEach;
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

/** {@code checks validate} and {@code checks import}: check files by line, copied into a plan or referenced from it. */
class ChecksCommandTest {
    @TempDir
    Path dir;

    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;
    private final PlanStore store = new PlanStore();

    @BeforeEach
    void streams() {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
    }

    private int cli(String... args) {
        out.reset();
        err.reset();
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new KeyResolver(Map.<String, String>of()::get), store, Clock.systemUTC()).execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void validateListsTheChecksOfAGoodFileAndNamesTheLinesOfABadOne() throws Exception {
        assertThat(cli("checks", "validate", "docs/examples/support-suite.yaml")).as(err()).isZero();
        assertThat(out()).contains("docs/examples/support-suite.yaml: 12 request checks, 34 assertions",
                "request:weather-tool", "tool call get_weather ×1; tool arguments valid against the tool's parameters");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "checks:\n  - name: a\n    body: {messages: [x]}\n"
                + "    assert:\n      - latency: soon\n");
        assertThat(cli("checks", "validate", bad.toString())).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("error: bad.yaml:5: check \"a\", assertion 1: latency needs a number of milliseconds");
        assertThat(cli("checks", "validate")).isEqualTo(Cli.USAGE);
    }

    @Test
    void importShowsWhatItWouldDoThenCopiesTheChecksAndReplacesThemOnAReimport() throws Exception {
        Path plan = dir.resolve("plan.json");
        store.save(plan, MigrationPlan.newPlan("p"));
        Path file = Files.copy(Path.of("docs/examples/support-suite.yaml"), dir.resolve("suite.yaml"));

        assertThat(cli("checks", "import", file.toString(), "--plan", plan.toString())).as(err()).isZero();
        assertThat(out()).contains("Would import into", "+ add      request:greeting", "Nothing written");
        assertThat(store.load(plan).requestChecks()).isEmpty();

        assertThat(cli("checks", "import", file.toString(), "--plan", plan.toString(), "--write")).as(err()).isZero();
        MigrationPlan saved = store.load(plan);
        assertThat(saved.requestChecks()).hasSize(12).allSatisfy(c -> assertThat(c.origin()).isEmpty());
        assertThat(saved.checkFiles()).isEmpty();

        assertThat(cli("checks", "import", file.toString(), "--plan", plan.toString(), "--write")).isZero();
        assertThat(out()).contains("~ replace  request:greeting");
        assertThat(store.load(plan).requestChecks()).hasSize(12);
    }

    @Test
    void importWithReferenceAddsTheFileRelativeToThePlanAndRefusesClashingNames() throws Exception {
        Path planDir = Files.createDirectories(dir.resolve("ops"));
        Path plan = planDir.resolve("plan.json");
        store.save(plan, MigrationPlan.newPlan("p"));
        Path repo = Files.createDirectories(dir.resolve("app/checks"));
        Path file = Files.copy(Path.of("docs/examples/support-suite.yaml"), repo.resolve("suite.yaml"));

        assertThat(cli("checks", "import", file.toString(), "--plan", plan.toString(), "--reference", "--write"))
                .as(err()).isZero();
        assertThat(out()).contains("Referenced", "(../app/checks/suite.yaml)");
        PlanStore.Opened opened = store.open(plan);
        assertThat(opened.plan().checkFiles()).containsExactly("../app/checks/suite.yaml");
        assertThat(opened.plan().fileChecks()).hasSize(12);
        assertThat(opened.plan().requestChecks()).isEmpty();

        assertThat(cli("checks", "import", file.toString(), "--plan", plan.toString(), "--write")).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("\"greeting\" is already a check of one of the plan's check files", "nothing was imported");
        assertThat(cli("checks", "import", file.toString(), "--plan", plan.toString(), "--reference")).isEqualTo(Cli.USAGE);
        assertThat(store.open(plan).plan().checkFiles()).hasSize(1);
    }

    @Test
    void aBrokenFileIsNotImported() throws Exception {
        Path plan = dir.resolve("plan.json");
        store.save(plan, MigrationPlan.newPlan("p"));
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"checks\": [{\"name\": \"a\", \"body\": 5}]}");
        assertThat(cli("checks", "import", bad.toString(), "--plan", plan.toString(), "--write")).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("bad.json:1: check \"a\": \"body\" must be the request's JSON object", "Nothing was changed");
        assertThat(store.load(plan).requestChecks()).extracting(RequestCheck::name).isEmpty();
    }
}
