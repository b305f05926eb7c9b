package ai.flatkey.migrate.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How a new-api gateway charges one request, in its own quota units (new-api {@code service/text_quota.go}):
 * <ul>
 *   <li>{@code quota_type} 0 (per token): {@code round((prompt + completion × completion_ratio) × model_ratio ×
 *       group_ratio)}, rounded half away from zero; a request with tokens costs at least 1 when the ratio is not 0
 *       (six embedding tokens at a small ratio round to 0 and are charged 1), one without tokens costs 0;</li>
 *   <li>{@code quota_type} 1 (per call): {@code round(model_price × quota_per_unit × group_ratio)}.</li>
 * </ul>
 * One US dollar is {@code quota_per_unit} quota units (published at {@code GET /api/status}).
 */
public record QuotaFormula(int quotaType, double modelRatio, double completionRatio, double modelPrice, double groupRatio,
                           double quotaPerUnit) {

    public QuotaFormula {
        if (quotaPerUnit <= 0 || Double.isNaN(quotaPerUnit) || Double.isInfinite(quotaPerUnit)) {
            throw new IllegalArgumentException("quota_per_unit must be positive, was " + quotaPerUnit);
        }
    }

    public boolean perCall() {
        return quotaType == 1;
    }

    /** The quota the gateway charges for a request with these token counts. */
    public long quota(int promptTokens, int completionTokens) {
        BigDecimal group = BigDecimal.valueOf(groupRatio);
        if (perCall()) {
            return BigDecimal.valueOf(modelPrice).multiply(BigDecimal.valueOf(quotaPerUnit)).multiply(group)
                    .setScale(0, RoundingMode.HALF_UP).longValue();
        }
        if (promptTokens + (long) completionTokens <= 0) {
            return 0; // no billable usage
        }
        BigDecimal ratio = BigDecimal.valueOf(modelRatio).multiply(group);
        long quota = BigDecimal.valueOf(promptTokens)
                .add(BigDecimal.valueOf(completionTokens).multiply(BigDecimal.valueOf(completionRatio)))
                .multiply(ratio).setScale(0, RoundingMode.HALF_UP).longValue();
        // new-api checks after rounding: a non-zero ratio never charges less than one unit
        return ratio.signum() != 0 && quota <= 0 ? 1 : quota;
    }

    /**
     * The quota of a video task of {@code seconds} at the default size, as new-api charges it
     * ({@code relay/relay_task.go}): {@code int(model_price × quota_per_unit × group_ratio)}, then × seconds,
     * truncated (see {@link MediaPricing}). A model without a per-call price has no task price here: 0.
     */
    public long taskQuota(int seconds) {
        if (!perCall()) {
            return 0;
        }
        long base = BigDecimal.valueOf(modelPrice).multiply(BigDecimal.valueOf(quotaPerUnit))
                .multiply(BigDecimal.valueOf(groupRatio)).setScale(0, RoundingMode.DOWN).longValue();
        return BigDecimal.valueOf(base).multiply(BigDecimal.valueOf(seconds)).setScale(0, RoundingMode.DOWN).longValue();
    }

    /** Quota units as US dollars, by the gateway's {@code quota_per_unit}. */
    public double usd(long quota) {
        return quota / quotaPerUnit;
    }

    /** US dollars per 1M input tokens (0 for a per-call price). */
    public double inputPer1M() {
        return perCall() ? 0 : modelRatio * groupRatio * 1_000_000 / quotaPerUnit;
    }

    /** US dollars per 1M output tokens (0 for a per-call price). */
    public double outputPer1M() {
        return inputPer1M() * completionRatio;
    }

    /** US dollars per call (0 for a per-token price). */
    public double perRequest() {
        return perCall() ? modelPrice * groupRatio : 0;
    }
}
