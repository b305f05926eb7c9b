package ai.flatkey.migrate.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * What the demo gateway charges and in which unit. The Flatkey personality prices at catalog USD, 500,000 quota units
 * per dollar. The new-api personality charges the way new-api does: per token, {@code round((prompt + completion ×
 * completion_ratio) × model_ratio × group_ratio)} (at least 1), or per call, {@code round(model_price ×
 * quota_per_unit × group_ratio)}, in its own non-default unit, with a group ratio that is not 1. Written from
 * new-api's behaviour, independently of the client's adapters.
 */
final class Tariff {

    /** new-api's {@code quota_per_unit} in the new-api personality: not the default 500,000. */
    static final long NEW_API_QUOTA_PER_UNIT = 1_000_000;
    /** The {@code default} group's ratio in the new-api personality. */
    static final double NEW_API_GROUP_RATIO = 1.5;
    /** Models the new-api personality prices per call ({@code quota_type} 1): model → USD per call. */
    static final Map<String, Double> NEW_API_PER_CALL = Map.of("gpt-4.1-mini", 0.002);

    private final boolean newApi;

    private Tariff(boolean newApi) {
        this.newApi = newApi;
    }

    static Tariff of(DemoConfig.Personality personality) {
        return new Tariff(personality == DemoConfig.Personality.NEW_API);
    }

    boolean newApi() {
        return newApi;
    }

    /** Quota units per US dollar. */
    long quotaPerUsd() {
        return newApi ? NEW_API_QUOTA_PER_UNIT : Ledger.QUOTA_PER_USD;
    }

    double groupRatio() {
        return newApi ? NEW_API_GROUP_RATIO : 1.0;
    }

    /** 1 when the model is priced per call, else 0. */
    int quotaType(CatalogModel model) {
        return newApi && (NEW_API_PER_CALL.containsKey(model.id()) || model.perCall()) ? 1 : 0;
    }

    double modelPrice(CatalogModel model) {
        return quotaType(model) == 1 ? NEW_API_PER_CALL.getOrDefault(model.id(), model.perCallUsd()) : 0;
    }

    /** Quota per input token: the catalog's USD per 1M input tokens in this unit. */
    BigDecimal modelRatio(CatalogModel model) {
        return BigDecimal.valueOf(model.inputPerMillionUsd()).multiply(BigDecimal.valueOf(quotaPerUsd()))
                .divide(BigDecimal.valueOf(1_000_000), 6, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    BigDecimal completionRatio(CatalogModel model) {
        BigDecimal input = BigDecimal.valueOf(model.inputPerMillionUsd());
        return input.signum() == 0 ? BigDecimal.ONE
                : BigDecimal.valueOf(model.outputPerMillionUsd()).divide(input, 6, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    /** The quota a request costs. */
    long quota(CatalogModel model, int promptTokens, int completionTokens) {
        if (!newApi) {
            return Ledger.quota(model, promptTokens, completionTokens);
        }
        BigDecimal group = BigDecimal.valueOf(groupRatio());
        if (quotaType(model) == 1) {
            return BigDecimal.valueOf(modelPrice(model)).multiply(BigDecimal.valueOf(quotaPerUsd())).multiply(group)
                    .setScale(0, RoundingMode.HALF_UP).longValue();
        }
        if (promptTokens + (long) completionTokens <= 0) {
            return 0; // new-api: no billable usage, no charge
        }
        BigDecimal ratio = modelRatio(model).multiply(group);
        long quota = BigDecimal.valueOf(promptTokens)
                .add(BigDecimal.valueOf(completionTokens).multiply(completionRatio(model))).multiply(ratio)
                .setScale(0, RoundingMode.HALF_UP).longValue();
        // new-api (service/text_quota.go) checks after rounding: a non-zero ratio charges at least one unit
        return ratio.signum() != 0 && quota == 0 ? 1 : quota;
    }

    /**
     * The quota of a video task of {@code seconds} at the default size. new-api ({@code relay/relay_task.go}, with the
     * sora adaptor's {@code seconds} ratio) takes the per-call quota {@code int(model_price × quota_per_unit ×
     * group_ratio)} and multiplies it by the seconds, truncating: the model price is a price per second. The Flatkey
     * personality charges the catalog's per-second price × seconds in its unit, rounded.
     */
    long taskQuota(CatalogModel model, int seconds) {
        if (!newApi) {
            return BigDecimal.valueOf(model.perCallUsd()).multiply(BigDecimal.valueOf(seconds))
                    .multiply(BigDecimal.valueOf(quotaPerUsd())).setScale(0, RoundingMode.HALF_UP).longValue();
        }
        long base = BigDecimal.valueOf(modelPrice(model)).multiply(BigDecimal.valueOf(quotaPerUsd()))
                .multiply(BigDecimal.valueOf(groupRatio())).setScale(0, RoundingMode.DOWN).longValue();
        return BigDecimal.valueOf(base).multiply(BigDecimal.valueOf(seconds)).setScale(0, RoundingMode.DOWN).longValue();
    }

    /** The log's {@code content}, in new-api's words. */
    String content(CatalogModel model) {
        if (!newApi) {
            return model.perCall() ? "model price: $" + model.perCallUsd() + " per request"
                    : "model price: input $" + model.inputPerMillionUsd() + " / output $" + model.outputPerMillionUsd()
                    + " per 1M tokens";
        }
        return quotaType(model) == 1
                ? "model price " + modelPrice(model) + ", group ratio " + groupRatio()
                : "model ratio " + modelRatio(model).toPlainString() + ", completion ratio "
                        + completionRatio(model).toPlainString() + ", group ratio " + groupRatio();
    }

    /** Quota as dollars the way new-api's messages do: {@code $0.000500}. */
    String dollars(long quota) {
        return "$" + usd(quota).toPlainString();
    }

    BigDecimal usd(long quota) {
        return BigDecimal.valueOf(quota).divide(BigDecimal.valueOf(quotaPerUsd()), 6, RoundingMode.HALF_UP);
    }
}
