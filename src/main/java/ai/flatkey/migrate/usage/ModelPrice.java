package ai.flatkey.migrate.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A model's price in USD per 1M input and output tokens (and per request where the gateway prices so).
 *
 * @param source       where the price came from: {@code gateway}, {@code file}, {@code typed}
 * @param formula      the gateway's own charging formula in its quota units (new-api ratios), or null: when present, a
 *                     cost is computed by it, rounded as the gateway rounds, so an estimate equals the charge exactly
 * @param quotaPerUnit for a price in dollars from a gateway that charges in quota units (a new-api gateway publishing
 *                     dollar prices, as Flatkey does): its units per US dollar, so a cost is rounded to whole units
 *                     as it charges them — and a request that costs anything costs at least one unit; 0 when the
 *                     gateway charges dollars as they are
 */
public record ModelPrice(String model, double inputPer1M, double outputPer1M, double perRequest, String source,
                         QuotaFormula formula, double quotaPerUnit) {

    public ModelPrice(String model, double inputPer1M, double outputPer1M, double perRequest, String source) {
        this(model, inputPer1M, outputPer1M, perRequest, source, null, 0);
    }

    public ModelPrice(String model, double inputPer1M, double outputPer1M, double perRequest, String source,
                      QuotaFormula formula) {
        this(model, inputPer1M, outputPer1M, perRequest, source, formula, 0);
    }

    /** A gateway price by new-api's formula; the per-1M figures are derived from it for display. */
    public static ModelPrice of(String model, QuotaFormula formula) {
        return new ModelPrice(model, formula.inputPer1M(), formula.outputPer1M(), formula.perRequest(), "gateway", formula);
    }

    /** A gateway's price in dollars, charged in whole quota units of {@code quotaPerUnit} per dollar. */
    public static ModelPrice inUnits(String model, double inputPer1M, double outputPer1M, double perRequest,
                                     double quotaPerUnit) {
        return new ModelPrice(model, inputPer1M, outputPer1M, perRequest, "gateway", null, quotaPerUnit);
    }

    /**
     * Whether the price does not depend on tokens: a per-call formula or a free one (model ratio 0), or a price per
     * request (or none at all) with no per-token part.
     */
    public boolean perRequestOnly() {
        return formula != null ? formula.perCall() || formula.modelRatio() == 0 : inputPer1M == 0 && outputPer1M == 0;
    }

    /**
     * The cost of a video task of {@code seconds}: its per-request price is a price per second (new-api multiplies it
     * by the seconds asked for; see {@link MediaPricing}), rounded as the gateway rounds.
     */
    public double taskCost(int seconds) {
        if (formula != null) {
            return formula.usd(formula.taskQuota(seconds));
        }
        return new ModelPrice(model, 0, 0, perRequest * seconds, source, null, quotaPerUnit).cost(0, 0);
    }

    /** The cost of one request with these token counts. */
    public double cost(int promptTokens, int completionTokens) {
        if (formula != null) {
            return formula.usd(formula.quota(promptTokens, completionTokens));
        }
        if (quotaPerUnit <= 0) {
            return perRequest + promptTokens * inputPer1M / 1_000_000.0 + completionTokens * outputPer1M / 1_000_000.0;
        }
        BigDecimal usd = BigDecimal.valueOf(inputPer1M).multiply(BigDecimal.valueOf(promptTokens))
                .add(BigDecimal.valueOf(outputPer1M).multiply(BigDecimal.valueOf(completionTokens)))
                .divide(BigDecimal.valueOf(1_000_000)).add(BigDecimal.valueOf(perRequest));
        long units = usd.multiply(BigDecimal.valueOf(quotaPerUnit)).setScale(0, RoundingMode.HALF_UP).longValue();
        if (units == 0 && usd.signum() > 0) {
            units = 1; // the gateway's minimum charge for a request that costs anything
        }
        return units / quotaPerUnit;
    }
}
