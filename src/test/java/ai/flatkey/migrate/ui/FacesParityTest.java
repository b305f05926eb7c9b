package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.cli.Cli;
import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.smoke.SmokeRunner;
import ai.flatkey.migrate.smoke.SmokeService;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.step.smoke.SmokeViewModel;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.Notifier;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.usage.Verification;
import ai.flatkey.migrate.wire.OpenAiClient;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI's {@code run} and the wizard's smoke step are two faces of one use case: the same plan, run through both
 * against one demo gateway, gives the same checks, verdicts, rule IDs, reconciliation rows and stored run.
 */
class FacesParityTest {
    private static final Path DEMO_PLAN = Path.of("assets/sample-plans/demo.json");

    @TempDir
    Path dir;

    private final ExecutorService exec = Executors.newCachedThreadPool();
    private final ExecutorService smokePool = Executors.newFixedThreadPool(8);
    private final OkHttpClient http = OpenAiClient.newHttpClient();

    @AfterEach
    void close() {
        exec.shutdownNow();
        smokePool.shutdownNow();
        http.dispatcher().executorService().shutdown();
    }

    @Test
    void cliAndWizardStoreTheSameRunAndReconciliation() throws Exception {
        try (DemoGateway gw = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0))) {
            Path planFile = dir.resolve("plan.json");
            Files.copy(DEMO_PLAN, planFile);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new KeyResolver(k -> null), new PlanStore(), Clock.systemUTC())
                    .execute("run", planFile.toString(), "--base-url", gw.baseUrl(), "--write");
            assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
            MigrationPlan byCli = new PlanStore().load(planFile);

            MigrationPlan original = new PlanStore().load(DEMO_PLAN);
            PlanDocument doc = new PlanDocument(original.withTarget(original.target().withBaseUrl(gw.baseUrl())));
            KeyResolver keys = new KeyResolver(k -> null);
            keys.remember("demo", DemoGateway.DEMO_KEY);
            QueueBridge ui = new QueueBridge();
            SuiteRun suite = new SuiteRun(SmokeService.of(new SmokeRunner(ai.flatkey.migrate.wire.Transport.over(http), smokePool, Clock.systemUTC())),
                    new Verification(UsageService.of(() -> ai.flatkey.migrate.wire.Transport.over(http), Clock.systemUTC())), keys);
            SmokeViewModel vm = new SmokeViewModel(doc, suite, new Background(exec, ui), new Notifier());
            vm.run();
            ui.runUntil(() -> !vm.runningProperty().get() && !vm.reconcilingProperty().get()
                    && doc.plan().latestReconciliation().isPresent());
            MigrationPlan byWizard = doc.plan();

            assertThat(byWizard.smokeRuns()).hasSize(1);
            assertThat(byCli.smokeRuns()).hasSize(1);
            SmokeRun cliRun = byCli.latestRun().orElseThrow();
            SmokeRun wizardRun = byWizard.latestRun().orElseThrow();
            assertThat(verdicts(wizardRun)).isEqualTo(verdicts(cliRun)).isNotEmpty();
            assertThat(rows(byWizard.latestReconciliation().orElseThrow()))
                    .isEqualTo(rows(byCli.latestReconciliation().orElseThrow())).isNotEmpty();
            assertThat(byWizard.latestReconciliation().orElseThrow().source())
                    .isEqualTo(byCli.latestReconciliation().orElseThrow().source());
            assertThat(byCli.target()).as("the CLI's --base-url is not stored").isEqualTo(original.target());
        }
    }

    private static List<String> verdicts(SmokeRun run) {
        return run.results().stream().map(FacesParityTest::verdict).toList();
    }

    private static String verdict(CheckResult r) {
        return r.checkId() + " " + r.verdict() + " " + r.ruleId() + " " + r.model();
    }

    private static List<String> rows(Reconciliation rec) {
        return rec.rows().stream().map(r -> r.checkId() + " " + r.status() + " " + r.modelAsked() + "→" + r.modelBilled()).toList();
    }
}
