package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.usage.Verification;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Transport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every family check's billed request is found in the gateway's log and matches it — as Flatkey answers and as
 * new-api does (its own request-ID header, its unit, per-call prices by its formula): per-request prices are
 * compared even where the answer carries no usage.
 */
class FamilyReconciliationTest {
    private static final String FAMILIES = "images:*,image-edits:*,transcriptions:*,transcription-formats:*,"
            + "translations:*,speech:*,moderations:*,video:*";

    @ParameterizedTest
    @EnumSource(DemoConfig.Personality.class)
    void everyFamilyRequestMatchesTheGatewaysLog(DemoConfig.Personality personality) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (DemoGateway gw = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0)
                .withPersonality(personality))) {
            Transport http = Transport.over(OpenAiClient.newHttpClient());
            KeyResolver keys = new KeyResolver(k -> null);
            keys.remember("demo", DemoGateway.DEMO_KEY);
            SuiteRun suite = new SuiteRun(SmokeService.of(new SmokeRunner(http, pool, Clock.systemUTC())),
                    new Verification(UsageService.of(() -> http, Clock.systemUTC())), keys);
            MigrationPlan plan = new PlanStore().load(Path.of("assets/sample-plans/all-features.json"))
                    .withTarget(new Endpoint("flatkey", gw.baseUrl(), "demo"));

            SuiteRun.Prepared prepared = suite.prepare(suite.resolve(plan, SuiteOptions.defaults()
                    .withChecks(FAMILIES).withNegatives(false)), List.of(), true);
            SuiteRun.Outcome outcome = suite.execute(prepared, new SuiteRun.Listener() { }, new Cancellation());

            assertThat(outcome.run().results()).hasSize(8).allSatisfy(r -> assertThat(r.verdict()).as(r.checkId())
                    .isEqualTo(Verdict.PASS));
            Reconciliation rec = outcome.reconciliation();
            assertThat(rec).as(outcome.problems().toString()).isNotNull();
            Map<String, Reconciliation.Row> rows = rec.rows().stream()
                    .collect(Collectors.toMap(Reconciliation.Row::checkId, r -> r));
            String all = rec.rows().stream().map(r -> r.checkId() + " " + r.status() + " " + r.difference())
                    .collect(Collectors.joining("\n"));
            assertThat(rows).as(all).hasSize(8);
            assertThat(rec.rows()).as(all).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(Reconciliation.Status.MATCH);
                assertThat(r.modelBilled()).isEqualTo(r.modelAsked());
            });
            for (String id : List.of("images:gpt-image-1", "video:sora-2", "transcription-formats:whisper-1",
                    "moderations:omni-moderation-latest")) {
                Reconciliation.Row row = rows.get(id);
                assertThat(row.costEstimateUsd()).as(id + " is priced per request, usage or not").isNotNull();
                assertThat(row.costEstimateUsd()).as(id).isCloseTo(row.costLoggedUsd(), within(1e-9));
            }
            assertThat(rows.get("video:sora-2").costLoggedUsd()).isCloseTo(
                    personality == DemoConfig.Personality.NEW_API ? 0.40 * 1.5 : 0.40, within(1e-9));
        } finally {
            pool.shutdownNow();
        }
    }
}
