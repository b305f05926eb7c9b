package ai.flatkey.migrate.usage;

import java.util.Locale;
import java.util.Optional;

/**
 * Before a suite runs: estimates what it will cost and says so when that exceeds the key's remaining quota or the
 * person's budget. The caller asks first (wizard) or refuses unless told to go on (CLI {@code --allow-over-budget}).
 */
public final class QuotaGuard {
    /**
     * The most output tokens one smoke request may produce: every probe carries it as {@code max_tokens} (or
     * {@code max_completion_tokens} where a model refuses that) and {@code max_output_tokens} on the Responses API,
     * so a model that does not stop costs this much, not its context window. Room for a one-sentence answer, a tool
     * call or a small JSON object, and for the reasoning tokens a reasoning model spends before any text.
     */
    public static final int MAX_OUTPUT_TOKENS_PER_CHECK = 256;
    /** Prompt tokens one check sends at most: the longest probe (two tool schemas, or a small inline image), with head-room. */
    public static final int PROMPT_TOKENS_PER_CHECK = 200;
    /** Tokens one check can use at most: its prompt and the output bound. The estimate is a ceiling, not a guess. */
    public static final int TOKENS_PER_CHECK = PROMPT_TOKENS_PER_CHECK + MAX_OUTPUT_TOKENS_PER_CHECK;

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
                Double c = prices.cost(models.get(i % models.size()), PROMPT_TOKENS_PER_CHECK, MAX_OUTPUT_TOKENS_PER_CHECK);
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

    /**
     * What a suite can use at most (every request priced at its prompt and its full output bound). {@code costUsd}
     * is null without prices for every model.
     */
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
