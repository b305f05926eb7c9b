package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.usage.Verification;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Transport;
import ai.flatkey.migrate.plan.BilledRequest;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.wire.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The quota guard prices the costly families before a run: each billed request of a family check is priced at its
 * own model (a video job per request, images per image, the spoken clip of a transcription at the speech model),
 * and a budget below that stops the run before anything is spent.
 */
class FamilyBudgetTest {

    private static MigrationPlan allFeatures(String baseUrl) throws Exception {
        MigrationPlan plan = new PlanStore().load(Path.of("assets/sample-plans/all-features.json"));
        return plan.withTarget(new Endpoint("demo", baseUrl, "demo"));
    }

    @Test
    void eachBilledRequestIsPricedAtItsOwnModel() throws Exception {
        MigrationPlan plan = allFeatures("http://127.0.0.1:1/v1");
        List<Check> checks = SmokeSuite.derive(plan);
        SuiteRun.Sides sides = new SuiteRun.Sides(plan, SuiteOptions.defaults(), checks, new Target("x", "k"), null);
        List<String> billed = sides.billedModels();

        assertThat(Collections.frequency(billed, "sora-2")).isEqualTo(1);
        assertThat(Collections.frequency(billed, "gpt-image-1")).as("generation and edit").isEqualTo(2);
        assertThat(Collections.frequency(billed, "whisper-1")).as("transcription, translation, 4 formats")
                .isEqualTo(6);
        assertThat(Collections.frequency(billed, "gpt-4o-mini-tts"))
                .as("the speech check, and the spoken clip of the transcription and of the translation").isEqualTo(3);
        assertThat(Collections.frequency(billed, "text-embedding-3-small"))
                .as("embeddings, and embeddings-base64's float and base64 requests").isEqualTo(3);
        assertThat(billed).doesNotContain("");
        assertThat(sides.billable()).isEqualTo(billed.size());
        SuiteRun.Sides twice = new SuiteRun.Sides(plan, SuiteOptions.defaults().withRepeat(2), checks,
                new Target("x", "k"), null);
        assertThat(twice.billable()).isEqualTo(2 * billed.size());
    }

