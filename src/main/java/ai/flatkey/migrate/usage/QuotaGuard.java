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
     * Output tokens counted for a request whose body sets no output limit (a request check sent as written): the
     * estimate cannot be a ceiling for it, and says so ({@link Estimate#unbounded()}).
     */
    public static final int UNBOUNDED_OUTPUT_COUNTED = 4096;

    /**
     * One billable request as the estimate counts it.
     *
     * @param model        the model it goes to
     * @param promptTokens the prompt tokens counted
     * @param outputTokens the output tokens counted: its limit
     * @param bounded      whether the request itself limits its output (false: {@code outputTokens} is an assumption)
     */
    public record Bill(String model, int promptTokens, int outputTokens, boolean bounded, int taskSeconds) {
        public Bill(String model, int promptTokens, int outputTokens, boolean bounded) {
            this(model, promptTokens, outputTokens, bounded, 0);
        }

        /** A probe of the app's own: the probe's prompt and {@link #MAX_OUTPUT_TOKENS_PER_CHECK}. */
        public static Bill probe(String model) {
            return new Bill(model, PROMPT_TOKENS_PER_CHECK, MAX_OUTPUT_TOKENS_PER_CHECK, true);
        }

        /**
         * A speech request for {@code input}, as new-api bills it: the input's tokens, and the audio tokens of the
         * longest clip it can make ({@link MediaPricing#speechCompletionTokens}) — a ceiling, not the probe's 256.
         */
        public static Bill speech(String model, String input) {
            return new Bill(model, MediaPricing.promptTokensCeiling(input),
                    MediaPricing.speechCompletionTokens(MediaPricing.speechSecondsCeiling(input)), true);
        }

        /** A video job of {@code seconds}, priced per second of video (see {@link MediaPricing}). */
        public static Bill video(String model, int seconds) {
            return new Bill(model, 0, 0, true, seconds);
        }
    }

    /**
     * @param billableRequests how many billable requests the suite sends (checks × repeat, both sides in compare mode)
     * @param models           the models the requests go to, cycled over; null price → not estimated
     */
    public static Estimate estimate(int billableRequests, java.util.List<String> models, PriceTable prices) {
        java.util.List<Bill> bills = new java.util.ArrayList<>(billableRequests);
        for (int i = 0; i < billableRequests; i++) {
            bills.add(Bill.probe(models.isEmpty() ? null : models.get(i % models.size())));
        }
        return estimate(bills, prices);
    }

    /** What these requests can cost: each at its prompt and its output limit; null cost when one has no price. */
    public static Estimate estimate(java.util.List<Bill> bills, PriceTable prices) {
        int tokens = 0;
        int unbounded = 0;
        double sum = 0;
        for (Bill b : bills) {
            tokens += b.promptTokens() + b.outputTokens();
            unbounded += b.bounded() ? 0 : 1;
            Double c = b.model() == null || Double.isNaN(sum) ? null
                    : prices.cost(b.model(), b.promptTokens(), b.outputTokens(), b.taskSeconds());
            sum = c == null ? Double.NaN : sum + c;
        }
        return new Estimate(bills.size(), tokens, Double.isNaN(sum) ? null : sum, unbounded);
    }

    /**
     * What a suite can use at most (every request priced at its prompt and its full output bound). {@code costUsd}
     * is null without prices for every model. {@code unbounded} requests set no output limit and were counted at
     * {@link #UNBOUNDED_OUTPUT_COUNTED} output tokens each: for them the figure is an assumption, not a ceiling.
     */
    public record Estimate(int requests, int tokens, Double costUsd, int unbounded) {
        public Estimate(int requests, int tokens, Double costUsd) {
            this(requests, tokens, costUsd, 0);
        }

        /** The words for the requests whose output has no limit, or empty. */
        public String unboundedNote() {
            return unbounded == 0 ? "" : String.format(Locale.ROOT, " %d of them set no output limit and are counted at"
                    + " %,d output tokens each, so the cost may be higher.", unbounded, UNBOUNDED_OUTPUT_COUNTED);
        }
    }

    /** A warning when the estimate exceeds the remaining quota or the budget; empty when it fits (or cannot be known). */
    public static Optional<String> check(Estimate e, Optional<KeyQuota> quota, Double budgetUsd) {
        if (e.costUsd() == null) {
            return Optional.empty();
        }
        if (quota.isPresent() && !quota.get().unlimited() && quota.get().availableUsd() != null
                && e.costUsd() > quota.get().availableUsd()) {
            return Optional.of(String.format(Locale.ROOT, "The suite is expected to cost about $%.4f (%d requests, ~%d tokens)"
                    + " but the key has only $%.4f left.", e.costUsd(), e.requests(), e.tokens(), quota.get().availableUsd())
                    + e.unboundedNote());
        }
        if (budgetUsd != null && e.costUsd() > budgetUsd) {
            return Optional.of(String.format(Locale.ROOT, "The suite is expected to cost about $%.4f (%d requests, ~%d tokens),"
                    + " over the plan's budget of $%.4f.", e.costUsd(), e.requests(), e.tokens(), budgetUsd)
                    + e.unboundedNote());
        }
        return Optional.empty();
    }
}
