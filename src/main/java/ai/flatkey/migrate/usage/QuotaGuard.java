package ai.flatkey.migrate.usage;

import java.util.Locale;
import java.util.Optional;

/**
 * Before a suite runs: estimates what it will cost and says so when that exceeds the key's remaining quota or the
 * person's budget. The caller asks first (wizard) or refuses unless told to go on (CLI {@code --allow-over-budget}).
 */
public final class QuotaGuard {
    /** Tokens one chat check is expected to use: a short prompt and a short answer, with head-room. */
    public static final int TOKENS_PER_CHECK = 200;

    private QuotaGuard() {
    }

    /**
     * @param billableRequests how many billable requests the suite sends (checks × repeat, both sides in compare mode)
     * @param models           the models the requests go to, cycled over; null price → not estimated
     */
    public static Estimate estimate(int billableRequests, java.util.List<String> models, PriceTable prices) {
        int tokens = billableRequests * TOKENS_PER_CHECK;
        Double cost = null;
        if (!models.isEmpty()) {
            double sum = 0;
            for (int i = 0; i < billableRequests; i++) {
                Double c = prices.cost(models.get(i % models.size()), TOKENS_PER_CHECK / 4, TOKENS_PER_CHECK * 3 / 4);
                if (c == null) {
                    sum = Double.NaN;
                    break;
                }
                sum += c;
            }
            cost = Double.isNaN(sum) ? null : sum;
        }
        return new Estimate(billableRequests, tokens, cost);
    }

    /** What a suite is expected to use. {@code costUsd} is null without prices for every model. */
    public record Estimate(int requests, int tokens, Double costUsd) {
    }

    /** A warning when the estimate exceeds the remaining quota or the budget; empty when it fits (or cannot be known). */
    public static Optional<String> check(Estimate e, Optional<KeyQuota> quota, Double budgetUsd) {
        if (e.costUsd() == null) {
            return Optional.empty();
        }
        if (quota.isPresent() && !quota.get().unlimited() && quota.get().availableUsd() != null
                && e.costUsd() > quota.get().availableUsd()) {
            return Optional.of(String.format(Locale.ROOT, "The suite is expected to cost about $%.4f (%d requests, ~%d tokens)"
                    + " but the key has only $%.4f left.", e.costUsd(), e.requests(), e.tokens(), quota.get().availableUsd()));
        }
        if (budgetUsd != null && e.costUsd() > budgetUsd) {
            return Optional.of(String.format(Locale.ROOT, "The suite is expected to cost about $%.4f (%d requests, ~%d tokens),"
                    + " over the plan's budget of $%.4f.", e.costUsd(), e.requests(), e.tokens(), budgetUsd));
        }
        return Optional.empty();
    }
}
