package ai.flatkey.migrate.usage;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.CheckResult;
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

    /**
     * The new-api personality answers with an upstream's x-request-id and its own X-Oneapi-Request-Id, logs only its
     * own, counts 1,000,000 quota units per dollar and charges by new-api's formula with a group ratio of 1.5 (one
     * model per call): every row joins on the gateway's own ID, and every estimate equals the charge to the unit.
     */
    @Test
    void onNewApiEveryRowJoinsOnTheGatewaysOwnIdAndCostsEqualItsFormula() throws Exception {
        OkHttpClient http = OpenAiClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (DemoGateway gw = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0)
                .withPersonality(DemoConfig.Personality.NEW_API))) {
            MigrationPlan plan = MigrationPlan.newPlan("n").withTarget(Endpoint.demo(gw.baseUrl()))
                    .withMappings(List.of(new ModelMapping("gpt-4o-mini", "gpt-5.5", List.of("chat", "streaming"), ""),
                            new ModelMapping("gpt-4.1", "gpt-4.1-mini", List.of("chat", "streaming"), "")));
            FlatkeyUsage usage = (FlatkeyUsage) UsageAdapters.forTarget(plan.target(),
                    new OpenAiClient(http, ClientConfig.of(gw.baseUrl(), DemoGateway.DEMO_KEY)));
            assertThat(usage.units().quotaPerUnit()).isEqualTo(1_000_000);
            Optional<KeyQuota> before = usage.quota();
            SmokeRun run = new SmokeRunner(ai.flatkey.migrate.wire.Transport.over(http), pool, Clock.systemUTC()).run(plan,
                    new Target(gw.baseUrl(), DemoGateway.DEMO_KEY), null, SuiteOptions.defaults(), SmokeListener.NONE,
                    new Cancellation()).get(120, TimeUnit.SECONDS);
            PriceTable prices = PriceTable.of(usage.prices(), List.of(), plan);
            Reconciliation rec = new Reconciler(usage, Clock.systemUTC(), ms -> { }, 1, 0)
                    .reconcile(run, prices, before, usage.quota(), List.of());

            List<Reconciliation.Row> billed = rec.rows().stream().filter(r -> r.tokensSeen() != null).toList();
            assertThat(billed).hasSizeGreaterThanOrEqualTo(4);
            assertThat(billed).extracting(Reconciliation.Row::modelAsked).contains("gpt-5.5", "gpt-4.1-mini");
            double charged = 0;
            for (Reconciliation.Row row : billed) {
                assertThat(row.status()).as(row.toString()).isEqualTo(Reconciliation.Status.MATCH);
                assertThat(row.difference()).as(row.toString()).contains("joined on x-oneapi-request-id",
                        "also sent: x-request-id req_");
                assertThat(row.requestId()).as("the gateway's own ID, not the upstream's").doesNotStartWith("req_");
                CheckResult r = run.results().stream().filter(x -> x.checkId().equals(row.checkId())).findFirst().orElseThrow();
                // new-api's formula, written out: (prompt + completion x completion_ratio) x model_ratio x group_ratio,
                // or model_price x quota_per_unit x group_ratio per call; 1,000,000 units per dollar.
                long quota = row.modelAsked().equals("gpt-4.1-mini") ? Math.round(0.002 * 1_000_000 * 1.5)
                        : Math.round((r.promptTokens() + r.completionTokens() * 8.0) * 1.25 * 1.5);
                assertThat(row.costLoggedUsd()).as(row.toString()).isEqualTo(quota / 1_000_000.0);
                assertThat(row.costEstimateUsd()).as(row.toString()).isEqualTo(row.costLoggedUsd());
                charged += row.costLoggedUsd();
            }
            assertThat(rec.quotaDrop()).as("the quota drop in dollars, by the gateway's unit")
                    .isGreaterThanOrEqualTo(charged - 1e-9);
            assertThat(rec.note()).contains(rec.count(Reconciliation.Status.MATCH) + " of " + rec.rows().size());
        } finally {
            pool.shutdownNow();
        }
    }
}
