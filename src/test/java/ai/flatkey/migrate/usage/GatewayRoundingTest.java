package ai.flatkey.migrate.usage;

import ai.flatkey.migrate.plan.BilledRequest;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Our estimates follow the gateway's own charging rules: new-api rounds a per-token charge to a whole quota unit and
 * charges at least one unit for a request with tokens at a non-zero ratio ({@code service/text_quota.go}: after
 * rounding, {@code if !ratio.IsZero() && quota == 0 { quota = 1 }}; no billable usage, no charge); a gateway that
 * publishes dollar prices but charges in units (Flatkey) rounds the same way. And the suite's estimate counts every
 * billed request a check sent, not one per check.
 */
class GatewayRoundingTest {
    private static final double UNIT = 500_000; // new-api's default quota_per_unit

    @Test
    void aPerTokenChargeIsRoundedToAUnitAndIsAtLeastOneUnit() {
        // text-embedding-3-small at $0.02 / 1M: model ratio 0.01; 6 tokens are 0.06 units
        QuotaFormula embeddings = new QuotaFormula(0, 0.01, 1, 0, 1, UNIT);
        assertThat(embeddings.quota(6, 0)).as("0.06 units round to 0, and new-api charges 1").isEqualTo(1);
        assertThat(embeddings.quota(0, 0)).as("no tokens, no billable usage").isZero();
        assertThat(embeddings.quota(250, 0)).as("2.5 units round half away from zero").isEqualTo(3);
        assertThat(embeddings.quota(240, 0)).isEqualTo(2);
        assertThat(new QuotaFormula(0, 0, 1, 0, 1, UNIT).quota(6_000, 0)).as("a free model stays free").isZero();
        assertThat(new QuotaFormula(0, 0.01, 1, 0, 0, UNIT).quota(6, 0)).as("a free group stays free").isZero();
        assertThat(new QuotaFormula(1, 0, 0, 0.04, 1, UNIT).quota(0, 0)).as("per call: the price").isEqualTo(20_000);
        assertThat(embeddings.usd(embeddings.quota(6, 0))).isEqualTo(0.000002);
    }

    @Test
    void aDollarPriceChargedInUnitsCostsWholeUnitsAndAtLeastOne() {
        ModelPrice inUnits = ModelPrice.inUnits("text-embedding-3-small", 0.02, 0, 0, UNIT);
        assertThat(inUnits.cost(6, 0)).as("$0.00000012 is charged as one unit").isEqualTo(0.000002);
        assertThat(inUnits.cost(0, 0)).as("nothing used, nothing charged").isZero();
        ModelPrice chat = ModelPrice.inUnits("gpt-5.5", 1.25, 10, 0, UNIT);
        // 25 × 1.25 + 48 × 10 = 511.25 µ$ = 255.625 units → 256 units
        assertThat(chat.cost(25, 48)).isEqualTo(256 / UNIT);
        assertThat(ModelPrice.inUnits("whisper-1", 0, 0, 0.006, UNIT).cost(0, 0)).isEqualTo(0.006);
        // a price file's dollars are not rounded: no unit is known
        assertThat(new ModelPrice("text-embedding-3-small", 0.02, 0, 0, "file").cost(6, 0))
                .isCloseTo(0.00000012, within(1e-15));
    }

    @Test
    void theSuiteEstimateCountsEveryBilledRequestOfACheck() throws Exception {
        PriceTable prices = PriceTable.of(List.of(ModelPrice.inUnits("whisper-1", 0, 0, 0.006, UNIT),
                ModelPrice.inUnits("gpt-5.5", 1.25, 10, 0, UNIT)), List.of(), MigrationPlan.newPlan("p"));
        CheckResult formats = result("transcription-formats:whisper-1", "transcription-formats", "whisper-1", "r4",
                null, null, List.of(new BilledRequest("whisper-1", "r1", null, null),
                        new BilledRequest("whisper-1", "r2", null, null), new BilledRequest("whisper-1", "r3", null, null)));
        CheckResult transcription = result("transcriptions:whisper-1", "transcriptions", "whisper-1", "r5", null, null,
                List.of(new BilledRequest("gpt-4o-mini-tts", "r6", null, null)));
        CheckResult chat = result("chat:gpt-5.5", "chat", "gpt-5.5", "r7", 25, 48, List.of());
        CheckResult refusedKey = result("auth", "auth", "gpt-5.5", "r8", null, null, List.of());
        SmokeRun run = new SmokeRun("2026-12-01T10:00:00Z", "http://gw/v1", List.of(formats, transcription, chat,
                refusedKey));

        Reconciler.SuiteCost cost = Reconciler.suiteCost(run, prices);

        // four whisper requests for the formats, one for the transcription, and the chat's 256 units
        assertThat(cost.usd()).isCloseTo(5 * 0.006 + 256 / UNIT, within(1e-12));
        assertThat(cost.unpriced()).as("the spoken clip: no usage in a speech answer, no price for the model")
                .isEqualTo(1);
    }

    private static CheckResult result(String id, String feature, String model, String requestId, Integer prompt,
                                      Integer completion, List<BilledRequest> others) {
        return new CheckResult(id, feature, model, Verdict.PASS, "", "ok", requestId, null, 100L, prompt, completion,
                prompt == null ? null : prompt + completion, "", "", null, "", List.of()).withOtherRequests(others);
    }
}
