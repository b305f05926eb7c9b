package ai.flatkey.migrate.usage;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.smoke.SmokeListener;
import ai.flatkey.migrate.smoke.SmokeRunner;
import ai.flatkey.migrate.smoke.SuiteOptions;
import ai.flatkey.migrate.smoke.Target;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.ClientConfig;
import ai.flatkey.migrate.wire.OpenAiClient;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A full suite on the demo gateway reconciles as "match"; its ledger-mismatch fault shows up as "mismatch". */
class ReconciliationAgainstDemoTest {

    @Test
    void everyRequestMatchesAndTheMismatchFaultIsCaught() throws Exception {
        OkHttpClient http = OpenAiClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (DemoGateway gw = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0).withFaultModelsListed(true))) {
            MigrationPlan plan = MigrationPlan.newPlan("r").withTarget(Endpoint.demo(gw.baseUrl()))
                    .withMappings(List.of(new ModelMapping("gpt-4o-mini", "gpt-5.5", List.of("chat", "streaming"), ""),
                            new ModelMapping("gpt-4.1-mini", "demo-ledger-mismatch", List.of("chat", "streaming"), "")));
            UsageAdapter usage = UsageAdapters.forTarget(plan.target(),
                    new OpenAiClient(http, ClientConfig.of(gw.baseUrl(), DemoGateway.DEMO_KEY)));
            Optional<KeyQuota> before = usage.quota();
            SmokeRun run = new SmokeRunner(ai.flatkey.migrate.wire.Transport.over(http), pool, Clock.systemUTC()).run(plan, new Target(gw.baseUrl(), DemoGateway.DEMO_KEY),
                    null, SuiteOptions.defaults(), SmokeListener.NONE, new Cancellation()).get(60, TimeUnit.SECONDS);
            assertThat(run.allPassed()).as(run.toString()).isTrue();
            PriceTable prices = PriceTable.of(usage.prices(), List.of(), plan);
            Reconciliation rec = new Reconciler(usage, Clock.systemUTC(), ms -> { }, 1, 0)
                    .reconcile(run, prices, before, usage.quota(), List.of());
            assertThat(rec.rows()).hasSizeGreaterThanOrEqualTo(4);
            for (Reconciliation.Row row : rec.rows()) {
                if (row.tokensSeen() == null) {
                    assertThat(row.status()).as(row.toString()).isEqualTo(Reconciliation.Status.MATCH);
                    assertThat(row.difference()).contains("tokens not compared: the response carried no usage");
                } else if (row.modelAsked().equals("gpt-5.5")) {
                    assertThat(row.status()).as(row.toString()).isEqualTo(Reconciliation.Status.MATCH);
                    assertThat(row.modelBilled()).isEqualTo("gpt-5.5");
                    assertThat(row.tokensLogged()).isEqualTo(row.tokensSeen());
                } else {
                    assertThat(row.status()).as(row.toString()).isEqualTo(Reconciliation.Status.MISMATCH);
                    assertThat(row.difference()).contains("logged (+7)", "charged");
                }
            }
            assertThat(rec.quotaDrop()).isPositive();
            assertThat(rec.suiteCostUsd()).isPositive();
            long mismatched = rec.count(Reconciliation.Status.MISMATCH);
            assertThat(mismatched).isEqualTo(rec.rows().stream().filter(r -> r.tokensSeen() != null
                    && r.modelAsked().equals("demo-ledger-mismatch")).count()).isPositive();
            assertThat(rec.note()).contains((rec.rows().size() - mismatched) + " of " + rec.rows().size() + " requests match",
                    mismatched + " differ", "Quota dropped by");
        } finally {
            pool.shutdownNow();
        }
    }
}
