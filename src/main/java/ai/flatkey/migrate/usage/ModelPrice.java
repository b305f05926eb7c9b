package ai.flatkey.migrate.usage;

/**
 * A model's price in USD per 1M input and output tokens (and per request where the gateway prices so).
 *
 * @param source  where the price came from: {@code gateway}, {@code file}, {@code typed}
 * @param formula the gateway's own charging formula in its quota units (new-api ratios), or null: when present, a
 *                cost is computed by it, rounded as the gateway rounds, so an estimate equals the charge exactly
 */
public record ModelPrice(String model, double inputPer1M, double outputPer1M, double perRequest, String source,
                         QuotaFormula formula) {

    public ModelPrice(String model, double inputPer1M, double outputPer1M, double perRequest, String source) {
        this(model, inputPer1M, outputPer1M, perRequest, source, null);
    }

    /** A gateway price by new-api's formula; the per-1M figures are derived from it for display. */
    public static ModelPrice of(String model, QuotaFormula formula) {
        return new ModelPrice(model, formula.inputPer1M(), formula.outputPer1M(), formula.perRequest(), "gateway", formula);
    }

    /**
     * Whether the price does not depend on tokens: a per-call formula or a free one (model ratio 0), or a price per
     * request (or none at all) with no per-token part.
     */
    public boolean perRequestOnly() {
        return formula != null ? formula.perCall() || formula.modelRatio() == 0 : inputPer1M == 0 && outputPer1M == 0;
    }

    /** The cost of one request with these token counts. */
    public double cost(int promptTokens, int completionTokens) {
        if (formula != null) {
            return formula.usd(formula.quota(promptTokens, completionTokens));
        }
        return perRequest + promptTokens * inputPer1M / 1_000_000.0 + completionTokens * outputPer1M / 1_000_000.0;
    }
}
