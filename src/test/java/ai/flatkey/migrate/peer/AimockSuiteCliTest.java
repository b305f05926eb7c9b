package ai.flatkey.migrate.peer;

import ai.flatkey.migrate.cli.Cli;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.secrets.KeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The smoke suite from the command line against aimock: the verdicts are what aimock serves. */
@ExtendWith(AimockExtension.class)
class AimockSuiteCliTest {
    @TempDir
    Path dir;

    @Test
    void theSuiteRunsFromTheCliAndItsVerdictsMatchWhatAimockServes(Aimock aimock) throws Exception {
        Path planFile = dir.resolve("aimock.json");
        new PlanStore().save(planFile, MigrationPlan.newPlan("Against aimock")
                .withTarget(new Endpoint("custom", aimock.baseUrl(), "env:AIMOCK_KEY"))
                .withMappings(List.of(new ModelMapping("gpt-4o", "gpt-4o-mini", List.of("chat", "streaming"), ""))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new KeyResolver(Map.of("AIMOCK_KEY", Aimock.KEY)::get), new PlanStore(), Clock.systemUTC())
                .execute("run", planFile.toString(), "--checks", "chat:*,streaming:*,auth", "--write");
        String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        // aimock answers the smoke prompt from its fixture: a plain answer with usage, a stream ending in [DONE]
        // (with the usage chunk asked for), and 401 for a key it does not know.
        assertThat(text).contains("PASS        chat           gpt-4o-mini", "PASS        streaming      gpt-4o-mini",
                "PASS        auth", "3 passed, 0 failed, 0 unsupported, 0 errors").doesNotContain(Aimock.KEY);
        assertThat(code).as(text).isZero();
        var run = new PlanStore().load(planFile).latestRun().orElseThrow();
        assertThat(run.results()).allSatisfy(r -> assertThat(r.requestId()).isNotBlank());
        assertThat(run.results().get(0).output()).isEqualTo("Confirmed: the migration smoke test worked through aimock.");
        assertThat(run.results().get(0).totalTokens()).isEqualTo(25);
    }

    /**
     * Issue 16: a request no aimock fixture matches answers a JSON 404 ("No fixture matched") after GET /v1/models
     * answered at the same base URL: that is the server's own refusal, in its words, not a wrong path.
     */
    @Test
    void aRequestNoFixtureMatchesIsTheServersRefusalNotAWrongPath(Aimock aimock) throws Exception {
        Path planFile = dir.resolve("aimock-json.json");
        new PlanStore().save(planFile, MigrationPlan.newPlan("Against aimock, unmatched")
                .withTarget(new Endpoint("custom", aimock.baseUrl(), "env:AIMOCK_KEY"))
                .withMappings(List.of(new ModelMapping("gpt-4o", "gpt-4o-mini", List.of("vision"), ""))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
                new KeyResolver(Map.of("AIMOCK_KEY", Aimock.KEY)::get), new PlanStore(), Clock.systemUTC())
                .execute("run", planFile.toString(), "--checks", "models,vision:*", "--no-verify");
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isEqualTo(Cli.CHECKS_FAILED);
        assertThat(text).contains("ERROR       vision", "in its own words: \"No fixture matched\"", "GET /v1/models answered",
                        "the base URL's path is right")
                .doesNotContain("URL-MISSING-V1").doesNotContain(Aimock.KEY);
    }
}