    @Test
    void theEstimateIncludesPerRequestPricesAndABudgetBelowItIsCaught() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (DemoGateway gw = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0))) {
            Transport http = Transport.over(OpenAiClient.newHttpClient());
            KeyResolver keys = new KeyResolver(k -> null);
            keys.remember("demo", DemoGateway.DEMO_KEY);
            SuiteRun suite = new SuiteRun(SmokeService.of(new SmokeRunner(http, pool, Clock.systemUTC())),
                    new Verification(UsageService.of(() -> http, Clock.systemUTC())), keys);
            MigrationPlan plan = allFeatures(gw.baseUrl()).withBudgetUsd(0.25);

            SuiteRun.Prepared prepared = suite.prepare(suite.resolve(plan, SuiteOptions.defaults()), List.of(), true);

            Double cost = prepared.preflight().estimate().costUsd();
            assertThat(cost).as("priced from the gateway's per-request prices " + prepared.preflight().problems()).isNotNull();
            // per request: a video job $0.40, two images $0.04 each, six whisper calls $0.006 each, plus the
            // per-token ceilings of the chat checks and the speech requests
            assertThat(cost).isGreaterThan(0.40 + 2 * 0.04 + 6 * 0.006);
            assertThat(prepared.preflight().overBudget()).hasValueSatisfying(w -> assertThat(w)
                    .contains("over the plan's budget of $0.2500"));

            // without images and video in the inventory, those checks are not run and not priced
            MigrationPlan cheaper = plan.withInventory(new ai.flatkey.migrate.plan.Inventory(plan.inventory().sdk(),
                    List.of("chat", "responses", "embeddings", "audio", "moderations"), "", plan.inventory().productionModel(),
                    List.of(), plan.inventory().messageShape(), plan.inventory().parameters(), "", ""));
            Double less = suite.prepare(suite.resolve(cheaper, SuiteOptions.defaults()), List.of(), true).preflight()
                    .estimate().costUsd();
            assertThat(cost - less).isCloseTo(0.40 + 2 * 0.04, within(1e-9));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * After the all-features run, the suite's estimate counts every billed request — the formats check's four, the
     * spoken clip before each transcription, the float request before the base64 embeddings — and follows the gateway's rounding (six embedding tokens are charged one
     * quota unit, not $0.000000): every row matches the log, and the quota dropped by exactly our estimate plus the
     * requests whose answers carried no usage (the three speeches and the stream without its usage chunk).
     */
    @ParameterizedTest
    @EnumSource(DemoConfig.Personality.class)
    void theSuiteEstimateCountsEveryBilledRequestAndFollowsTheGatewaysRounding(DemoConfig.Personality personality)
            throws Exception {
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

            SuiteRun.Outcome outcome = suite.execute(suite.prepare(suite.resolve(plan, SuiteOptions.defaults()),
                    List.of(), true), new SuiteRun.Listener() { }, new Cancellation());

            Map<String, CheckResult> results = outcome.run().results().stream()
                    .collect(Collectors.toMap(CheckResult::checkId, Function.identity()));
            assertThat(outcome.run().allPassed()).as(outcome.run().tally()).isTrue();
            assertThat(results.get("transcription-formats:whisper-1").otherRequests())
                    .as("text, srt and verbose_json before the vtt the result stands for")
                    .extracting(BilledRequest::model).containsExactly("whisper-1", "whisper-1", "whisper-1");
            assertThat(results.get("transcriptions:whisper-1").otherRequests()).extracting(BilledRequest::model)
                    .containsExactly("gpt-4o-mini-tts");
            assertThat(results.get("translations:whisper-1").otherRequests()).extracting(BilledRequest::model)
                    .containsExactly("gpt-4o-mini-tts");
            assertThat(results.get("embeddings-base64:text-embedding-3-small").otherRequests())
                    .as("the float request it compares the base64 one with").extracting(BilledRequest::model)
                    .containsExactly("text-embedding-3-small");
            assertThat(results.get("chat:gpt-5.5").otherRequests()).isEmpty();

            Reconciliation rec = outcome.reconciliation();
            assertThat(rec).as(outcome.problems().toString()).isNotNull();
            Map<String, Reconciliation.Row> rows = rec.rows().stream()
                    .collect(Collectors.toMap(Reconciliation.Row::checkId, Function.identity()));
            String all = rec.rows().stream().map(r -> r.checkId() + " " + r.status() + " " + r.difference())
                    .collect(Collectors.joining("\n"));
            assertThat(rec.rows()).as(all).allSatisfy(r -> assertThat(r.status())
                    .isEqualTo(Reconciliation.Status.MATCH));
            for (String id : List.of("embeddings:text-embedding-3-small", "embeddings-base64:text-embedding-3-small")) {
                Reconciliation.Row row = rows.get(id);
                assertThat(row.costLoggedUsd()).as(id + ": one quota unit at least").isPositive();
                assertThat(row.costEstimateUsd()).as(id).isCloseTo(row.costLoggedUsd(), within(1e-12));
            }
            Reconciliation.Row speech = rows.get("speech:gpt-4o-mini-tts");
            Reconciliation.Row noUsage = rows.get("streaming-no-usage:gpt-5.5");
            assertThat(speech.costEstimateUsd()).as("a speech answer carries no usage").isNull();
            assertThat(noUsage.costEstimateUsd()).isNull();
            // the speech check and the two spoken clips say the same phrase with the same voice: the same charge
            double withoutUsage = 3 * speech.costLoggedUsd() + noUsage.costLoggedUsd();
            assertThat(rec.quotaDrop() - rec.suiteCostUsd()).as(rec.note()).isCloseTo(withoutUsage, within(1e-9));
            assertThat(rec.note()).contains("4 requests not in it");
        } finally {
            pool.shutdownNow();
        }
    }
}
