package ai.flatkey.migrate.peer;

import ai.flatkey.migrate.cli.Cli;
import ai.flatkey.migrate.plan.AssertionResult;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.secrets.KeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18's done-when against a server nobody here wrote: the 12-request check file (docs/examples/
 * support-suite.yaml) passes against aimock from the command line, every assertion held on what aimock's fixtures
 * serve (src/test/resources/aimock/fixtures.json, one fixture per request, matched by its user message, tools and
 * response_format).
 */
@ExtendWith(AimockExtension.class)
class AimockRequestSuiteTest {
    @TempDir
    Path dir;

    @Test
    void theTwelveRequestSuitePassesAgainstAimockFromTheCli(Aimock aimock) throws Exception {
        Files.copy(Path.of("docs/examples/support-suite.yaml"), dir.resolve("support-suite.yaml"));
        Path planFile = dir.resolve("plan.json");
        new PlanStore().save(planFile, MigrationPlan.newPlan("Support bot against aimock")
                .withTarget(new Endpoint("custom", aimock.baseUrl(), "env:AIMOCK_KEY"))
                .withMappings(List.of(new ModelMapping("gpt-4o-mini", "gpt-4o-mini", List.of("chat", "streaming"), "",
                        0.15, 0.60)))
                .withCheckFiles(List.of("support-suite.yaml")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path junit = dir.resolve("junit.xml");
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
                new KeyResolver(Map.of("AIMOCK_KEY", Aimock.KEY)::get), new PlanStore(), Clock.systemUTC())
                .execute("run", planFile.toString(), "--checks", "request:*", "--no-verify", "--write",
                        "--junit", junit.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).contains("12 passed, 0 failed, 0 unsupported, 0 errors").doesNotContain(Aimock.KEY);

        SmokeRun run = new PlanStore().load(planFile).latestRun().orElseThrow();
        assertThat(run.results()).hasSize(12).allSatisfy(r -> {
            assertThat(r.verdict()).as(r.checkId() + ": " + r.reason()).isEqualTo(Verdict.PASS);
            assertThat(r.assertions()).isNotEmpty().allSatisfy(a -> assertThat(a.status())
                    .as(r.checkId() + " " + a.assertion() + ": " + a.evidence()).isEqualTo(AssertionResult.Status.PASS));
        });
        assertThat(run.results().stream().mapToInt(r -> r.assertions().size()).sum()).isEqualTo(34);
        CheckResult weather = run.results().stream().filter(r -> r.checkId().equals("request:weather-tool")).findFirst()
                .orElseThrow();
        assertThat(weather.assertions()).extracting(AssertionResult::evidence).first().asString()
                .contains("get_weather({\"city\":\"Paris\"})");
        assertThat(Files.readString(junit)).contains("tests=\"12\" failures=\"0\" errors=\"0\"");
    }
}
