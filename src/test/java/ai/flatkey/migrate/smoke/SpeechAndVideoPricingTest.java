package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.usage.MediaPricing;
import ai.flatkey.migrate.usage.QuotaGuard;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.usage.Verification;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Transport;
import org.junit.jupiter.api.Test;
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
 * Issue 20: the quota guard prices a speech check and a video check the way new-api bills them before they run — a
 * speech request at its input's tokens and the audio tokens of the longest clip it can make (1,000 a minute, by the
 * second, rounded up), a video job per second of video (int(model price × unit × group) × seconds) — and after the
 * run their reconciliation rows match the demo gateway's ledger, which bills them the same way.
 */
class SpeechAndVideoPricingTest {

    @Test
    void aSpeechCheckIsCountedAtItsInputAndTheAudioTokensOfItsLongestClip() throws Exception {
        MigrationPlan plan = new PlanStore().load(Path.of("assets/sample-plans/all-features.json"));
        Check speech = SmokeSuite.derive(plan).stream().filter(c -> c.kind().equals(FamilyChecks.SPEECH)).findFirst()
                .orElseThrow();
        Check video = SmokeSuite.derive(plan).stream().filter(c -> c.kind().equals(FamilyChecks.VIDEO)).findFirst()
                .orElseThrow();
        // "The quick brown fox jumps over the lazy dog.": 44 characters, 9 words → at most 5.4 s → 6 s → 100 tokens
        assertThat(FamilyChecks.bills(speech, plan)).containsExactly(
                new QuotaGuard.Bill("gpt-4o-mini-tts", 15, 100, true, 0));
        assertThat(MediaPricing.speechCompletionTokens(3.15)).as("new-api: round(ceil(3.15) / 60 × 1000)").isEqualTo(67);
        assertThat(FamilyChecks.bills(video, plan)).containsExactly(new QuotaGuard.Bill("sora-2", 0, 0, true, 4));
    }

    @ParameterizedTest
    @EnumSource(DemoConfig.Personality.class)
    void theEstimateComesFirstAndTheRowsMatchTheLedger(DemoConfig.Personality personality) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
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
                    .withChecks("speech:*,video:*").withNegatives(false)), List.of(), true);
            boolean newApi = personality == DemoConfig.Personality.NEW_API;
            // new-api: speech round((15 + 100 × completion ratio 20) × model ratio 0.6 × group 1.5) = 1814 units of
            // 1,000,000 a dollar; video int(0.10 × 1,000,000 × 1.5) × 4 s = 600,000.
            // Flatkey: $0.60 and $12.00 per 1M → $0.001209 → 605 units of 500,000 a dollar; $0.10 × 4 s.
            double expected = newApi ? 0.001814 + 0.60 : 605 / 500_000.0 + 0.40;
            assertThat(prepared.preflight().estimate().costUsd()).as(prepared.preflight().problems().toString())
                    .isCloseTo(expected, within(1e-9));

            SuiteRun.Outcome outcome = suite.execute(prepared, new SuiteRun.Listener() { }, new Cancellation());
            assertThat(outcome.run().results()).hasSize(2)
                    .allSatisfy(r -> assertThat(r.verdict()).as(r.checkId()).isEqualTo(Verdict.PASS));
            Reconciliation rec = outcome.reconciliation();
            assertThat(rec).as(outcome.problems().toString()).isNotNull();
            Map<String, Reconciliation.Row> rows = rec.rows().stream()
                    .collect(Collectors.toMap(Reconciliation.Row::checkId, r -> r));
            String all = rec.rows().stream().map(r -> r.checkId() + " " + r.status() + " " + r.difference())
                    .collect(Collectors.joining("\n"));
            assertThat(rec.rows()).as(all).hasSize(2)
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo(Reconciliation.Status.MATCH));
            Reconciliation.Row video = rows.get("video:sora-2");
            assertThat(video.costEstimateUsd()).as(all).isCloseTo(newApi ? 0.60 : 0.40, within(1e-9));
            assertThat(video.costLoggedUsd()).as(all).isCloseTo(video.costEstimateUsd(), within(1e-9));
            Reconciliation.Row speech = rows.get("speech:gpt-4o-mini-tts");
            assertThat(speech.costLoggedUsd()).as("the clip the gateway made (3.15 s → 67 audio tokens) costs less"
                    + " than the estimate's longest clip: " + all).isPositive().isLessThan(newApi ? 0.001814 : 0.00121);
        } finally {
            pool.shutdownNow();
        }
    }
}
